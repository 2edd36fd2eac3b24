package inference_test

import (
	"fmt"

	"github.com/describer/describer/inference"
)

func ExampleTokenizer_Decode() {
	tk, err := inference.LoadTokenizer("testdata/vit-gpt2/tiny")
	if err != nil {
		fmt.Println(err)
		return
	}
	// <|endoftext|> a ␣red ␣square <|endoftext|>
	text, err := tk.Decode([]int64{302, 64, 259, 283, 302})
	fmt.Println(text, err)
	// Output: a red square <nil>
}

func ExampleGenerationConfig() {
	g, err := inference.ParseGenerationConfig([]byte(`{"eos_token_id": 50256, "max_length": 16, "num_beams": 4}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(g.DecoderStartTokenID, g.MaxLength-1, g.NumBeams, g.LengthPenalty)
	// Output: 50256 15 4 1
}
