package screenreader

import (
	"slices"
	"strings"
	"testing"
)

func TestSplitText(t *testing.T) {
	for _, tc := range []struct {
		name  string
		text  string
		limit int
		want  []string
	}{
		{"short", "Short text.", 20, []string{"Short text."}},
		{"line break first", "First line.\nSecond. Third", 20, []string{"First line.\n", "Second. Third"}},
		{"sentence end", "One two. Three four five", 12, []string{"One two. ", "Three four ", "five"}},
		{"space", "aaaa bbbb cccc", 10, []string{"aaaa bbbb ", "cccc"}},
		{"no break", "abcdefghij", 4, []string{"abcd", "efgh", "ij"}},
		{"runes stay whole", "ééééé", 5, []string{"éé", "éé", "é"}},
		{"exactly the limit", "abcd", 4, []string{"abcd"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := splitText(tc.text, tc.limit)
			if !slices.Equal(got, tc.want) {
				t.Errorf("splitText(%q, %d) = %q, want %q", tc.text, tc.limit, got, tc.want)
			}
		})
	}
	mb := strings.Repeat("A sentence of a long description. ", 1<<20/34)
	pieces := splitText(mb, MaxMessageBytes)
	if strings.Join(pieces, "") != mb {
		t.Fatal("pieces of 1 MB do not join back")
	}
	for _, p := range pieces[:len(pieces)-1] {
		if !strings.HasSuffix(p, ". ") || len(p) > MaxMessageBytes {
			t.Fatalf("piece of %d bytes ends %q", len(p), p[len(p)-5:])
		}
	}
}
