package ocr

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCER(t *testing.T) {
	tests := []struct {
		ref, hyp string
		want     float64
	}{
		{"", "", 0},
		{"", "x", 1},
		{"abc", "", 1},
		{"abc", "abc", 0},
		{"abcd", "abed", 0.25},     // substitution
		{"abcd", "abd", 0.25},      // deletion
		{"abcd", "abxcd", 0.25},    // insertion
		{"kitten", "sitting", 0.5}, // 3 edits / 6
		{"ab", "xyzw", 2},          // can exceed 1
		{"héllo", "hello", 0.2},    // runes, not bytes
		{"日本語", "日本", 1.0 / 3},
	}
	for _, tt := range tests {
		if got := CER(tt.ref, tt.hyp); math.Abs(got-tt.want) > 1e-12 {
			t.Errorf("CER(%q, %q) = %v, want %v", tt.ref, tt.hyp, got, tt.want)
		}
	}
}

// Every rendered screen has its ground truth, the text-free ones an empty
// one, and the set stays small enough to commit.
func TestScreensTruth(t *testing.T) {
	pngs, err := filepath.Glob(filepath.Join("testdata", "screens", "*.png"))
	if err != nil || len(pngs) == 0 {
		t.Fatalf("no screens: %v", err)
	}
	var total int64
	for _, p := range pngs {
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		total += fi.Size()
		truth, err := os.ReadFile(strings.TrimSuffix(p, ".png") + ".txt")
		if err != nil {
			t.Errorf("%s: no ground truth: %v", p, err)
			continue
		}
		empty := strings.Contains(p, "blank") || strings.Contains(p, "gradient")
		if empty != (len(truth) == 0) {
			t.Errorf("%s: ground truth %q", p, truth)
		}
	}
	if total > 2<<20 {
		t.Errorf("screens take %d bytes, want under 2 MiB", total)
	}
}
