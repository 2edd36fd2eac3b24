package captioneval_test

import (
	"fmt"
	"strings"

	"github.com/describer/describer/inference/captioneval"
)

func ExampleTokenize() {
	fmt.Println(strings.Join(captioneval.Tokenize(`A dog doesn't fit in the car (it's 3,000.50 lbs.)`), " "))
	// Output: a dog does n't fit in the car -lrb- it 's 3,000.50 lbs -rrb-
}

func ExampleScore() {
	refs := map[string][]string{
		"1": {"A man riding a wave on a surfboard.", "A surfer rides a big wave."},
		"2": {"Two giraffes standing near trees.", "A pair of giraffes in a zoo."},
	}
	cands := map[string]string{"1": "A man riding a wave.", "2": "Two giraffes near a tree."}
	s, err := captioneval.Score(refs, cands)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, m := range s.Metrics() {
		fmt.Printf("%-8s %.3f\n", m.Name, m.Value)
	}
	// Output:
	// BLEU-1   0.814
	// BLEU-2   0.679
	// BLEU-3   0.593
	// BLEU-4   0.554
	// METEOR   0.347
	// ROUGE-L  0.669
	// CIDEr-D  2.469
}
