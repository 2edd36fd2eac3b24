package vitgpt2_test

import (
	"context"
	"errors"
	"fmt"
	"image"
	"image/color"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/describer/describer/inference"
	"github.com/describer/describer/inference/ort"
	"github.com/describer/describer/inference/ort/orttest"
	"github.com/describer/describer/inference/vitgpt2"
)

// runtimeFor is the real ONNX Runtime, opened once per test binary.
func runtimeFor(tb testing.TB) *ort.Runtime { return orttest.Runtime(tb) }

func loadModel(tb testing.TB, dir string, opt inference.CaptionOptions, open inference.SessionOpener) *vitgpt2.Model {
	tb.Helper()
	if open == nil {
		open = runtimeFor(tb).Opener()
	}
	m, err := vitgpt2.Load(dir, open, opt)
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

func fill(w, h int, f func(x, y int) color.NRGBA) image.Image {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.SetNRGBA(x, y, f(x, y))
		}
	}
	return img
}

func solid(c color.NRGBA) image.Image {
	return fill(224, 224, func(int, int) color.NRGBA { return c })
}

// mostlyRed is red with a blue block over about 15% of it, at another size.
func mostlyRed() image.Image {
	return fill(400, 300, func(x, y int) color.NRGBA {
		if x > 300 && y > 120 && y < 300 {
			return color.NRGBA{0, 0, 255, 255}
		}
		return color.NRGBA{230, 20, 30, 255}
	})
}

// noise is balanced random colour: no channel dominates.
func noise() image.Image {
	r := rand.New(rand.NewPCG(1, 2))
	return fill(224, 224, func(int, int) color.NRGBA {
		return color.NRGBA{uint8(r.IntN(256)), uint8(r.IntN(256)), uint8(r.IntN(256)), 255}
	})
}

var (
	red   = color.NRGBA{255, 0, 0, 255}
	green = color.NRGBA{0, 255, 0, 255}
	blue  = color.NRGBA{0, 0, 255, 255}
)

func TestCaptionFollowsImage(t *testing.T) {
	m := loadModel(t, vitgpt2.TinyModel, inference.CaptionOptions{}, nil)
	for _, tc := range []struct {
		name string
		img  image.Image
		want string
	}{
		{"red", solid(red), "a red square"},
		{"blue", solid(blue), "a blue circle"},
		{"green", solid(green), "a green triangle"},
		{"mostly red", mostlyRed(), "a red square"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := m.Caption(context.Background(), tc.img)
			if err != nil {
				t.Fatal(err)
			}
			if c.Text != tc.want || !c.Finished {
				t.Fatalf("caption %q (finished %v), want %q", c.Text, c.Finished, tc.want)
			}
			// The cache makes each step one token: a run per token plus
			// one for the end token.
			if c.Timings.Steps != len(c.Tokens)+1 {
				t.Errorf("%d decoder runs for %d tokens", c.Timings.Steps, len(c.Tokens))
			}
			if c.Confidence < 0.5 || c.Confidence > 1 {
				t.Errorf("confidence %v for a clear image", c.Confidence)
			}
			if c.Timings.ORT <= 0 || c.Timings.ORT > c.Timings.Total {
				t.Errorf("ORT time %v, total %v", c.Timings.ORT, c.Timings.Total)
			}
		})
	}
	clear, _ := m.Caption(context.Background(), solid(red))
	unclear, err := m.Caption(context.Background(), noise())
	if err != nil {
		t.Fatal(err)
	}
	if unclear.Confidence >= clear.Confidence-0.1 {
		t.Errorf("noise confidence %.3f is not clearly below red's %.3f", unclear.Confidence, clear.Confidence)
	}
}

func TestBeamSearchCaption(t *testing.T) {
	for _, beams := range []int{2, 4} {
		m := loadModel(t, vitgpt2.TinyModel, inference.CaptionOptions{NumBeams: beams}, nil)
		c, err := m.Caption(context.Background(), solid(green))
		if err != nil {
			t.Fatal(err)
		}
		if c.Text != "a grassy field" {
			t.Errorf("beams=%d: %q, want \"a grassy field\" (greedy gives \"a green triangle\")", beams, c.Text)
		}
		c, _ = m.Caption(context.Background(), solid(red))
		if c.Text != "a red square" {
			t.Errorf("beams=%d on red: %q", beams, c.Text)
		}
	}
}

