package piper_test

import (
	"context"
	"os"
	"testing"

	"github.com/describer/describer/speech/piper"
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
