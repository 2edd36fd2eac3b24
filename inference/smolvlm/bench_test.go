package smolvlm

import (
	"context"
	"os"
	"runtime/debug"
	"testing"
	"time"

	"github.com/describer/describer/inference"
	"github.com/describer/describer/inference/florence2"
	"github.com/describer/describer/inference/ocr"
	"github.com/describer/describer/inference/ort/orttest"
	"github.com/describer/describer/speech/piper"
)

// benchAnswer stands in for the first answer in a follow-up.
const benchAnswer = "The screen shows a settings window with a list of options and two buttons."

// benchNew is how many tokens each benchmarked answer generates (random
// weights never end an answer early).
const benchNew = 24

// BenchmarkAsk asks about a 1920×1080 screenshot with a base-size SmolVLM
// (q8 graphs from testdata/gen_fixture.py --base, named by
// DESCRIBER_BENCH_SMOLVLM; random weights): a first question with
// splitting off (the app's default) and a follow-up in the same
// conversation (after a typical first answer of 16 tokens: see
// benchAnswer), then a first question with splitting on (13 tiles). It
// reports the milliseconds from the question to the first answer token
// (the first word the app can speak), the vision encoder's share, the
// decoding speed after the prompt, and the peak resident memory with, when
// DESCRIBER_BENCH_FLORENCE and DESCRIBER_BENCH_PIPER_VOICE name them,
// Florence-2, the OCR models and a Piper voice loaded too (issue 16's
// memory goal). One question runs first, untimed, to warm ONNX Runtime up.
func BenchmarkAsk(b *testing.B) {
	dir := os.Getenv("DESCRIBER_BENCH_SMOLVLM")
	if dir == "" {
		b.Skip("set DESCRIBER_BENCH_SMOLVLM to a folder written by gen_fixture.py --base")
	}
	defer debug.SetGCPercent(debug.SetGCPercent(inference.GCPercent)) // as Describer runs
	defer loadNeighbours(b)()
	rt := orttest.Runtime(b)
	m, err := Load(dir, rt.Opener(), Options{Quantized: true, Generate: rt.SpinningOpener()}) // as the app loads it
	if err != nil {
		b.Fatal(err)
	}
	defer m.Close()
	img := loadPNG(b, "screen_1920x1080.png")
	ctx := context.Background()
	if _, err := m.Conversation(img, false).Ask(ctx, "What is on the screen?", 4, nil); err != nil {
		b.Fatal(err)
	}
	b.Run("one-tile", func(b *testing.B) {
		var first, follow, vision, decode time.Duration
		var decoded int
		for b.Loop() {
			conv := m.Conversation(img, false)
			a := ask(b, conv, "What is on the screen?")
			first += a.Timings.FirstToken
			vision += a.Timings.Vision
			decode += a.Timings.Total - a.Timings.FirstToken
			decoded += len(a.Tokens) - 1
			// Random weights answer with tokens whose text the tokenizer
			// splits differently (hundreds of tokens); a real answer
			// re-encodes as it was generated. A typical one stands in.
			conv.turns[0].Answer = benchAnswer
			f := ask(b, conv, "What colour is the background?")
			if f.Timings.Vision != 0 {
				b.Fatal("the follow-up ran the vision encoder")
			}
			follow += f.Timings.FirstToken
		}
		n := float64(b.N)
		b.ReportMetric(float64(first.Milliseconds())/n, "first-token-ms")
		b.ReportMetric(float64(vision.Milliseconds())/n, "vision-ms")
		b.ReportMetric(float64(follow.Milliseconds())/n, "follow-up-first-token-ms")
		b.ReportMetric(float64(decoded)/decode.Seconds(), "tokens/s")
		b.ReportMetric(float64(orttest.PeakRSS(b))/1e6, "peak-rss-MB")
	})
	b.Run("tiles", func(b *testing.B) {
		var first, vision time.Duration
		for b.Loop() {
			a := ask(b, m.Conversation(img, true), "What is on the screen?")
			first += a.Timings.FirstToken
			vision += a.Timings.Vision
		}
		n := float64(b.N)
		b.ReportMetric(float64(first.Milliseconds())/n, "first-token-ms")
		b.ReportMetric(float64(vision.Milliseconds())/n, "vision-ms")
		b.ReportMetric(float64(orttest.PeakRSS(b))/1e6, "peak-rss-MB")
	})
}

// ask asks q and checks the answer ran to benchNew tokens.
func ask(b *testing.B, c *Conversation, q string) Answer {
	b.Helper()
	a, err := c.Ask(context.Background(), q, benchNew, nil)
	if err != nil {
		b.Fatal(err)
	}
	if len(a.Tokens) != benchNew {
		b.Fatalf("the answer to %q ran to %d tokens, not %d", q, len(a.Tokens), benchNew)
	}
	return a
}

// loadNeighbours loads what the app holds beside the question model:
// Florence-2 (having captioned once), the OCR models and a Piper voice
// (having spoken), those that the environment names. It returns what
// closes them.
func loadNeighbours(b *testing.B) func() {
	var closers []func() error
	eng, err := ocr.Open(orttest.OCRModels(b), orttest.Runtime(b).Opener())
	if err != nil {
		b.Fatal(err)
	}
	closers = append(closers, eng.Close)
	if dir := os.Getenv("DESCRIBER_BENCH_FLORENCE"); dir != "" {
		f, err := florence2.Load(dir, orttest.Runtime(b).Opener(), florence2.Options{Quantized: true})
		if err != nil {
			b.Fatal(err)
		}
		closers = append(closers, f.Close)
		img := loadPNG(b, "screen_1920x1080.png")
		if _, err := f.Caption(context.Background(), img); err != nil {
			b.Fatal(err)
		}
	}
	if voice := os.Getenv("DESCRIBER_BENCH_PIPER_VOICE"); voice != "" {
		v, err := piper.LoadVoice(voice, orttest.Runtime(b).Opener())
		if err != nil {
			b.Fatal(err)
		}
		closers = append(closers, v.Close)
		if _, err := v.Synthesize(context.Background(), "The background is white."); err != nil {
			b.Fatal(err)
		}
	}
	return func() {
		for _, c := range closers {
			c()
		}
	}
}
