package piper_test

import (
	"context"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/describer/describer/inference"
	"github.com/describer/describer/inference/ort/orttest"
	"github.com/describer/describer/speech"
	"github.com/describer/describer/speech/piper"
)

// The committed fixture voices (see testdata/gen_voice.py) and Piper's own
// test voice.
const (
	toneVoice      = "testdata/tone.onnx"
	multiVoice     = "testdata/tone-3spk.onnx"
	piperTestVoice = "testdata/piper-test-voice/test_voice.onnx"
)

// opener opens sessions on the real ONNX Runtime, opened once per test
// binary (see orttest for when a missing runtime fails or skips).
func opener(tb testing.TB) inference.SessionOpener {
	tb.Helper()
	return orttest.Runtime(tb).Opener()
}

// mustLoad loads the voice at path and closes it when the test ends.
func mustLoad(tb testing.TB, path string) *piper.Voice {
	tb.Helper()
	v, err := piper.LoadVoice(path, opener(tb))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		if err := v.Close(); err != nil {
			tb.Error(err)
		}
	})
	return v
}

func mustSay(tb testing.TB, v *piper.Voice, text string) speech.Audio {
	tb.Helper()
	a, err := v.Synthesize(context.Background(), text)
	if err != nil {
		tb.Fatalf("Synthesize(%q): %v", text, err)
	}
	return a
}

// voiceWith copies the fixture voice at path into a temporary directory,
// letting edit change its JSON config first, and returns the copy's path.
func voiceWith(tb testing.TB, path string, edit func(cfg map[string]any)) string {
	tb.Helper()
	model, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	data, err := os.ReadFile(path + ".json")
	if err != nil {
		tb.Fatal(err)
	}
	var cfg map[string]any
	if err := json.Unmarshal(data, &cfg); err != nil {
		tb.Fatal(err)
	}
	edit(cfg)
	if data, err = json.Marshal(cfg); err != nil {
		tb.Fatal(err)
	}
	dst := filepath.Join(tb.TempDir(), filepath.Base(path))
	if err := os.WriteFile(dst, model, 0o644); err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(dst+".json", data, 0o644); err != nil {
		tb.Fatal(err)
	}
	return dst
}

// The tone fixture: id n sounds at 200 + 20n Hz for burstLen samples (at
// length_scale 1) at this rate.
const (
	sampleRate = 22050
	burstLen   = 512
	maxID      = 255
)

// decode reads the fixture's audio back: for each burst of n samples, the id
// whose tone is strongest (Goertzel), and the burst's peak level.
func decode(samples []int16, n int) (ids []int64, levels []float64) {
	for start := 0; start+n <= len(samples); start += n {
		burst := samples[start : start+n]
		best, bestPower := int64(-1), -1.0
		for id := range int64(maxID + 1) {
			if p := goertzel(burst, 200+20*float64(id)); p > bestPower {
				best, bestPower = id, p
			}
		}
		ids = append(ids, best)
		levels = append(levels, float64(peak(burst)))
	}
	return ids, levels
}

// goertzel returns the power of x at frequency f.
func goertzel(x []int16, f float64) float64 {
	w := 2 * math.Pi * f / sampleRate
	c := 2 * math.Cos(w)
	var s1, s2 float64
	for _, v := range x {
		s1, s2 = float64(v)+c*s1-s2, s1
	}
	return s1*s1 + s2*s2 - c*s1*s2
}

func peak(x []int16) int {
	m := 0
	for _, v := range x {
		m = max(m, abs(int(v)))
	}
	return m
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
