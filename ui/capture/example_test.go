package capture_test

import (
	"context"
	"errors"
	"fmt"
	"image"
	"time"

	"github.com/describer/describer/ui/capture"
)

// Source is the interface an app might hold; capture.Desktop satisfies it.
type Source interface {
	Screen(ctx context.Context) (image.Image, error)
	ActiveWindow(ctx context.Context) (image.Image, error)
	Clipboard(ctx context.Context) (image.Image, error)
}

func ExampleDesktop() {
	var src Source = capture.Desktop{}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()

	img, err := src.Clipboard(ctx)
	switch {
	case errors.Is(err, capture.ErrNoClipboardImage):
		fmt.Println(err) // "The clipboard holds no image."
		return
	case err != nil:
		fmt.Println(err)
		return
	}
	fmt.Println("describe a picture of", img.Bounds().Size())
}

func ExampleScreen() {
	img, err := capture.Screen(context.Background())
	if err != nil {
		// Without a display: "There is no screen to capture; no display was found."
		fmt.Println(err)
		return
	}
	fmt.Println("captured", img.Bounds().Dx(), "×", img.Bounds().Dy())
}
