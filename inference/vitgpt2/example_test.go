package vitgpt2_test

import (
	"fmt"

	"github.com/describer/describer/inference/vitgpt2"
)

func ExampleTokenizer_Decode() {
	tk, err := vitgpt2.LoadTokenizer("testdata/tiny")
	if err != nil {
		fmt.Println(err)
		return
	}
	// <|endoftext|> a ␣red ␣square <|endoftext|>
	text, err := tk.Decode([]int64{302, 64, 259, 283, 302})
	fmt.Println(text, err)
	// Output: a red square <nil>
}
