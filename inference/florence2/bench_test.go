package florence2

import (
	"context"
	"os"
	"runtime/debug"
	"strconv"
	"testing"
	"time"

	"github.com/describer/describer/inference"
	"github.com/describer/describer/inference/ocr"
	"github.com/describer/describer/inference/ort/orttest"
	"github.com/describer/describer/speech/piper"
)

// BenchmarkCaption captions one image with a base-size Florence-2 (q8
// graphs from testdata/gen_fixture.py --base, named by
// DESCRIBER_BENCH_FLORENCE; random weights, so every caption runs to its
// 20 new tokens) at the generation config's 3 beams and greedily, and the
// next level from the same features without the vision encoder. It reports
// per-caption milliseconds, the vision encoder's share, and the peak
// resident memory with the OCR models loaded too and, when
// DESCRIBER_BENCH_PIPER_VOICE names one (make bench writes a medium-size
// one), a Piper voice that has spoken a sentence: issue 15's memory goal. One caption at each
// level runs first, untimed, as bench/florence2-peer/time.mjs warms
// transformers.js up: ONNX Runtime's first runs of a session are slow.
func BenchmarkCaption(b *testing.B) {
	dir := os.Getenv("DESCRIBER_BENCH_FLORENCE")
	if dir == "" {
		b.Skip("set DESCRIBER_BENCH_FLORENCE to a folder written by gen_fixture.py --base")
	}
	defer debug.SetGCPercent(debug.SetGCPercent(inference.GCPercent)) // as Describer runs
	eng, err := ocr.Open(orttest.OCRModels(b), orttest.Runtime(b).Opener())
	if err != nil {
		b.Fatal(err)
	}
	defer eng.Close()
	if voice := os.Getenv("DESCRIBER_BENCH_PIPER_VOICE"); voice != "" {
		v, err := piper.LoadVoice(voice, orttest.Runtime(b).Opener())
		if err != nil {
			b.Fatal(err)
		}
		defer v.Close()
		if _, err := v.Synthesize(context.Background(), "A red car in front of a house."); err != nil {
			b.Fatal(err)
		}
	}
	img := loadPNG(b, "scene_768x768.png")
	for _, beams := range []int{3, 1} {
		b.Run("beams="+strconv.Itoa(beams), func(b *testing.B) {
			m, err := Load(dir, orttest.Runtime(b).Opener(), Options{Quantized: true, Caption: inference.CaptionOptions{NumBeams: beams}})
			if err != nil {
				b.Fatal(err)
			}
			defer m.Close()
			for _, task := range []string{TaskBrief, TaskDetailed} {
				if _, err := m.CaptionTask(context.Background(), img, task); err != nil {
					b.Fatal(err)
				}
			}
			var encode, brief, more time.Duration
			for b.Loop() {
				f, err := m.Encode(context.Background(), img)
				if err != nil {
					b.Fatal(err)
				}
				start := time.Now()
				if _, err := m.CaptionFeatures(context.Background(), f, TaskBrief); err != nil {
					b.Fatal(err)
				}
				brief += f.took + time.Since(start)
				encode += f.took
				start = time.Now()
				if _, err := m.CaptionFeatures(context.Background(), f, TaskDetailed); err != nil {
					b.Fatal(err)
				}
				more += time.Since(start)
			}
			n := float64(b.N)
			b.ReportMetric(float64(brief.Milliseconds())/n, "ms/caption")
			b.ReportMetric(float64(encode.Milliseconds())/n, "vision-ms")
			b.ReportMetric(float64(more.Milliseconds())/n, "next-level-ms")
			if beams == 3 { // the first model loaded: the greedy run's peak would count both
				b.ReportMetric(float64(orttest.PeakRSS(b))/1e6, "peak-rss-MB")
			}
		})
	}
}
