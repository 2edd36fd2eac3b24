package app_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/describer/describer/app"
	"github.com/describer/describer/app/apptest"
	"github.com/describer/describer/inference"
	"github.com/describer/describer/inference/imaging"
	"github.com/describer/describer/inference/ocr"
)

func solid(w, h int, c color.Color) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, c)
		}
	}
	return img
}

// texty is a white image with a dark bar, not blank.
func texty(w int) *image.RGBA {
	img := solid(w, 120, color.White)
	for y := 50; y < 60; y++ {
		for x := 10; x < w-10; x++ {
			img.Set(x, y, color.Black)
		}
	}
	return img
}

// reader reads one line saying the image's width, after waiting for
// release (when set) or ctx. It counts how many reads run at once.
type reader struct {
	release        chan struct{}
	running, most  atomic.Int32
	started, reads atomic.Int32
}

func (r *reader) Read(ctx context.Context, img image.Image) (ocr.Result, error) {
	n := r.running.Add(1)
	defer r.running.Add(-1)
	for {
		m := r.most.Load()
		if n <= m || r.most.CompareAndSwap(m, n) {
			break
		}
	}
	r.started.Add(1)
	if r.release != nil {
		select {
		case <-r.release:
		case <-ctx.Done():
			return ocr.Result{}, ctx.Err()
		}
	}
	r.reads.Add(1)
	w := img.Bounds().Dx()
	x1 := float64(w - 10)
	q := ocr.Quad{{X: 10, Y: 50}, {X: x1, Y: 50}, {X: x1, Y: 60}, {X: 10, Y: 60}}
	return ocr.Result{Lines: []ocr.Line{{Text: "width " + itoa(w), Quad: q, Confidence: 0.9}}}, nil
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for ; n > 0; n /= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
	}
	return string(b)
}

type rig struct {
	jobs    *app.Jobs
	desk    *apptest.Desktop
	voice   *apptest.Voice
	earcons *apptest.Earcons
	events  *apptest.Events
	reader  *reader
}

func newRig(t *testing.T) *rig {
	t.Helper()
	r := &rig{
		desk:    &apptest.Desktop{ScreenImage: texty(400), WindowImage: texty(300)},
		voice:   &apptest.Voice{},
		earcons: &apptest.Earcons{},
		events:  &apptest.Events{},
		reader:  &reader{},
	}
	svc := &app.Service{Reader: &app.Model[app.TextReader]{Open: func() (app.TextReader, error) { return r.reader, nil }}}
	r.jobs = &app.Jobs{
		Service: svc, Desktop: r.desk, Voice: r.voice, Earcons: r.earcons, Events: r.events,
		History: &app.History{}, AutoSpeak: true, TickEvery: -1,
		LoadImage: func(path string) (image.Image, error) {
			img, _, err := imaging.LoadImage(path)
			return img, err
		},
	}
	t.Cleanup(func() { r.jobs.Close() })
	return r
}

func TestJobDescribesAndSpeaks(t *testing.T) {
	r := newRig(t)
	var log bytes.Buffer
	r.jobs.Log = &log
	r.jobs.Describe(app.Request{Source: app.SourceScreen})
	r.jobs.Wait()
	busy, done, failed, _ := r.events.Record()
	if len(failed) != 0 || len(done) != 1 {
		t.Fatalf("done %v failed %v", done, failed)
	}
	if want := []string{"Describing screen"}; !equal(busy, want) {
		t.Errorf("busy %q, want %q", busy, want)
	}
	e := done[0]
	if e.Source != "screen" || !strings.Contains(e.Full, "width 400") || e.Thumb == nil {
		t.Errorf("entry %+v", e)
	}
	if b := e.Thumb.Bounds(); b.Dx() != app.ThumbSide || b.Dy() != 120*app.ThumbSide/400 {
		t.Errorf("thumbnail %v", b)
	}
	if said := r.voice.Said(); len(said) != 1 || said[0] != e.Short {
		t.Errorf("said %q, want the short form %q", said, e.Short)
	}
	if starts, _, _ := r.earcons.Counts(); starts != 1 {
		t.Errorf("%d start earcons, want 1", starts)
	}
	if h := r.jobs.History.Entries(); len(h) != 1 || h[0].Full != e.Full {
		t.Errorf("history %v", h)
	}
	line := log.String()
	if !strings.HasSuffix(line, "\tscreen\tText on screen: / width 400\n") || strings.Count(line, "\n") != 1 {
		t.Errorf("log line %q", line)
	}
}

