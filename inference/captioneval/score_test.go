package captioneval

import (
	"encoding/json"
	"errors"
	"math"
	"os"
	"slices"
	"strings"
	"testing"
)

// testImages reads the test set: testdata/captions.json and results.json.
func testImages(t *testing.T) []Image {
	t.Helper()
	fa, err := os.Open("testdata/captions.json")
	if err != nil {
		t.Fatal(err)
	}
	defer fa.Close()
	a, err := ReadAnnotations(fa)
	if err != nil {
		t.Fatal(err)
	}
	fr, err := os.Open("testdata/results.json")
	if err != nil {
		t.Fatal(err)
	}
	defer fr.Close()
	res, err := ReadResults(fr)
	if err != nil {
		t.Fatal(err)
	}
	images, err := a.Pair(res)
	if err != nil {
		t.Fatal(err)
	}
	return images
}

func readJSON(t *testing.T, name string, v any) {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatal(err)
	}
}

// TestMatchesPycocoevalcap checks BLEU, ROUGE-L and CIDEr-D on the test
// set against pycocoevalcap's own values (testdata/expected.json).
func TestMatchesPycocoevalcap(t *testing.T) {
	var want map[string]float64
	readJSON(t, "testdata/expected.json", &want)
	got, err := Evaluate(testImages(t))
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, m := range got.Metrics() {
		if w, ok := want[m.Name]; ok {
			near(t, m.Name, m.Value, w, 1e-9)
			checked++
		}
	}
	if checked != 6 {
		t.Errorf("expected.json holds %d of the six metrics", checked)
	}
}

// TestTokenizedMatchesPycocoevalcap checks the test set's tokens against
// pycocoevalcap's PTBTokenizer's (testdata/tokenized.json).
func TestTokenizedMatchesPycocoevalcap(t *testing.T) {
	var want struct{ Refs, Cands map[string][]string }
	readJSON(t, "testdata/tokenized.json", &want)
	images := testImages(t)
	c := Tokenized(images)
	for i, im := range images {
		refs := make([]string, len(c.Refs[i]))
		for j, r := range c.Refs[i] {
			refs[j] = join(r)
		}
		if !slices.Equal(refs, want.Refs[im.ID]) {
			t.Errorf("image %s references %q, pycocoevalcap %q", im.ID, refs, want.Refs[im.ID])
		}
		if got := join(c.Cands[i]); len(want.Cands[im.ID]) != 1 || got != want.Cands[im.ID][0] {
			t.Errorf("image %s candidate %q, pycocoevalcap %q", im.ID, got, want.Cands[im.ID])
		}
	}
}

func join(toks []string) string { return strings.Join(toks, " ") }

func TestScoreIdentical(t *testing.T) {
	refs := map[string][]string{"1": {"A man rides a bike.", "Someone cycling."}, "2": {"Two dogs play in the snow.", "Dogs outside."}}
	cands := map[string]string{"1": "A man rides a bike.", "2": "Two dogs play in the snow."}
	s, err := Score(refs, cands)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range s.Metrics() {
		if m.Name != NameCIDErD && m.Name != NameMETEOR {
			near(t, m.Name, m.Value, 1, 1e-9)
		}
	}
	// METEOR scores the corpus from summed statistics: 2 chunks for 11
	// matched words, so only a single identical caption scores 1.
	near(t, "METEOR", s.METEOR, 1-0.6*math.Pow(2.0/11, 0.2), 1e-12)
	if s.CIDErD <= 1 {
		t.Errorf("CIDEr-D %v for identical captions, want more than 1", s.CIDErD)
	}
}

func TestScoreErrors(t *testing.T) {
	refs := map[string][]string{"1": {"a"}, "2": {"b"}}
	tests := []struct {
		name  string
		refs  map[string][]string
		cands map[string]string
		want  error
	}{
		{"none", nil, nil, ErrNoImages},
		{"fewer candidates", refs, map[string]string{"1": "a"}, ErrMismatch},
		{"other images", refs, map[string]string{"1": "a", "3": "c"}, ErrMismatch},
		{"no references", map[string][]string{"1": {}}, map[string]string{"1": "a"}, ErrNoRefs},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := Score(tt.refs, tt.cands); !errors.Is(err, tt.want) {
				t.Errorf("error %v, want %v", err, tt.want)
			}
		})
	}
}

func TestCompareIDs(t *testing.T) {
	ids := []string{"b", "10", "a", "9", "100"}
	slices.SortFunc(ids, compareIDs)
	if want := []string{"9", "10", "100", "a", "b"}; !slices.Equal(ids, want) {
		t.Errorf("sorted %q, want %q", ids, want)
	}
}
