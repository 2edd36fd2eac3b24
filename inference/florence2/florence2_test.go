package florence2

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"testing"

	"github.com/describer/describer/inference"
	"github.com/describer/describer/inference/ort/orttest"
)

// tiny is the random-weight fixture with the real export's contract.
var tiny = filepath.Join(testdata, "tiny")

// loadTiny loads the fixture, fp32 or q8, with the beam width beams.
func loadTiny(tb testing.TB, quantized bool, beams int) *Model {
	tb.Helper()
	m, err := Load(tiny, orttest.Runtime(tb).Opener(), Options{Quantized: quantized, Caption: inference.CaptionOptions{NumBeams: beams}})
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

// generated returns a caption's ids as the references list them: the
// tokens, then the end token when the caption finished.
func generated(tokens []int64, finished bool) []int64 {
	if finished {
		return append(slices.Clone(tokens), 2)
	}
	return tokens
}

// Greedy decoding gives transformers.js' token ids and text for every
// image, level and variant of the fixture (48 cases), with the prompt ids
// it encoded; each image is encoded once for its three levels.
func TestGreedyMatchesTransformersJS(t *testing.T) {
	ref := readReference(t, "reference_transformersjs.json")
	if len(ref.Cases) < 48 {
		t.Fatalf("%d reference cases", len(ref.Cases))
	}
	models := map[string]*Model{"fp32": loadTiny(t, false, 1), "q8": loadTiny(t, true, 1)}
	feats := map[string]Features{}
	for _, c := range ref.Cases {
		m := models[c.Dtype]
		ids, err := m.tok.Encode(m.pre.Prompts[c.Task])
		if err != nil || !slices.Equal(ids, c.InputIDs) {
			t.Errorf("%s: prompt ids %v, %v; transformers.js %v", c.Task, ids, err, c.InputIDs)
		}
		key := c.Dtype + c.Image
		f, ok := feats[key]
		if !ok {
			if f, err = m.Encode(context.Background(), loadPNG(t, c.Image)); err != nil {
				t.Fatal(err)
			}
			feats[key] = f
		}
		got, err := m.CaptionFeatures(context.Background(), f, c.Task)
		if err != nil {
			t.Fatal(err)
		}
		if g := generated(got.Tokens, got.Finished); !slices.Equal(g, c.GeneratedIDs) || got.Text != c.Text {
			t.Errorf("%s %s %s: %v %q; transformers.js %v %q", c.Image, c.Task, c.Dtype, g, got.Text, c.GeneratedIDs, c.Text)
		}
	}
}

// Beam search (the generation config's 3 beams) gives the Hugging Face
// reference's sequence and score in all 24 fp32 cases.
func TestBeamSearchMatchesHuggingFace(t *testing.T) {
	ref := readReference(t, "reference_beam.json")
	if len(ref.Cases) < 24 {
		t.Fatalf("%d beam reference cases", len(ref.Cases))
	}
	m := loadTiny(t, false, 0)
	if m.Generation().NumBeams != 3 {
		t.Fatalf("the fixture's generation config gives %d beams; want 3", m.Generation().NumBeams)
	}
	for _, c := range ref.Cases {
		got, err := m.CaptionTask(context.Background(), loadPNG(t, c.Image), c.Task)
		if err != nil {
			t.Fatal(err)
		}
		g := generated(got.Tokens, got.Finished)
		if !slices.Equal(g, c.GeneratedIDs) || got.Text != c.Text {
			t.Errorf("%s %s: %v %q; reference %v %q", c.Image, c.Task, g, got.Text, c.GeneratedIDs, c.Text)
		}
	}
}

func ExampleModel_Caption() {
	fmt.Println(TaskBrief, TaskDetailed, TaskParagraph)
	// Output: <CAPTION> <DETAILED_CAPTION> <MORE_DETAILED_CAPTION>
}