func TestJobSources(t *testing.T) {
	r := newRig(t)
	path := filepath.Join(t.TempDir(), "photo.png")
	var buf bytes.Buffer
	if err := png.Encode(&buf, texty(250)); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		req  app.Request
		busy string
		want string // in the text, or the error
	}{
		{app.Request{Source: app.SourceWindow}, "Describing window", "width 300"},
		{app.Request{Source: app.SourceFile, Path: path}, "Describing photo.png", "width 250"},
		{app.Request{Source: app.SourceClipboard}, "Describing clipboard", "not available"},
		{app.Request{Source: app.SourceFile, Path: filepath.Join(t.TempDir(), "none.png")}, "Describing none.png", "none.png"},
	} {
		r.events = &apptest.Events{}
		r.jobs.Events = r.events
		r.jobs.Describe(tc.req)
		r.jobs.Wait()
		busy, done, failed, _ := r.events.Record()
		if len(busy) != 1 || busy[0] != tc.busy {
			t.Errorf("%v: busy %q, want %q", tc.req, busy, tc.busy)
		}
		if len(done) == 1 && tc.req.Source == app.SourceFile && done[0].Source != "photo.png" {
			t.Errorf("%v: entry source %q, want the file's name", tc.req, done[0].Source)
		}
		switch {
		case len(done) == 1 && strings.Contains(done[0].Full, tc.want):
		case len(failed) == 1 && strings.Contains(failed[0].Error(), tc.want):
		default:
			t.Errorf("%v: done %v failed %v, want %q", tc.req, done, failed, tc.want)
		}
	}
	if _, _, errs := r.earcons.Counts(); errs != 2 {
		t.Errorf("%d error earcons, want 2", errs)
	}
}

func TestBeforeCaptureWrapsDesktopCaptures(t *testing.T) {
	r := newRig(t)
	var events []string
	r.jobs.BeforeCapture = func(_ context.Context, req app.Request) func() {
		events = append(events, "before "+req.Source.String())
		n := r.desk.Calls()
		return func() {
			if r.desk.Calls() != n+1 {
				t.Error("after ran before the capture")
			}
			events = append(events, "after")
		}
	}
	r.jobs.Describe(app.Request{Source: app.SourceWindow, FromWindow: true})
	r.jobs.Wait()
	path := filepath.Join(t.TempDir(), "none.png")
	r.jobs.Describe(app.Request{Source: app.SourceFile, Path: path}) // files are not captured
	r.jobs.Wait()
	if want := []string{"before window", "after"}; !equal(events, want) {
		t.Errorf("events %q, want %q", events, want)
	}
}

func TestBlankScreenIsSaidPlainly(t *testing.T) {
	r := newRig(t)
	r.desk.ScreenImage = solid(640, 400, color.Black)
	r.jobs.Describe(app.Request{Source: app.SourceScreen})
	r.jobs.Wait()
	_, done, _, _ := r.events.Record()
	if len(done) != 1 || done[0].Short != "The screen appears blank." || done[0].Thumb != nil {
		t.Fatalf("done %+v", done)
	}
	if r.reader.started.Load() != 0 {
		t.Error("OCR ran on a blank screen")
	}
}

func TestNewRequestCancelsRunningJob(t *testing.T) {
	r := newRig(t)
	r.reader.release = make(chan struct{})
	r.jobs.Describe(app.Request{Source: app.SourceScreen})
	waitFor(t, func() bool { return r.reader.started.Load() == 1 })
	r.jobs.Describe(app.Request{Source: app.SourceWindow})
	waitFor(t, func() bool { return r.reader.started.Load() == 2 })
	close(r.reader.release)
	r.jobs.Wait()
	_, done, failed, _ := r.events.Record()
	if len(done) != 1 || !strings.Contains(done[0].Full, "width 300") || len(failed) != 0 {
		t.Fatalf("done %v failed %v; want the window's description alone", done, failed)
	}
	if m := r.reader.most.Load(); m != 1 {
		t.Errorf("%d reads ran at once", m)
	}
}