// TestCacheMatchesNoCache checks the KV-cache loop against the reference
// loop that re-feeds the whole sequence without a cache.
func TestCacheMatchesNoCache(t *testing.T) {
	for _, beams := range []int{1, 3} {
		m := loadModel(t, vitgpt2.TinyModel, inference.CaptionOptions{NumBeams: beams}, nil)
		for name, img := range map[string]image.Image{"red": solid(red), "green": solid(green), "noise": noise(), "mostly red": mostlyRed()} {
			cached, err := m.Caption(context.Background(), img)
			if err != nil {
				t.Fatal(err)
			}
			full, err := m.CaptionNoCache(context.Background(), img)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(cached.Tokens, full.Tokens) {
				t.Errorf("beams=%d %s: cached %v, no-cache %v", beams, name, cached.Tokens, full.Tokens)
			}
			if d := math.Abs(cached.MeanLogProb - full.MeanLogProb); d > 1e-5 {
				t.Errorf("beams=%d %s: mean log-prob differs by %g", beams, name, d)
			}
		}
	}
}

// spySession counts decoder runs, records input_ids shapes and cancels a
// context at the n-th run.
type spySession struct {
	inference.Session
	runs    int
	idShape [][]int64
	cancelN int
	cancel  context.CancelFunc
}

func (s *spySession) Run(ctx context.Context, in map[string]inference.Tensor) (map[string]inference.Tensor, error) {
	s.runs++
	if ids, ok := in["input_ids"]; ok {
		s.idShape = append(s.idShape, slices.Clone(ids.Shape))
	}
	out, err := s.Session.Run(ctx, in)
	if s.runs == s.cancelN && s.cancel != nil {
		s.cancel()
	}
	return out, err
}

func spyOpener(tb testing.TB, spy *spySession) inference.SessionOpener {
	open := runtimeFor(tb).Opener()
	return func(path string) (inference.Session, error) {
		s, err := open(path)
		if err != nil || !strings.Contains(filepath.Base(path), "decoder") {
			return s, err
		}
		spy.Session = s
		return spy, nil
	}
}

func TestCaptionCancelStopsWithinOneStep(t *testing.T) {
	for _, beams := range []int{1, 2} {
		spy := &spySession{cancelN: 2}
		m := loadModel(t, vitgpt2.TinyModel, inference.CaptionOptions{NumBeams: beams}, spyOpener(t, spy))
		ctx, cancel := context.WithCancel(context.Background())
		spy.cancel = cancel
		_, err := m.Caption(ctx, solid(red))
		if !errors.Is(err, context.Canceled) {
			t.Errorf("beams=%d: err %v, want context.Canceled", beams, err)
		}
		if spy.runs != 2 {
			t.Errorf("beams=%d: decoder ran %d times, want 2 (none after the cancel)", beams, spy.runs)
		}
	}
}

func TestCachedStepsFeedOneToken(t *testing.T) {
	spy := &spySession{}
	m := loadModel(t, vitgpt2.TinyModel, inference.CaptionOptions{NumBeams: 2}, spyOpener(t, spy))
	if _, err := m.Caption(context.Background(), solid(blue)); err != nil {
		t.Fatal(err)
	}
	for i, s := range spy.idShape {
		rows := int64(2)
		if i == 0 { // every beam holds the start token alone: one row for all
			rows = 1
		}
		if !slices.Equal(s, []int64{rows, 1}) {
			t.Fatalf("step %d fed input_ids of shape %v, want [%d 1]", i, s, rows)
		}
	}
}

