package captioneval

import "testing"

func TestROUGEL(t *testing.T) {
	tests := []struct {
		name string
		c    Corpus
		want float64
	}{
		{"identical", corpus([]string{"a man on a bike", "a man on a bike", "a bike"}), 1},
		{"disjoint", corpus([]string{"two cats", "a man on a bike"}), 0},
		// LCS 2: P 2/4, R 2/3, F = 2.44·PR/(R + 1.44·P) = 61/104
		{"one reference", corpus([]string{"a b c d", "a c e"}), 61.0 / 104},
		// P 1 from the first reference, R 1/2 from the second
		{"best P and best R from different references", corpus([]string{"a b", "a b c d e f", "a x"}), 2.44 * 0.5 / (0.5 + 1.44)},
		{"mean over images", corpus([]string{"a b", "a b"}, []string{"c", "d"}), 0.5},
		{"empty candidate", corpus([]string{"", "a b"}), 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { near(t, "ROUGE-L", ROUGEL(tt.c), tt.want, 1e-12) })
	}
}

func TestLCS(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{{"a b c d", "a c e", 2}, {"a b c", "c b a", 1}, {"", "a", 0}, {"x a y b z", "a b", 2}}
	for _, tt := range tests {
		c := corpus([]string{tt.a, tt.b})
		if got := lcs(c.Cands[0], c.Refs[0][0]); got != tt.want {
			t.Errorf("lcs(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}