func TestMashingLeavesOneJob(t *testing.T) {
	r := newRig(t)
	r.reader.release = make(chan struct{})
	// The mashing starts while a read is running, so it has a job to cut.
	r.jobs.Describe(app.Request{Source: app.SourceWindow})
	waitFor(t, func() bool { return r.reader.started.Load() == 1 })
	var wg sync.WaitGroup
	for i := range 20 {
		wg.Go(func() {
			src := app.SourceScreen
			if i%2 == 1 {
				src = app.SourceWindow
			}
			r.jobs.Describe(app.Request{Source: src})
		})
	}
	wg.Wait()
	r.jobs.Describe(app.Request{Source: app.SourceScreen}) // the last one wins
	close(r.reader.release)
	r.jobs.Wait()
	_, done, failed, _ := r.events.Record()
	if len(done) != 1 || !strings.Contains(done[0].Full, "width 400") || len(failed) != 0 {
		t.Fatalf("done %d failed %v; want one result, the last request's", len(done), failed)
	}
	if m := r.reader.most.Load(); m != 1 {
		t.Errorf("%d reads ran at once", m)
	}
	if n := len(r.jobs.History.Entries()); n != 1 {
		t.Errorf("history holds %d entries", n)
	}
	if n := r.events.Idles(); n != 1 {
		t.Errorf("idle %d times, want once, after the last job", n)
	}
}

func TestStopCancelsJobAndSpeech(t *testing.T) {
	r := newRig(t)
	r.voice.Block = true
	r.jobs.Describe(app.Request{Source: app.SourceScreen})
	waitFor(t, func() bool { return len(r.voice.Said()) == 1 }) // speaking the result
	r.jobs.Stop()
	r.jobs.Wait() // returns only because Stop ended the speech
	if r.voice.Stops() != 1 {
		t.Errorf("voice stopped %d times", r.voice.Stops())
	}
	// Stop during the OCR: no result, no speech.
	r.events = &apptest.Events{}
	r.jobs.Events = r.events
	r.reader.release = make(chan struct{})
	r.jobs.Describe(app.Request{Source: app.SourceWindow})
	waitFor(t, func() bool { return r.reader.started.Load() == 2 })
	r.jobs.Stop()
	r.jobs.Wait()
	_, done, failed, stopped := r.events.Record()
	if len(done) != 0 || len(failed) != 0 || stopped != 1 {
		t.Errorf("after Stop: done %v failed %v stopped %d", done, failed, stopped)
	}
	if n := len(r.voice.Said()); n != 1 {
		t.Errorf("%d things said, want only the first result", n)
	}
}

func TestTicksWhileWorking(t *testing.T) {
	r := newRig(t)
	r.jobs.TickEvery = 5 * time.Millisecond
	r.reader.release = make(chan struct{})
	r.jobs.Describe(app.Request{Source: app.SourceScreen})
	waitFor(t, func() bool { _, ticks, _ := r.earcons.Counts(); return ticks >= 3 })
	if !tickerRunning() {
		t.Fatal("no ticker goroutine found while ticking: tickerRunning looks for the wrong name")
	}
	close(r.reader.release)
	r.jobs.Wait()
	_, before, _ := r.earcons.Counts()
	// Once the ticker's goroutine has ended no tick can follow: that, not
	// a pause, shows the ticking is over.
	waitFor(t, func() bool { return !tickerRunning() })
	if _, after, _ := r.earcons.Counts(); after != before {
		t.Errorf("ticks went on after the job: %d then %d", before, after)
	}
}

// tickerRunning reports whether the goroutine that sounds Jobs' ticks is
// alive.
func tickerRunning() bool {
	buf := make([]byte, 1<<20)
	buf = buf[:runtime.Stack(buf, true)]
	return bytes.Contains(buf, []byte("app.(*Jobs).tick.func"))
}

func TestHistorySavedPrivately(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "history.db")
	var saveErrs []error
	h := &app.History{Path: path, Limit: 2, KeepEntries: 3, OnError: func(err error) { saveErrs = append(saveErrs, err) }}
	for i, w := range []int{200, 300, 400, 500} {
		h.Add(app.Entry{Time: time.Unix(int64(i), 0).UTC(), Source: "screen", Short: "s" + itoa(w), Full: "f" + itoa(w), Thumb: texty(w)})
		h.Wait()
	}
	if len(saveErrs) != 0 || len(h.Entries()) != 2 {
		t.Fatalf("errors %v, %d entries in memory (want 2)", saveErrs, len(h.Entries()))
	}
	if err := h.Close(); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("history file: %v, %v; want mode 0600", fi, err)
	}
	back := &app.History{Path: path}
	if err := back.Load(); err != nil {
		t.Fatal(err)
	}
	got := back.Entries()
	if len(got) != 3 || got[0].Full != "f500" || got[2].Full != "f300" || got[0].Thumb == nil ||
		got[0].Thumb.Bounds().Dx() != 500 || !got[0].Time.Equal(time.Unix(3, 0)) {
		t.Fatalf("loaded %d entries (the database keeps 3): %+v", len(got), got)
	}
	found, total, err := back.Search("f4", 10)
	if err != nil || total != 1 || found[0].Full != "f400" {
		t.Errorf("search: %v of %d, %v", found, total, err)
	}
	if err := back.Forget(); err != nil {
		t.Errorf("Forget: %v", err)
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("history file still there after Forget: %v", err)
	}
}

