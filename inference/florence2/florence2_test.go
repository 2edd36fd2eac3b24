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

// countingSession counts the runs of the session it wraps.
type countingSession struct {
	inference.Session
	runs *int
}

func (s countingSession) Run(ctx context.Context, in map[string]inference.Tensor) (map[string]inference.Tensor, error) {
	*s.runs++
	return s.Session.Run(ctx, in)
}

// A second level of the same image reuses its features: the vision
// encoder runs once, and the captions are the references' for each level.
func TestCaptionLevelReusesFeatures(t *testing.T) {
	var runs int
	open := func(path string) (inference.Session, error) {
		s, err := orttest.Runtime(t).Opener()(path)
		if err == nil && filepath.Base(path) == "vision_encoder.onnx" {
			s = countingSession{s, &runs}
		}
		return s, err
	}
	m, err := Load(tiny, open, Options{Caption: inference.CaptionOptions{NumBeams: 1}})
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	img := loadPNG(t, "scene_768x768.png")
	want := map[string]string{}
	for _, c := range readReference(t, "reference_transformersjs.json").Cases {
		if c.Image == "scene_768x768.png" && c.Dtype == "fp32" {
			want[c.Task] = c.Text
		}
	}
	for level, task := range taskOrder {
		got, err := m.CaptionLevel(context.Background(), img, level)
		if err != nil || got.Text != want[task] {
			t.Errorf("level %d: %q, %v; want %q", level, got.Text, err, want[task])
		}
	}
	if runs != 1 || m.Levels() != 3 || m.Level() != 0 {
		t.Errorf("vision encoder ran %d times for three levels of one image; levels %d, level %d", runs, m.Levels(), m.Level())
	}
	if _, err := m.CaptionLevel(context.Background(), img, 3); err == nil {
		t.Error("level 3: no error")
	}
}
