package app_test

import (
	"errors"
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

func ExampleSentence() {
	err := fmt.Errorf("capture: grab screen %d: %w", 0, errors.New("empty display string"))
	fmt.Println(app.Sentence(err))
	// Output: Empty display string.
}
