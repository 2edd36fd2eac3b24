package marian

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/describer/describer/inference/ort/orttest"
)

const testdata = "testdata"

var tiny = filepath.Join(testdata, "tiny")

// refCase is one sentence of a reference file.
type refCase struct {
	Text         string  `json:"text_in"`
	Dtype        string  `json:"dtype"`
	InputIDs     []int64 `json:"input_ids"`
	GeneratedIDs []int64 `json:"generated_ids"`
	Translation  string  `json:"text"`
}

func readCases(tb testing.TB, name string) []refCase {
	tb.Helper()
	data, err := os.ReadFile(filepath.Join(testdata, name))
	if err != nil {
		tb.Fatal(err)
	}
	var r struct {
		Cases []refCase `json:"cases"`
	}
	if err := json.Unmarshal(data, &r); err != nil {
		tb.Fatal(err)
	}
	return r.Cases
}

func loadTiny(tb testing.TB, opt Options) *Model {
	tb.Helper()
	m, err := Load(tiny, orttest.Runtime(tb).Opener(), opt)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		if err := m.Close(); err != nil {
			tb.Error(err)
		}
	})
	return m
}

// Greedy decoding (--beams 1) gives transformers.js' input ids, output
// ids and text for the 10 sentences, fp32 and q8.
func TestGreedyMatchesTransformersJS(t *testing.T) {
	cases := readCases(t, "reference_transformersjs.json")
	if len(cases) < 20 {
		t.Fatalf("%d reference cases", len(cases))
	}
	models := map[string]*Model{
		"fp32": loadTiny(t, Options{Beams: 1, MaxNewTokens: 40}), "q8": loadTiny(t, Options{Quantized: true, Beams: 1, MaxNewTokens: 40}),
	}
	for _, c := range cases {
		m := models[c.Dtype]
		if ids := m.tok.Encode(c.Text); !slices.Equal(ids, c.InputIDs) {
			t.Errorf("%q: input ids %v, transformers.js %v", c.Text, ids, c.InputIDs)
		}
		got, err := m.Translate(context.Background(), c.Text)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got.Tokens, c.GeneratedIDs) || got.Text != c.Translation {
			t.Errorf("%s %q: %v %q; transformers.js %v %q", c.Dtype, c.Text, got.Tokens, got.Text, c.GeneratedIDs, c.Translation)
		}
	}
}

// Beam search with the generation config's 4 beams gives Hugging Face's
// sequence (PyTorch and NumPy agree on it) for the 10 sentences.
func TestBeamSearchMatchesHuggingFace(t *testing.T) {
	cases := readCases(t, "reference_beam.json")
	m := loadTiny(t, Options{})
	if m.Generation().NumBeams != 4 {
		t.Fatalf("the fixture's generation config gives %d beams, want 4", m.Generation().NumBeams)
	}
	for _, c := range cases {
		got, err := m.Translate(context.Background(), c.Text)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got.Tokens, c.GeneratedIDs) || got.Text != c.Translation {
			t.Errorf("%q: %v %q; reference %v %q", c.Text, got.Tokens, got.Text, c.GeneratedIDs, c.Translation)
		}
	}
}
