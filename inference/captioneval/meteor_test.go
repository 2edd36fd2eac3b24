package captioneval

import (
	"math"
	"testing"
)

func TestMETEOR(t *testing.T) {
	tests := []struct {
		name string
		c    Corpus
		want float64
	}{
		{"identical: no fragmentation penalty", corpus([]string{"a man rides a red bike", "a man rides a red bike"}), 1},
		{"disjoint", corpus([]string{"two cats", "a man on a bike"}), 0},
		// two content words matched by stem, each weighing 0.6, in one chunk
		{"stems", corpus([]string{"dogs running", "dog runs"}), 0.6},
		// all matched, but two chunks of one: penalty 0.6 × (2/2)^0.2
		{"fragmentation", corpus([]string{"cat dog", "dog cat"}), 0.4},
		// "the" alone matches: P = R = 0.25/(0.75 + 0.25), one chunk of one
		{"function words weigh 1−δ", corpus([]string{"the dog", "the cat"}), 0.25 * (1 - 0.6)},
		{"the best reference", corpus([]string{"cat dog", "a bird", "dog cat", "cat dog"}), 1},
		// summed statistics: P = R = 3/4 (3 of 4 words matched), 2 chunks
		// of 3 matches
		{"corpus statistics", corpus([]string{"cat dog", "cat dog"}, []string{"bird fish", "bird lion"}),
			0.75 * (1 - 0.6*math.Pow(2.0/3, 0.2))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { near(t, "METEOR", METEOR(tt.c), tt.want, 1e-12) })
	}
}

// TestMeteorAlignPrefersFewerChunks checks the alignment search picks,
// of the alignments with the most matches, one with the fewest chunks.
func TestMeteorAlignPrefersFewerChunks(t *testing.T) {
	c := corpus([]string{"a red car and a red bike", "a red bike and a red car"})
	st := meteorAlign(c.Cands[0], c.Refs[0][0])
	if st.testWords != 7 || st.chunks != 3 {
		t.Errorf("%v matches in %v chunks, want 7 in 3", st.testWords, st.chunks)
	}
}
