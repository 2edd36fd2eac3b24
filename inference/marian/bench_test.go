package marian

import (
	"context"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/describer/describer/inference/ort/orttest"
)

// benchCaption is a 30-word caption, the length issue 17's goal names.
const benchCaption = "A screenshot of a settings window with a list of options on the left, a blue button labelled save at the bottom right, and a search field above the list."

// BenchmarkTranslate translates a 30-word caption with an opus-mt-en-de-
// size MarianMT (q8 graphs from testdata/gen_fixture.py --base, named by
// DESCRIBER_BENCH_MARIAN; random weights, so each translation runs to its
// 40 new tokens), greedily (as the app translates, and as transformers.js
// decodes) and with the generation config's 4 beams. One translation runs
// first, untimed, as bench/marian-peer/time.mjs warms transformers.js up.
func BenchmarkTranslate(b *testing.B) {
	dir := os.Getenv("DESCRIBER_BENCH_MARIAN")
	if dir == "" {
		b.Skip("set DESCRIBER_BENCH_MARIAN to a folder written by gen_fixture.py --base")
	}
	for _, beams := range []int{1, 4} {
		b.Run("beams="+strconv.Itoa(beams), func(b *testing.B) {
			rt := orttest.Runtime(b)
			m, err := Load(dir, rt.Opener(), Options{Quantized: true, Beams: beams, MaxNewTokens: 40, Generate: rt.SpinningOpener()})
			if err != nil {
				b.Fatal(err)
			}
			defer m.Close()
			if _, err := m.Translate(context.Background(), benchCaption); err != nil {
				b.Fatal(err)
			}
			var took time.Duration
			for b.Loop() {
				t, err := m.Translate(context.Background(), benchCaption)
				if err != nil {
					b.Fatal(err)
				}
				took += t.Took
			}
			b.ReportMetric(float64(took.Milliseconds())/float64(b.N), "ms/translation")
		})
	}
}