// TestOldHistoryIsImportedOnce: the JSON history of earlier versions goes
// into the database at the first Load, and its file away.
func TestOldHistoryIsImportedOnce(t *testing.T) {
	dir := t.TempDir()
	legacy := filepath.Join(dir, "history.json")
	old := `[{"time":"2026-12-01T10:00:02Z","source":"screen","short":"newer","full":"newer budget"},
		{"time":"2026-12-01T10:00:01Z","source":"photo.png","short":"older","full":"older cat"}]`
	if err := os.WriteFile(legacy, []byte(old), 0o600); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		h := &app.History{Path: filepath.Join(dir, "history.db"), Legacy: legacy}
		if err := h.Load(); err != nil {
			t.Fatal(err)
		}
		got := h.Entries()
		if len(got) != 2 || got[0].Full != "newer budget" || got[1].Source != "photo.png" {
			t.Errorf("imported %+v", got)
		}
		h.Close()
		if _, err := os.Stat(legacy); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("the old file is still there: %v", err)
		}
	}
}

// TestDamagedHistoryIsSetAside: a damaged database is said, set aside
// and replaced; describing goes on.
func TestDamagedHistoryIsSetAside(t *testing.T) {
	path := filepath.Join(t.TempDir(), "history.db")
	if err := os.WriteFile(path, bytes.Repeat([]byte("not a database "), 500), 0o600); err != nil {
		t.Fatal(err)
	}
	var told []error
	h := &app.History{Path: path, OnError: func(err error) { told = append(told, err) }}
	if err := h.Load(); err != nil || len(h.Entries()) != 0 {
		t.Fatalf("load: %v, %d entries", err, len(h.Entries()))
	}
	if len(told) != 1 || !errors.Is(told[0], app.ErrHistorySetAside) ||
		app.Sentence(told[0]) != "The saved history was damaged; it was set aside and a new one started." {
		t.Errorf("told %v (%q); want one ErrHistorySetAside", told, app.Sentence(errors.Join(told...)))
	}
	h.Add(app.Entry{Time: time.Unix(1, 0), Full: "fresh"})
	h.Wait()
	if err := h.Close(); err != nil {
		t.Fatal(err)
	}
}

// TestForgetRemovesTheFileForGood: turning the saved history off while
// saves are running never leaves the file behind.
func TestForgetRemovesTheFileForGood(t *testing.T) {
	for range 20 {
		path := filepath.Join(t.TempDir(), "history.db")
		h := &app.History{}
		if err := h.Keep(path); err != nil {
			t.Fatal(err)
		}
		for i := range 5 {
			h.Add(app.Entry{Full: itoa(i), Thumb: texty(300)})
		}
		if err := h.Forget(); err != nil {
			t.Fatal(err)
		}
		h.Wait()
		if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
			t.Fatalf("the file came back after Forget: %v", err)
		}
		if n := len(h.Entries()); n != 5 {
			t.Errorf("Forget dropped the entries in memory: %d left", n)
		}
	}
}

func TestPreloadLoadsInBackground(t *testing.T) {
	loads := 0
	svc := &app.Service{Reader: &app.Model[app.TextReader]{Open: func() (app.TextReader, error) { loads++; return &reader{}, nil }}}
	if err := svc.Preload(); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Describe(context.Background(), "x", texty(100)); err != nil {
		t.Fatal(err)
	}
	if loads != 1 {
		t.Errorf("loaded %d times", loads)
	}
	bad := &app.Service{Reader: &app.Model[app.TextReader]{Open: func() (app.TextReader, error) { return nil, errors.New("no models") }}}
	if err := bad.Preload(); err == nil {
		t.Error("Preload hid the loading error")
	}
}

