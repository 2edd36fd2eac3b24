package generate_test

import (
	"fmt"

	"github.com/describer/describer/inference/generate"
)

func ExampleParseConfig() {
	g, err := generate.ParseConfig([]byte(`{"eos_token_id": 50256, "max_length": 16, "num_beams": 4}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(g.DecoderStartTokenID, g.MaxLength-1, g.NumBeams, g.LengthPenalty)
	// Output: 50256 15 4 1
}
