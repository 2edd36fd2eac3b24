package app

import (
	"context"
	"errors"
	"fmt"
	"image"
	"io"
	"strings"
	"sync"
	"time"

	"github.com/describer/describer/app/i18n"
	"github.com/describer/describer/inference/ocr"
)

// Request is one describe request.
type Request struct {
	// Source is where the image comes from.
	Source Source
	// Path is the image file for SourceFile.
	Path string
	// FromWindow is true when the request came from Describer's own
	// window; BeforeCapture can then move the window out of the way.
	FromWindow bool
	// More asks for the image last described at the next level of detail
	// (Service.More) instead of a new image.
	More bool
	// Question asks about the image last described (Service.Ask) instead
	// of describing a new one.
	Question string
}

// Voice says text aloud. Speak returns when the text has been spoken, or
// at once with an error when ctx ends or Stop is called; a new Speak
// interrupts the one before. speech.Engine satisfies it.
type Voice interface {
	Speak(ctx context.Context, text string) error
	Stop() error
}

// Earcons plays the app's short sounds. Each method returns at once.
type Earcons interface {
	// Start is the soft sound that confirms a request.
	Start()
	// Tick is the gentle sound repeated while a job works.
	Tick()
	// Error is the sound of a failed job.
	Error()
}

// Events is how a job reports to the window. The methods may be called
// from any goroutine.
type Events interface {
	// Busy says a job started: "Describing screen".
	Busy(what string)
	// Done shows a finished description.
	Done(e Entry)
	// Failed shows a job's error, and says it: Jobs does not speak errors
	// itself, so the window words them one way everywhere.
	Failed(err error)
	// Stopped says the job and speech were stopped.
	Stopped()
	// Idle says the latest job and its speech are over.
	Idle()
}

// Jobs runs describe jobs one at a time: capture, describe, speak. A new
// request cancels the running one (so mashing a hotkey leaves one job);
// Stop cancels everything, speech included. Its zero value is not usable:
// set Service and Events at least. Its methods are safe for concurrent
// use and return at once.
type Jobs struct {
	// Service describes the images.
	Service *Service
	// Desktop captures screens, windows and the clipboard; nil refuses
	// those sources with ErrNoDesktop.
	Desktop Desktop
	// LoadImage opens an image file.
	LoadImage func(path string) (image.Image, error)
	// Voice speaks results and messages; nil means silent.
	Voice Voice
	// Earcons plays the start, tick and error sounds; nil means none.
	Earcons Earcons
	// Events receives progress and results.
	Events Events
	// History keeps the results; nil keeps none.
	History *History
	// Log, when set, receives each description as one line:
	// "TIME<TAB>SOURCE<TAB>TEXT" with the text's newlines as " / ".
	Log io.Writer
	// ErrorLog receives the details the user's sentence leaves out: each
	// failed job's whole error, and a job, message or tick that panicked
	// (the panic and its stack); nil means standard error.
	ErrorLog io.Writer
	// AutoSpeak speaks each result (its short form); set it before the
	// first job, and later with SetAutoSpeak.
	AutoSpeak bool
	// TickEvery is how often Tick sounds while a job works (default 1 s;
	// negative: never).
	TickEvery time.Duration
	// Now returns the time; nil means time.Now.
	Now func() time.Time
	// OnResultSpeech, when set, is called as a result starts to be
	// spoken: its first rows while the rest is read, or the whole result
	// (the hotkey → first words measurement).
	OnResultSpeech func()
	// BeforeCapture, when set, runs before each capture from the desktop;
	// the function it returns runs right after. The app hides its own
	// window there, so "describe window" from that window describes the
	// window the user was in, not Describer.
	BeforeCapture func(ctx context.Context, r Request) (after func())

	mu        sync.Mutex
	cancel    context.CancelFunc
	sayCancel context.CancelFunc // of the message Say is saying
	closed    bool
	gen       uint64 // increases with every request and Stop
	run       sync.Mutex
	wg        sync.WaitGroup
	logMu     sync.Mutex
}

// Describe starts a job for r, cancelling the one running. After Close it
// does nothing.
func (j *Jobs) Describe(r Request) {
	ctx, gen, ok := j.next()
	if !ok {
		return
	}
	if j.Earcons != nil {
		j.Earcons.Start()
	}
	go func() {
		defer j.wg.Done()
		j.run.Lock() // the cancelled job finishes first
		defer j.run.Unlock()
		if ctx.Err() != nil || !j.current(gen) {
			return
		}
		j.doSafely(ctx, r)
		if j.current(gen) {
			j.Events.Idle()
		}
	}()
}

