package captioneval

import (
	"math"
	"testing"
)

func TestCIDErD(t *testing.T) {
	// With two images every n-gram found in one image's references
	// weighs log 2, and so does one found in none.
	penalty := math.Exp(-4.0 / 72) // δ = 2 bigrams, σ = 6
	tests := []struct {
		name string
		c    Corpus
		want float64
	}{
		{"one image: log 1 makes every weight 0", corpus([]string{"a b", "a b"}), 0},
		// 1- and 2-gram cosines 1, no 3- or 4-grams: 10 × 2/4
		{"identical two-word captions", corpus([]string{"a b", "a b"}, []string{"c d", "c d"}), 5},
		{"disjoint", corpus([]string{"x y", "a b"}, []string{"z w", "c d"}), 0},
		// unigram cosine 2/(2·√2), bigram 1/√3, and 3 bigrams for 1
		{"length penalty", corpus([]string{"a b x y", "a b"}, []string{"c d", "c d"}),
			(10*(1/math.Sqrt2+1/math.Sqrt(3))/4*penalty + 5) / 2},
		// "a" four times weighs 4·log 2 but counts as the reference's
		// log 2: cosine 1/(4·√2) rather than 1/√2
		{"clipping", corpus([]string{"a a a a", "a b"}, []string{"c d", "c d"}),
			(10*(1/(4*math.Sqrt2))/4*penalty + 5) / 2},
		{"mean over references", corpus([]string{"a b", "a b", "e f"}, []string{"c d", "c d"}), (2.5 + 5) / 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { near(t, "CIDEr-D", CIDErD(tt.c), tt.want, 1e-12) })
	}
}
