package app_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/describer/describer/app"
	"github.com/describer/describer/app/apptest"
	"github.com/describer/describer/inference/imaging"
	"github.com/describer/describer/inference/ocr"
	"github.com/describer/describer/inference/ort/orttest"
	"github.com/describer/describer/speech"
	"github.com/describer/describer/speech/espeak"
)

// firstSound is a speech.Player that notes when its first samples came.
type firstSound struct {
	mu    sync.Mutex
	first time.Time
}

func (p *firstSound) SampleRate() int { return 22050 }

func (p *firstSound) Play(ctx context.Context, samples []int16) error {
	p.mu.Lock()
	if p.first.IsZero() {
		p.first = time.Now()
	}
	p.mu.Unlock()
	return ctx.Err()
}

func (p *firstSound) Close() error { return nil }

func (p *firstSound) at() time.Time {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.first
}

// doneAt is app.Events that notes when the result came.
type doneAt struct {
	apptest.Events
	mu sync.Mutex
	at time.Time
}

func (d *doneAt) Done(e app.Entry) {
	d.mu.Lock()
	d.at = time.Now()
	d.mu.Unlock()
	d.Events.Done(e)
}

// BenchmarkFirstWords describes a dense 1920×1080 screen of 120 lines
// (testdata/dense in inference/ocr) as the hotkey does, with the real
// PP-OCRv4 models and eSpeak NG, and reports the time from the request to
// the first audio sample (first-audio-ms) and to the whole text
// (all-text-ms). The capture is a fake that returns the image at once (a
// real X11 capture of 1080p adds tens of milliseconds).
func BenchmarkFirstWords(b *testing.B) {
	img, _, err := imaging.LoadImage("../inference/ocr/testdata/dense/dense_1080p.png")
	if err != nil {
		b.Fatal(err)
	}
	eng, err := ocr.Open(orttest.OCRModels(b), orttest.Runtime(b).Opener())
	if err != nil {
		b.Fatal(err)
	}
	defer eng.Close()
	synth, err := espeak.New(speech.Options{})
	if err != nil {
		b.Fatal(err)
	}
	svc := &app.Service{Reader: &app.Model[app.TextReader]{Open: func() (app.TextReader, error) { return eng, nil }}}
	if _, err := svc.Describe(context.Background(), "warm-up", img); err != nil {
		b.Fatal(err)
	}
	var first, all time.Duration
	for b.Loop() {
		player := &firstSound{}
		voice := speech.NewSpeaker(synth, player, speech.Options{})
		events := &doneAt{}
		jobs := &app.Jobs{Service: svc, Desktop: &apptest.Desktop{ScreenImage: img}, Voice: voice, Events: events,
			AutoSpeak: true, TickEvery: -1}
		start := time.Now()
		jobs.Describe(app.Request{Source: app.SourceScreen})
		for (player.at().IsZero() || events.Idles() == 0) && time.Since(start) < time.Minute {
			time.Sleep(time.Millisecond)
		}
		jobs.Stop()
		jobs.Wait()
		first += player.at().Sub(start)
		events.mu.Lock()
		all += events.at.Sub(start)
		events.mu.Unlock()
		_ = jobs.Close()
	}
	n := float64(b.N)
	b.ReportMetric(float64(first.Milliseconds())/n, "first-audio-ms")
	b.ReportMetric(float64(all.Milliseconds())/n, "all-text-ms")
}