// Stop cancels the running job and any speech.
func (j *Jobs) Stop() {
	if _, _, ok := j.next(); ok {
		j.wg.Done() // no job follows
	}
	j.cancelSay()
	if j.Voice != nil {
		_ = j.Voice.Stop()
	}
	j.Events.Stopped()
}

// Say speaks a short message (the window's own announcements), interrupting
// what is being said. It does not cancel a running job.
func (j *Jobs) Say(text string) {
	if j.Voice == nil || strings.TrimSpace(text) == "" {
		return
	}
	j.mu.Lock()
	if j.closed {
		j.mu.Unlock()
		return
	}
	if j.sayCancel != nil {
		j.sayCancel()
	}
	ctx, cancel := context.WithCancel(context.Background())
	j.sayCancel = cancel
	j.wg.Add(1) // under mu, so Close's Wait sees it
	j.mu.Unlock()
	// A message whose goroutine runs late, after a newer message, a result
	// or Stop, finds its context cancelled and says nothing.
	go func() {
		defer j.wg.Done()
		defer cancel()
		// Logged only: reporting it would have the same voice say so.
		defer func() { recovered(recover(), "speaking a message", j.ErrorLog) }()
		_ = j.Voice.Speak(ctx, text)
	}()
}

// cancelSay silences the message being said, or about to be.
func (j *Jobs) cancelSay() {
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.sayCancel != nil {
		j.sayCancel()
		j.sayCancel = nil
	}
}

// SetAutoSpeak turns speaking each result on or off while jobs run.
func (j *Jobs) SetAutoSpeak(on bool) {
	j.mu.Lock()
	j.AutoSpeak = on
	j.mu.Unlock()
}

func (j *Jobs) autoSpeak() bool {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.AutoSpeak
}

// Wait waits until every job and message started so far has ended.
func (j *Jobs) Wait() { j.wg.Wait() }

// Close stops everything, waits for the jobs and messages to end, and
// makes later requests do nothing. It waits for the history's saves too.
func (j *Jobs) Close() error {
	j.mu.Lock()
	j.closed = true
	if j.cancel != nil {
		j.cancel()
	}
	if j.sayCancel != nil {
		j.sayCancel()
	}
	j.gen++
	j.mu.Unlock()
	j.Wait()
	if j.History != nil {
		return j.History.Close()
	}
	return nil
}

// next cancels the current job and returns a context for the next one,
// counted in wg; ok is false after Close.
func (j *Jobs) next() (ctx context.Context, gen uint64, ok bool) {
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.closed {
		return nil, 0, false
	}
	if j.cancel != nil {
		j.cancel()
	}
	ctx, cancel := context.WithCancel(context.Background())
	j.cancel = cancel
	j.gen++
	j.wg.Add(1) // under mu, so Close's Wait sees it
	return ctx, j.gen, true
}

func (j *Jobs) current(gen uint64) bool {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.gen == gen
}

func (j *Jobs) now() time.Time {
	if j.Now != nil {
		return j.Now()
	}
	return time.Now()
}

// doSafely runs one job under ctx. A panic in it (a bad model, a bug) is
// logged and reported as one sentence, and the next job runs as usual.
func (j *Jobs) doSafely(ctx context.Context, r Request) {
	defer func() {
		if e := recovered(recover(), "describing that", j.ErrorLog); e != nil {
			if ctx.Err() != nil {
				return // Stop or a newer request spoke already; logged only
			}
			if j.Earcons != nil {
				j.Earcons.Error()
			}
			j.Events.Failed(e)
		}
	}()
	j.do(ctx, r)
}

// do runs one job under ctx.
func (j *Jobs) do(ctx context.Context, r Request) {
	j.Events.Busy(busyText(r))
	if r.Question != "" {
		j.answer(ctx, r)
		return
	}
	stream := j.stream(ctx, r)
	d, img, err := j.describeTicking(ctx, r, stream)
	if ctx.Err() != nil {
		return // cancelled: Stop or a newer request already spoke
	}
	if err != nil {
		j.fail(r, err)
		return
	}
	e := NewEntry(j.now(), r, d, img)
	if ctx.Err() != nil {
		return // stopped while the description finished
	}
	j.done(e)
	if stream != nil {
		stream.finish(e.Short)
	}
}

// fail reports a job's error: the error sound, the whole error to the
// log, and the window (which says Sentence(err)).
func (j *Jobs) fail(r Request, err error) {
	if j.Earcons != nil {
		j.Earcons.Error()
	}
	Logf(j.ErrorLog, "%s failed: %v", busyText(r), err)
	j.Events.Failed(err)
}

// done keeps a finished result in the history and the log and shows it.
func (j *Jobs) done(e Entry) {
	if j.History != nil {
		j.History.Add(e)
	}
	j.log(e)
	j.Events.Done(e)
}

