package captioneval

import (
	"fmt"
	"math"
	"testing"
)

func TestBLEU(t *testing.T) {
	tests := []struct {
		name string
		c    Corpus
		want [4]float64
		tol  float64
	}{
		{"identical", corpus([]string{"a man rides a red bike", "a man rides a red bike", "someone on a bike"}),
			[4]float64{1, 1, 1, 1}, 1e-9},
		{"disjoint: zero but for the smoothing constants", corpus([]string{"two cats sleep", "a man rides a bike"}),
			[4]float64{0, 0, 0, 0}, 1e-6},
		{"brevity penalty: 3 words for 6", corpus([]string{"a b c", "a b c d e f"}),
			[4]float64{math.Exp(-1), math.Exp(-1), math.Exp(-1), math.Pow(1e-15/1e-9, 0.25) * math.Exp(-1)}, 1e-9},
		{"clipping: seven the for two", corpus([]string{"the the the the the the the", "the cat is on the mat", "there is a cat on the mat"}),
			[4]float64{2.0 / 7, math.Sqrt(2.0 / 7 * 1e-15 / 6), 0, 0}, 1e-9},
		{"closest length, the shorter of a tie: no penalty", corpus([]string{"a b c d", "a b c", "a b c d e"}),
			[4]float64{1, 1, 1, 1}, 1e-9},
		{"brevity penalty over the corpus", corpus([]string{"a b", "a b c d"}, []string{"c d e f", "c d e f"}),
			// every n-gram matches; 6 words for a reference length of 8
			[4]float64{math.Exp(1 - 8.0/6), math.Exp(1 - 8.0/6), math.Exp(1 - 8.0/6), math.Exp(1 - 8.0/6)}, 1e-9},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := BLEU(tt.c)
			for k := range got {
				near(t, fmt.Sprintf("BLEU-%d", k+1), got[k], tt.want[k], tt.tol)
			}
		})
	}
}

func TestClosestLen(t *testing.T) {
	refs := [][]string{make([]string, 3), make([]string, 5), make([]string, 9)}
	for _, tt := range []struct{ n, want int }{{0, 3}, {4, 3}, {5, 5}, {7, 5}, {8, 9}, {20, 9}} {
		if got := closestLen(tt.n, refs); got != tt.want {
			t.Errorf("closestLen(%d) = %d, want %d", tt.n, got, tt.want)
		}
	}
}
