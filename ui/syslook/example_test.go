package syslook_test

import (
	"context"
	"fmt"

	"github.com/describer/describer/ui/syslook"
)

// A first start picks its theme and text size from the system's.
func ExampleRead() {
	look := syslook.Read(context.Background())
	theme := "auto"
	switch {
	case look.HighContrast && look.Dark:
		theme = "high-contrast-dark"
	case look.HighContrast:
		theme = "high-contrast-light"
	}
	size := look.TextSize
	if size == 0 {
		size = 100
	}
	size = min(max(size, 100), 400)
	fmt.Println(theme, size)
}