// stream returns what speaks the result, its text while it is read (but
// for the block under the pointer, said once found); nil when results are
// not spoken.
func (j *Jobs) stream(ctx context.Context, r Request) *textStream {
	if j.Voice == nil || !j.autoSpeak() {
		return nil
	}
	return &textStream{ctx: ctx, voice: j.Voice, onStart: j.resultSpeech}
}

// resultSpeech silences a message being said and tells OnResultSpeech.
func (j *Jobs) resultSpeech() {
	j.cancelSay()
	if j.OnResultSpeech != nil {
		j.OnResultSpeech()
	}
}

func busyText(r Request) string {
	switch {
	case r.More:
		return i18n.T("busy.more")
	case r.Question != "":
		return i18n.T("busy.answering")
	}
	switch r.Source {
	case SourceFile:
		return i18n.T("busy.file", "Name", baseName(r.Path))
	case SourceAllScreens:
		return i18n.T("busy.all-screens")
	case SourcePointer:
		return i18n.T("busy.pointer")
	case SourceWindow:
		return i18n.T("busy.window")
	case SourceClipboard:
		return i18n.T("busy.clipboard")
	}
	return i18n.T("busy.screen")
}

func baseName(p string) string {
	if i := strings.LastIndexAny(p, `/\`); i >= 0 {
		p = p[i+1:]
	}
	if p == "" {
		return "image"
	}
	return p
}

// tick sounds Earcons.Tick every TickEvery until the returned func is
// called or ctx ends.
func (j *Jobs) tick(ctx context.Context) func() {
	every := j.TickEvery
	if every == 0 {
		every = time.Second
	}
	if j.Earcons == nil || every < 0 {
		return func() {}
	}
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer func() { recovered(recover(), "sounding the tick", j.ErrorLog) }()
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-t.C:
				j.Earcons.Tick()
			case <-done:
				return
			case <-ctx.Done():
				return
			}
		}
	}()
	return func() { close(done); wg.Wait() }
}

// describeTicking is describe with the tick sounding, stopped however
// describe ends (a panic included), or once stream starts speaking.
func (j *Jobs) describeTicking(ctx context.Context, r Request, stream *textStream) (Description, image.Image, error) {
	stop := sync.OnceFunc(j.tick(ctx))
	defer stop()
	var onLines func([]ocr.Line)
	if stream != nil && r.Source != SourcePointer {
		stream.onStart = func() { stop(); j.resultSpeech() }
		onLines = stream.add
	}
	return j.describe(ctx, r, onLines)
}

// describe captures the image for r and describes it, handing onLines the
// text as it is read; for SourcePointer it reads the text alone and keeps
// the block under the pointer; for More it describes the last image again
// at the next level of detail.
func (j *Jobs) describe(ctx context.Context, r Request, onLines func([]ocr.Line)) (Description, image.Image, error) {
	if r.More {
		return j.Service.More(ctx)
	}
	img, at, err := j.capture(ctx, r)
	if err != nil {
		return Description{}, nil, err
	}
	source := baseName(r.Path) // the file's name is what people hear and see
	if r.Source != SourceFile {
		source = r.Source.String()
	}
	svc := j.Service
	if r.Source == SourcePointer {
		svc = &Service{Reader: j.Service.Reader}
	}
	d, err := svc.DescribeEach(ctx, source, img, onLines)
	d.Screen = r.Source.OnScreen()
	if r.Source == SourcePointer && err == nil {
		d = d.At(at)
	}
	return d, img, err
}

func (j *Jobs) capture(ctx context.Context, r Request) (image.Image, image.Point, error) {
	if r.Source == SourceFile {
		if j.LoadImage == nil {
			return nil, image.Point{}, errors.New("opening image files is not available here")
		}
		img, err := j.LoadImage(r.Path)
		return img, image.Point{}, err
	}
	if j.Desktop == nil {
		return nil, image.Point{}, ErrNoDesktop
	}
	if j.BeforeCapture != nil {
		if after := j.BeforeCapture(ctx, r); after != nil {
			defer after()
		}
	}
	return r.Source.CaptureAt(ctx, j.Desktop)
}

// log appends e to Log as one line.
func (j *Jobs) log(e Entry) {
	if j.Log == nil {
		return
	}
	j.logMu.Lock()
	defer j.logMu.Unlock()
	text := strings.Join(strings.Fields(strings.ReplaceAll(e.Full, "\n", " / ")), " ")
	fmt.Fprintf(j.Log, "%s\t%s\t%s\n", e.Time.Format(time.RFC3339), e.Source, text)
}