func TestModelFilesPreferQuantized(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"config.json", "preprocessor_config.json", "tokenizer.json", "onnx/encoder_model.onnx",
		"onnx/decoder_model_merged.onnx"} {
		copyFile(t, filepath.Join(vitgpt2.TinyModel, f), filepath.Join(dir, f))
	}
	enc, dec, err := vitgpt2.ModelFiles(dir)
	if err != nil || filepath.Base(enc) != "encoder_model.onnx" || filepath.Base(dec) != "decoder_model_merged.onnx" {
		t.Fatalf("fp32 only: %s %s %v", enc, dec, err)
	}
	copyFile(t, filepath.Join(dir, "onnx/encoder_model.onnx"), filepath.Join(dir, "onnx/encoder_model_quantized.onnx"))
	copyFile(t, filepath.Join(dir, "onnx/decoder_model_merged.onnx"), filepath.Join(dir, "onnx/decoder_model_merged_quantized.onnx"))
	enc, dec, err = vitgpt2.ModelFiles(dir)
	if err != nil || filepath.Base(enc) != "encoder_model_quantized.onnx" || filepath.Base(dec) != "decoder_model_merged_quantized.onnx" {
		t.Fatalf("with quantized: %s %s %v", enc, dec, err)
	}
	m := loadModel(t, dir, inference.CaptionOptions{}, nil)
	if e, _ := m.Files(); e != enc {
		t.Errorf("loaded %s, want %s", e, enc)
	}
	if c, err := m.Caption(context.Background(), solid(red)); err != nil || c.Text != "a red square" {
		t.Errorf("caption %q, %v", c.Text, err)
	}
}

func TestLoadErrors(t *testing.T) {
	open := runtimeFor(t).Opener()
	if _, err := vitgpt2.Load(filepath.Join(t.TempDir(), "none"), open, inference.CaptionOptions{}); !errors.Is(err, inference.ErrNoModel) {
		t.Errorf("missing folder: %v", err)
	}
	dir := t.TempDir()
	copyFile(t, filepath.Join(vitgpt2.TinyModel, "config.json"), filepath.Join(dir, "config.json"))
	if _, err := vitgpt2.Load(dir, open, inference.CaptionOptions{}); !errors.Is(err, inference.ErrBadModel) {
		t.Errorf("incomplete folder: %v", err)
	}
	// A decoder without the merged signature: the encoder in its place.
	bad := t.TempDir()
	for _, f := range []string{"config.json", "preprocessor_config.json", "tokenizer.json", "onnx/encoder_model.onnx"} {
		copyFile(t, filepath.Join(vitgpt2.TinyModel, f), filepath.Join(bad, f))
	}
	copyFile(t, filepath.Join(vitgpt2.TinyModel, "onnx/encoder_model.onnx"), filepath.Join(bad, "onnx/decoder_model_merged.onnx"))
	_, err := vitgpt2.Load(bad, open, inference.CaptionOptions{})
	if !errors.Is(err, inference.ErrBadModel) || !strings.Contains(err.Error(), "input_ids") {
		t.Errorf("wrong decoder: %v", err)
	}
}

func copyFile(tb testing.TB, src, dst string) {
	tb.Helper()
	data, err := os.ReadFile(src)
	if err != nil {
		tb.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(dst, data, 0o644); err != nil {
		tb.Fatal(err)
	}
}

// BenchmarkCaption reports per-caption latency and ort_share, the time
// inside ONNX Runtime divided by the whole caption time (goal ≥ 0.95, i.e.
// total ≤ 1.05 × ORT). "realistic" needs DESCRIBER_BENCH_MODEL (make bench
// writes a ViT-B/16 + GPT-2 sized model with random weights).
func BenchmarkCaption(b *testing.B) {
	models := map[string]string{"tiny": vitgpt2.TinyModel}
	if p := os.Getenv("DESCRIBER_BENCH_MODEL"); p != "" {
		models["realistic"] = p
	}
	for _, name := range []string{"tiny", "realistic"} {
		dir, ok := models[name]
		for _, beams := range []int{1, 4} {
			b.Run(fmt.Sprintf("%s/beams=%d", name, beams), func(b *testing.B) {
				if !ok {
					b.Skip("set DESCRIBER_BENCH_MODEL (make bench does) to run the realistic-size model")
				}
				benchCaption(b, loadModel(b, dir, inference.CaptionOptions{NumBeams: beams}, nil))
			})
		}
	}
}

func benchCaption(b *testing.B, m *vitgpt2.Model) {
	img := mostlyRed()
	var total, ortTime, steps float64
	for b.Loop() {
		c, err := m.Caption(context.Background(), img)
		if err != nil {
			b.Fatal(err)
		}
		total += c.Timings.Total.Seconds()
		ortTime += c.Timings.ORT.Seconds()
		steps += float64(c.Timings.Steps)
	}
	b.ReportMetric(ortTime/total, "ort_share")
	b.ReportMetric(total/float64(b.N)*1000, "ms/caption")
	b.ReportMetric(steps/float64(b.N), "steps/caption")
}
