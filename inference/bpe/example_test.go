package bpe_test

import (
	"fmt"

	"github.com/describer/describer/inference/bpe"
)

func ExampleTokenizer_Decode() {
	tk, err := bpe.LoadTokenizer("../vitgpt2/testdata/tiny")
	if err != nil {
		fmt.Println(err)
		return
	}
	// <|endoftext|> a ␣red ␣square <|endoftext|>
	text, err := tk.Decode([]int64{302, 64, 259, 283, 302})
	fmt.Println(text, err)
	// Output: a red square <nil>
}
