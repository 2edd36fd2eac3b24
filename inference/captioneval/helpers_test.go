package captioneval

import (
	"math"
	"strings"
	"testing"
)

// corpus builds a Corpus from space-separated captions: for each image
// its candidate, then its references.
func corpus(images ...[]string) Corpus {
	var c Corpus
	for _, im := range images {
		c.Cands = append(c.Cands, strings.Fields(im[0]))
		var refs [][]string
		for _, r := range im[1:] {
			refs = append(refs, strings.Fields(r))
		}
		c.Refs = append(c.Refs, refs)
	}
	return c
}

// near fails t unless got is within tol of want.
func near(t *testing.T, what string, got, want, tol float64) {
	t.Helper()
	if math.Abs(got-want) > tol || math.IsNaN(got) {
		t.Errorf("%s = %.12g, want %.12g", what, got, want)
	}
}