// waitFor polls cond until it holds, failing the test after 10 s (a
// deadline for a broken build, far beyond any loaded machine's delay).
func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("timed out waiting")
		}
		time.Sleep(time.Millisecond) // between polls; the wait ends on cond
	}
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// ctxVoice blocks each Speak until its context ends and records the texts
// whose context ended.
type ctxVoice struct {
	mu    sync.Mutex
	ended []string
}

func (v *ctxVoice) Speak(ctx context.Context, text string) error {
	<-ctx.Done()
	v.mu.Lock()
	v.ended = append(v.ended, text)
	v.mu.Unlock()
	return ctx.Err()
}

func (v *ctxVoice) Stop() error { return nil }

func (v *ctxVoice) endedTexts() []string {
	v.mu.Lock()
	defer v.mu.Unlock()
	return append([]string(nil), v.ended...)
}

func TestSayIsCutByNewerMessageAndStop(t *testing.T) {
	r := newRig(t)
	v := &ctxVoice{}
	r.jobs.Voice = v
	r.jobs.Say("Describe screen")
	r.jobs.Say("Describe window") // cancels the first
	waitFor(t, func() bool { return len(v.endedTexts()) == 1 })
	if got := v.endedTexts(); got[0] != "Describe screen" {
		t.Errorf("ended %q, want the older message", got)
	}
	r.jobs.Stop() // cancels the second
	waitFor(t, func() bool { return len(v.endedTexts()) == 2 })
}

func TestUnavailablePartsAreLeftOut(t *testing.T) {
	noText := fmt.Errorf("%w: the OCR models are not installed", app.ErrUnavailable)
	noCaption := fmt.Errorf("%w: the caption model is not installed", app.ErrUnavailable)
	reader := func(err error) func() (app.TextReader, error) {
		return func() (app.TextReader, error) {
			if err == nil {
				return &reader{}, nil
			}
			return readerFunc(func(context.Context, image.Image) (ocr.Result, error) { return ocr.Result{}, err }), nil
		}
	}
	captioner := func(err error) func() (app.Captioner, error) {
		return func() (app.Captioner, error) {
			return app.CaptionerFunc(func(context.Context, image.Image) (inference.Caption, error) {
				return inference.Caption{Text: "a bar", Confidence: 0.9}, err
			}), nil
		}
	}
	// No text reader: the caption alone, and the text was not read (nil).
	svc := &app.Service{Reader: &app.Model[app.TextReader]{Open: reader(noText)}, Captioner: &app.Model[app.Captioner]{Open: captioner(nil)}}
	d, err := svc.Describe(context.Background(), "x", texty(200))
	if err != nil || d.Caption != "a bar" || d.Lines != nil {
		t.Errorf("no OCR: %+v, %v", d, err)
	}
	// No caption: the text alone.
	svc = &app.Service{Reader: &app.Model[app.TextReader]{Open: reader(nil)}, Captioner: &app.Model[app.Captioner]{Open: captioner(noCaption)}}
	d, err = svc.Describe(context.Background(), "x", texty(200))
	if err != nil || d.Caption != "" || len(d.Lines) != 1 {
		t.Errorf("no caption: %+v, %v", d, err)
	}
	// Neither: the reader's sentence.
	svc = &app.Service{Reader: &app.Model[app.TextReader]{Open: reader(noText)}, Captioner: &app.Model[app.Captioner]{Open: captioner(noCaption)}}
	if _, err := svc.Describe(context.Background(), "x", texty(200)); !errors.Is(err, noText) {
		t.Errorf("neither: %v, want the reader's error", err)
	}
}

type readerFunc func(context.Context, image.Image) (ocr.Result, error)

func (f readerFunc) Read(ctx context.Context, img image.Image) (ocr.Result, error) {
	return f(ctx, img)
}

func TestNothingStartsAfterClose(t *testing.T) {
	r := newRig(t)
	if err := r.jobs.Close(); err != nil {
		t.Fatal(err)
	}
	r.jobs.Describe(app.Request{Source: app.SourceScreen})
	r.jobs.Say("Describe window")
	r.jobs.Stop()
	r.jobs.Wait()
	busy, done, _, _ := r.events.Record()
	if len(busy) != 0 || len(done) != 0 || len(r.voice.Said()) != 0 || r.desk.Calls() != 0 {
		t.Errorf("after Close: busy %q, %d results, said %q, %d captures", busy, len(done), r.voice.Said(), r.desk.Calls())
	}
}

