//go:build cgo

package espeak_test

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/describer/describer/speech"
	"github.com/describer/describer/speech/espeak"
	"github.com/describer/describer/speech/speechtest"
)

// mustEngine returns an Engine with opt, failing the test if it cannot
// start: libespeak-ng is a build dependency, so a missing library is a
// failure here, not a reason to skip.
func mustEngine(tb testing.TB, opt speech.Options) *espeak.Engine {
	tb.Helper()
	e, err := espeak.New(opt)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		if err := e.Close(); err != nil {
			tb.Error(err)
		}
	})
	return e
}

func mustSay(tb testing.TB, e *espeak.Engine, text string) speech.Audio {
	tb.Helper()
	a, err := e.Synthesize(context.Background(), text)
	if err != nil {
		tb.Fatalf("Synthesize(%q): %v", text, err)
	}
	return a
}

func rms(s []int16) float64 {
	if len(s) == 0 {
		return 0
	}
	var sum float64
	for _, v := range s {
		sum += float64(v) * float64(v)
	}
	return math.Sqrt(sum / float64(len(s)))
}

func TestHelloWorld(t *testing.T) {
	e := mustEngine(t, speech.Options{})
	a := mustSay(t, e, "Hello world.")
	if a.SampleRate != 22050 || e.SampleRate() != 22050 {
		t.Errorf("sample rate %d (engine says %d); want 22050", a.SampleRate, e.SampleRate())
	}
	if d := a.Duration(); d < 0.5 || d > 3 {
		t.Errorf("duration %.3f s; want 0.5 to 3 s", d)
	}
	if r := rms(a.Samples); r < 500 {
		t.Errorf("RMS %.0f; want speech, above 500", r)
	}
}

func TestDurationGrowsWithText(t *testing.T) {
	e := mustEngine(t, speech.Options{})
	short := mustSay(t, e, "Hello world.").Duration()
	long := mustSay(t, e, strings.Repeat("Hello world. ", 10)).Duration()
	if ratio := long / short; ratio < 7 || ratio > 13 {
		t.Errorf("ten times the text lasts %.2f s, %.2f× the %.2f s of one; want 7× to 13×", long, ratio, short)
	}
}

func TestRateChangesDuration(t *testing.T) {
	const text = "The quick brown fox jumps over the lazy dog."
	var durs []float64
	for _, wpm := range []int{350, 175, 90} {
		durs = append(durs, mustSay(t, mustEngine(t, speech.Options{Rate: wpm}), text).Duration())
	}
	if !(durs[0] < durs[1] && durs[1] < durs[2]) {
		t.Errorf("durations at 350, 175, 90 wpm: %.2f, %.2f, %.2f s; want increasing", durs[0], durs[1], durs[2])
	}
	def := mustSay(t, mustEngine(t, speech.Options{}), text).Duration()
	if math.Abs(def-durs[1]) > 0.02*durs[1] {
		t.Errorf("default rate gives %.3f s, 175 wpm %.3f s; want the same", def, durs[1])
	}
}

func TestVolume(t *testing.T) {
	loud := rms(mustSay(t, mustEngine(t, speech.Options{}), "Hello world.").Samples)
	quiet := rms(mustSay(t, mustEngine(t, speech.Options{Volume: 0.25}), "Hello world.").Samples)
	if quiet >= loud*0.5 {
		t.Errorf("RMS at volume 0.25 is %.0f, at full volume %.0f; want well below", quiet, loud)
	}
}

func TestNothingToSay(t *testing.T) {
	e := mustEngine(t, speech.Options{})
	for _, text := range []string{"", "   \n\t", "!!!", "?!...", ".,;:", "😀👍🎉", "— … ¿¡", "\x00"} {
		t.Run(fmt.Sprintf("%q", text), func(t *testing.T) {
			a, err := e.Synthesize(context.Background(), text)
			if err != nil {
				t.Fatal(err)
			}
			if len(a.Samples) != 0 || a.SampleRate != 22050 {
				t.Errorf("got %d samples at %d Hz; want none at 22050 Hz", len(a.Samples), a.SampleRate)
			}
		})
	}
}

func TestOddTextStillSpeaks(t *testing.T) {
	e := mustEngine(t, speech.Options{})
	// A long word with a full stop in it crashes libespeak-ng 1.51 unless
	// the engine breaks it up first.
	long := "see a.b" + strings.Repeat("x", 300) + " and " + strings.Repeat("x.", 200)
	for _, text := range []string{"bad \xff\xfe utf-8", "nul\x00inside\x01", "<b>not ssml</b> & more", "3.5", long} {
		if a := mustSay(t, e, text); a.Duration() < 0.2 {
			t.Errorf("%q gave %.2f s of audio; want speech", text, a.Duration())
		}
	}
}

func TestUnknownVoice(t *testing.T) {
	_, err := espeak.New(speech.Options{Voice: "no-such-voice"})
	if !errors.Is(err, espeak.ErrUnknownVoice) {
		t.Fatalf("got %v; want ErrUnknownVoice", err)
	}
	const want = `espeak: eSpeak NG has no voice named "no-such-voice"`
	if err.Error() != want {
		t.Errorf("message %q; want %q", err, want)
	}
}

