package piper_test

import (
	"context"
	"errors"
	"os"
	"testing"
	"time"

	"github.com/describer/describer/inference/ort"
	"github.com/describer/describer/inference/ort/orttest"
	"github.com/describer/describer/speech"
	"github.com/describer/describer/speech/piper"
	"github.com/describer/describer/speech/speechtest"
)

// benchVoice loads the medium-sized fixture voice that make bench writes
// with testdata/gen_voice.py --medium and names in
// DESCRIBER_BENCH_PIPER_VOICE (about 50 MB, never committed).
func benchVoice(b *testing.B) *piper.Voice {
	b.Helper()
	path := os.Getenv("DESCRIBER_BENCH_PIPER_VOICE")
	if path == "" {
		b.Skip("skipping: set DESCRIBER_BENCH_PIPER_VOICE to a voice written by " +
			"/usr/bin/python3 speech/piper/testdata/gen_voice.py --medium PATH (make bench does)")
	}
	return mustLoad(b, path)
}

// BenchmarkFirstAudio measures the time from Synthesize to the first
// sample of a one-sentence text on a medium-sized voice (the goal is
// 300 ms). A Piper voice renders a whole sentence in one run, so that is the
// time to the whole sentence.
func BenchmarkFirstAudio(b *testing.B) {
	v := benchVoice(b)
	const text = "A red square on a white table."
	mustSay(b, v, text) // warm up: the first run allocates ONNX Runtime's buffers
	var audio float64
	for b.Loop() {
		audio = mustSay(b, v, text).Duration()
	}
	ms := float64(b.Elapsed().Microseconds()) / 1000 / float64(b.N)
	b.ReportMetric(ms, "ms/first-audio")
	b.ReportMetric(audio/(ms/1000), "x-realtime")
}

// BenchmarkWallPerRun reports Synthesize's wall time divided by the time
// spent in the session's Run (ONNX Runtime plus the ort layer's tensor
// handling) for a three-sentence text: what phonemizing, id mapping and
// PCM scaling add (the goal is at most 1.05).
func BenchmarkWallPerRun(b *testing.B) {
	v := benchVoice(b)
	const text = "A red square on a white table. Next to it stands a cup of coffee. The light comes from the left."
	mustSay(b, v, text)
	v.ResetStats()
	for b.Loop() {
		if _, err := v.Synthesize(context.Background(), text); err != nil {
			b.Fatal(err)
		}
	}
	st := v.Stats()
	b.ReportMetric(float64(st.Wall)/float64(st.Run), "wall/run")
	b.ReportMetric(float64(st.Phonemize.Microseconds())/float64(st.Calls)/1000, "ms-phonemize/op")
}

// BenchmarkSpeakFirstAudio measures what a listener waits for: from
// Speaker.Speak on a three-sentence text to the first sample reaching the
// player, on the medium-sized voice (the goal is 300 ms).
func BenchmarkSpeakFirstAudio(b *testing.B) {
	v := benchVoice(b)
	sp := speech.NewSpeaker(v, &speechtest.Discard{Rate: v.SampleRate()}, speech.Options{})
	var first time.Duration
	sp.OnFirstAudio = func(d time.Duration) { first += d }
	const text = "A red square on a white table. A cup of coffee beside it. The screen is otherwise blank."
	mustSay(b, v, "Warm up.")
	for b.Loop() {
		if err := sp.Speak(context.Background(), text); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(first.Microseconds())/1000/float64(b.N), "ms/first-audio")
}

// BenchmarkLoad loads the medium voice with an empty graph cache, then
// with the optimised graph it kept (orttest.BenchLoad).
func BenchmarkLoad(b *testing.B) {
	path := os.Getenv("DESCRIBER_BENCH_PIPER_VOICE")
	if path == "" {
		b.Skip("skipping: set DESCRIBER_BENCH_PIPER_VOICE to a voice written by " +
			"/usr/bin/python3 speech/piper/testdata/gen_voice.py --medium PATH (make bench does)")
	}
	orttest.BenchLoad(b, func(cache string) time.Duration { return loadWithCache(b, path, cache) })
}

// loadWithCache loads the voice at path on a runtime whose graph cache is
// cache, closes it, and returns how long loading took.
func loadWithCache(b *testing.B, path, cache string) time.Duration {
	b.Helper()
	rt, err := ort.Open(ort.Options{LibraryPath: orttest.Library(b), Device: "cpu", GraphCache: cache})
	if err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	v, err := piper.LoadVoice(path, rt.Opener())
	took := time.Since(start)
	if err != nil {
		b.Fatal(err)
	}
	if err := errors.Join(v.Close(), rt.Close()); err != nil {
		b.Fatal(err)
	}
	return took
}