// panicky is a text reader whose first read panics, as a bad model's odd
// output can, and whose later reads work.
type panicky struct {
	reader
	calls atomic.Int32
}

func (p *panicky) Read(ctx context.Context, img image.Image) (ocr.Result, error) {
	if p.calls.Add(1) == 1 {
		var rows []float32
		_ = rows[3] // index out of range, as an odd output shape gives
	}
	return p.reader.Read(ctx, img)
}

// TestPanickingModelIsToldAndTheNextJobWorks: a model that panics fails
// its job with one sentence (details in the log, none in the sentence),
// the error earcon sounds, and the next describe works as usual.
func TestPanickingModelIsToldAndTheNextJobWorks(t *testing.T) {
	r := newRig(t)
	bad := &panicky{}
	r.jobs.Service = &app.Service{Reader: &app.Model[app.TextReader]{Open: func() (app.TextReader, error) { return bad, nil }}}
	var log bytes.Buffer
	r.jobs.ErrorLog = &log
	r.jobs.Describe(app.Request{Source: app.SourceScreen})
	r.jobs.Wait()
	_, done, failed, _ := r.events.Record()
	if len(done) != 0 || len(failed) != 1 {
		t.Fatalf("after the panic: done %v, failed %v; want one failure", done, failed)
	}
	const want = "something went wrong describing that; the details are in the log"
	if err := failed[0]; !errors.Is(err, app.ErrCrashed) || err.Error() != want {
		t.Errorf("failure %q (ErrCrashed: %v), want %q", err, errors.Is(err, app.ErrCrashed), want)
	}
	if details := log.String(); !strings.Contains(details, "panic while describing that: runtime error: index out of range") ||
		!strings.Contains(details, "panicky") {
		t.Errorf("the log lacks the panic and its stack:\n%s", details)
	}
	if _, _, errs := r.earcons.Counts(); errs != 1 {
		t.Errorf("%d error earcons, want 1", errs)
	}
	r.jobs.Describe(app.Request{Source: app.SourceWindow})
	r.jobs.Wait()
	_, done, failed, _ = r.events.Record()
	if len(done) != 1 || len(failed) != 1 || !strings.Contains(done[0].Full, "width 300") {
		t.Fatalf("the next job: done %v, failed %v; want it described", done, failed)
	}
	if said := r.voice.Said(); len(said) != 1 || said[0] != done[0].Short {
		t.Errorf("said %q, want the next result", said)
	}
}

// badThumb is an image whose pixels cannot be read: saving it panics.
type badThumb struct{ image.Rectangle }

func (b badThumb) ColorModel() color.Model { return color.RGBAModel }
func (b badThumb) Bounds() image.Rectangle { return b.Rectangle }
func (b badThumb) At(int, int) color.Color { panic("unreadable pixel") }

// TestPanickingSaveIsTold: a background save that panics reaches OnError
// as a CrashError, its details in the log, and the history goes on.
func TestPanickingSaveIsTold(t *testing.T) {
	var log bytes.Buffer
	got := make(chan error, 1)
	h := &app.History{Path: filepath.Join(t.TempDir(), "history.db"), ErrorLog: &log,
		OnError: func(err error) { got <- err }}
	h.Add(app.Entry{Time: time.Unix(1, 0), Source: "screen", Short: "a", Full: "a",
		Thumb: badThumb{image.Rect(0, 0, 4, 4)}})
	h.Wait()
	select {
	case err := <-got:
		const want = "something went wrong saving the history; the details are in the log"
		if !errors.Is(err, app.ErrCrashed) || err.Error() != want {
			t.Errorf("OnError got %q, want %q", err, want)
		}
	default:
		t.Fatal("OnError heard nothing of the panicking save")
	}
	if !strings.Contains(log.String(), "unreadable pixel") {
		t.Errorf("the log lacks the panic: %q", log.String())
	}
	if n := len(h.Entries()); n != 1 {
		t.Errorf("%d entries after the failed save, want 1", n)
	}
}

// panicVoice panics whenever it speaks.
type panicVoice struct{}

func (panicVoice) Speak(context.Context, string) error { panic("voice broke") }
func (panicVoice) Stop() error                         { return nil }

