package captioneval

import (
	"strings"
	"testing"
)

// TestStem checks Stem against testdata/stems.tsv, Snowball's own stemmer.
func TestStem(t *testing.T) {
	lines := readLines(t, "testdata/stems.tsv")
	n := 0
	for _, line := range lines {
		word, want, ok := strings.Cut(line, "\t")
		if !ok || strings.HasPrefix(line, "#") {
			continue
		}
		t.Run(word, func(t *testing.T) {
			if got := Stem(word); got != want {
				t.Errorf("Stem(%q) = %q, want %q", word, got, want)
			}
		})
		n++
	}
	if n < 100 {
		t.Errorf("only %d words in stems.tsv", n)
	}
}
