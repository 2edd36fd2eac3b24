package app_test

import (
	"fmt"

	"github.com/describer/describer/app"
)

func ExampleDescription_Sentence() {
	for _, d := range []app.Description{
		{Caption: "a cat sitting on a laptop", Confidence: 0.62},
		{Caption: "people surfing", Confidence: 0.12},
		{Blank: true},
	} {
		fmt.Println(d.Sentence())
	}
	// Output:
	// a cat sitting on a laptop
	// Possibly people surfing.
	// The image appears blank.
}