// TestPanickingVoiceIsLogged: a message whose voice panics is logged (the
// same voice cannot say so) and jobs go on.
func TestPanickingVoiceIsLogged(t *testing.T) {
	r := newRig(t)
	var log bytes.Buffer
	r.jobs.ErrorLog, r.jobs.Voice, r.jobs.AutoSpeak = &log, panicVoice{}, false
	r.jobs.Say("Describer is ready.")
	r.jobs.Wait()
	if !strings.Contains(log.String(), "panic while speaking a message: voice broke") {
		t.Errorf("the log lacks the panic: %q", log.String())
	}
	r.jobs.Describe(app.Request{Source: app.SourceScreen})
	r.jobs.Wait()
	if _, done, failed, _ := r.events.Record(); len(done) != 1 || len(failed) != 0 {
		t.Errorf("after the voice's panic: done %v, failed %v", done, failed)
	}
}

// TestFailedJobIsLogged: the whole error of a failed job, path and all,
// goes to the log, while the window gets the error to word.
func TestFailedJobIsLogged(t *testing.T) {
	r := newRig(t)
	var log bytes.Buffer
	r.jobs.ErrorLog = &log
	missing := filepath.Join(t.TempDir(), "gone.png")
	r.jobs.Describe(app.Request{Source: app.SourceFile, Path: missing})
	r.jobs.Wait()
	if _, _, failed, _ := r.events.Record(); len(failed) != 1 {
		t.Fatalf("failed %v, want one failure", failed)
	}
	if !strings.Contains(log.String(), "Describing gone.png failed: ") || !strings.Contains(log.String(), missing) {
		t.Errorf("the log lacks the whole error: %q", log.String())
	}
}

// twoBlocks reads a menu at the top and a status line far below it.
type twoBlocks struct{}

func (twoBlocks) Read(context.Context, image.Image) (ocr.Result, error) {
	box := func(x0, y0, x1, y1 float64) ocr.Quad {
		return ocr.Quad{{X: x0, Y: y0}, {X: x1, Y: y0}, {X: x1, Y: y1}, {X: x0, Y: y1}}
	}
	return ocr.Result{Lines: ocr.Order([]ocr.Line{
		{Text: "Undo", Quad: box(30, 30, 70, 44), Confidence: 0.9}, {Text: "Ctrl+Z", Quad: box(200, 30, 250, 44), Confidence: 0.9},
		{Text: "Redo", Quad: box(30, 56, 70, 70), Confidence: 0.9}, {Text: "Ctrl+Y", Quad: box(200, 56, 250, 70), Confidence: 0.9},
		{Text: "Status: ready", Quad: box(30, 250, 140, 264), Confidence: 0.9},
	})}, nil
}

// TestPointerReadsTheBlockUnderIt: the read-block request reads only the
// block under the pointer, rows in order, with no caption asked for.
func TestPointerReadsTheBlockUnderIt(t *testing.T) {
	r := newRig(t)
	captioned := false
	r.jobs.Service = &app.Service{
		Reader: &app.Model[app.TextReader]{Open: func() (app.TextReader, error) { return twoBlocks{}, nil }},
		Captioner: &app.Model[app.Captioner]{Open: func() (app.Captioner, error) {
			return app.CaptionerFunc(func(context.Context, image.Image) (inference.Caption, error) {
				captioned = true
				return inference.Caption{Text: "a menu"}, nil
			}), nil
		}},
	}
	r.desk.Pointer = image.Pt(120, 60)
	r.jobs.Describe(app.Request{Source: app.SourcePointer})
	r.jobs.Wait()
	busy, done, failed, _ := r.events.Record()
	if len(done) != 1 || len(failed) != 0 {
		t.Fatalf("done %v, failed %v", done, failed)
	}
	if want := "Text on screen:\nUndo Ctrl+Z\nRedo Ctrl+Y"; done[0].Full != want || captioned {
		t.Errorf("read %q (captioned %v), want %q and no caption", done[0].Full, captioned, want)
	}
	if busy[0] != "Reading the text under the pointer" {
		t.Errorf("busy %q", busy[0])
	}
	r.desk.Pointer = image.Pt(600, 150)
	r.jobs.Describe(app.Request{Source: app.SourcePointer})
	r.jobs.Wait()
	if _, done, _, _ = r.events.Record(); done[1].Full != "No text found." {
		t.Errorf("away from text: %q, want %q", done[1].Full, "No text found.")
	}
}