func TestBadOptions(t *testing.T) {
	for _, opt := range []speech.Options{{Rate: -1}, {Volume: 1.5}, {Volume: -0.1}, {Volume: math.NaN()}} {
		if _, err := espeak.New(opt); err == nil || strings.Contains(err.Error(), "\n") {
			t.Errorf("New(%+v) = %v; want a one-line error", opt, err)
		}
	}
	e := mustEngine(t, speech.Options{Rate: 5000})
	if e.Rate() != espeak.MaxRate {
		t.Errorf("rate 5000 became %d; want it clamped to %d", e.Rate(), espeak.MaxRate)
	}
}

func TestCancelled(t *testing.T) {
	e := mustEngine(t, speech.Options{})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := e.Synthesize(ctx, "Hello world."); !errors.Is(err, context.Canceled) {
		t.Errorf("got %v; want context.Canceled", err)
	}
	// The library is still fine afterwards.
	if a := mustSay(t, e, "Hello world."); a.Duration() < 0.5 {
		t.Errorf("after a cancel, %.2f s of audio", a.Duration())
	}
}

func TestClosed(t *testing.T) {
	e, err := espeak.New(speech.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := e.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := e.Synthesize(context.Background(), "Hello."); err == nil {
		t.Error("Synthesize after Close succeeded")
	}
}

// TestConcurrent has goroutines synthesise and phonemize with different
// voices and rates at once; each must get what it gets alone: the same
// phonemes, and audio of the same length (eSpeak NG adds a little random
// variation, so samples are not compared one by one).
func TestConcurrent(t *testing.T) {
	type job struct {
		opt  speech.Options
		text string
	}
	jobs := []job{
		{speech.Options{}, "Hello world."},
		{speech.Options{Voice: "de", Rate: 250}, "Guten Morgen."},
		{speech.Options{Voice: "fr", Rate: 120}, "Bonjour tout le monde."},
		{speech.Options{Voice: "en-gb", Volume: 0.5}, "A cup of tea."},
	}
	want := make([]speech.Audio, len(jobs))
	engines := make([]*espeak.Engine, len(jobs))
	for i, j := range jobs {
		engines[i] = mustEngine(t, j.opt)
		want[i] = mustSay(t, engines[i], j.text)
	}
	wantIPA, err := espeak.Phonemize("en-us", "Is it 3.5?")
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for k := range 3 {
				i := (g + k) % len(jobs)
				got, err := engines[i].Synthesize(context.Background(), jobs[i].text)
				if err != nil {
					t.Error(err)
					return
				}
				if d, w := got.Duration(), want[i].Duration(); math.Abs(d-w) > 0.03*w {
					t.Errorf("goroutine %d: %q lasts %.3f s; alone it lasts %.3f s", g, jobs[i].text, d, w)
				}
				ipa, err := espeak.Phonemize("en-us", "Is it 3.5?")
				if err != nil || !slices.Equal(ipa, wantIPA) {
					t.Errorf("goroutine %d: Phonemize gave %v, %v; want %v", g, ipa, err, wantIPA)
				}
			}
		})
	}
	wg.Wait()
}

// BenchmarkFirstAudio measures the time from Synthesize to the first
// sample for one sentence (the goal is 100 ms). eSpeak NG hands over a whole
// sentence at once, so that is the time to the whole sentence.
func BenchmarkFirstAudio(b *testing.B) {
	e := mustEngine(b, speech.Options{})
	ctx := context.Background()
	const text = "A red square on a white table, next to a cup of coffee."
	var audio float64
	for b.Loop() {
		a, err := e.Synthesize(ctx, text)
		if err != nil {
			b.Fatal(err)
		}
		audio = a.Duration()
	}
	ms := float64(b.Elapsed().Milliseconds()) / float64(b.N)
	b.ReportMetric(ms, "ms/first-audio")
	b.ReportMetric(audio/(ms/1000), "x-realtime")
}

// FuzzSynthesize feeds the engine arbitrary text: libespeak-ng 1.51 must
// neither crash nor fail on it.
func FuzzSynthesize(f *testing.F) {
	for _, s := range []string{"Hello world.", "x.x.x.x. y.y.", "a.b" + strings.Repeat("x", 200), "😀 !!!", "3.5 km/h, 20 %", "\x01\x02[[a]]<speak>"} {
		f.Add(s)
	}
	e := mustEngine(f, speech.Options{Rate: espeak.MaxRate})
	f.Fuzz(func(t *testing.T, text string) {
		if len(text) > 500 {
			return
		}
		if _, err := e.Synthesize(context.Background(), text); err != nil {
			t.Fatal(err)
		}
	})
}

func TestZeroEngine(t *testing.T) {
	var e espeak.Engine
	if a := mustSay(t, &e, "Hello world."); a.Duration() < 0.5 || a.SampleRate != 22050 {
		t.Errorf("the zero Engine gave %.2f s at %d Hz", a.Duration(), a.SampleRate)
	}
}

// BenchmarkSpeakFirstAudio measures what a listener waits for: from
// Speaker.Speak on a three-sentence text to the first sample reaching the
// player (the goal is 100 ms).
func BenchmarkSpeakFirstAudio(b *testing.B) {
	e := mustEngine(b, speech.Options{})
	sp := speech.NewSpeaker(e, &speechtest.Discard{Rate: e.SampleRate()}, speech.Options{})
	var first time.Duration
	sp.OnFirstAudio = func(d time.Duration) { first += d }
	const text = "A red square on a white table. A cup of coffee beside it. The screen is otherwise blank."
	for b.Loop() {
		if err := sp.Speak(context.Background(), text); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(first.Microseconds())/1000/float64(b.N), "ms/first-audio")
}
