package inference_test

import (
	"errors"
	"fmt"

	"github.com/describer/describer/inference"
)

func ExampleCaptionOptions_Check() {
	opt := inference.CaptionOptions{NumBeams: 4, MaxLength: 100}
	err := opt.Check(64) // a decoder with 64 positions
	fmt.Println(errors.Is(err, inference.ErrBadOption), err)
	// Output: true caption option out of range: a maximum length of 100 is more than this model's 64 positions
}
