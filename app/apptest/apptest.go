// Package apptest holds fakes of app's interfaces for tests: a desktop that
// returns set images, a voice, a speech engine and earcons that record what
// they were asked, and an Events recorder.
package apptest

import (
	"context"
	"image"
	"sync"

	"github.com/describer/describer/app"
	"github.com/describer/describer/speech"
)

// Desktop returns its images; a nil image returns Err (or an error saying
// nothing is there). Calls counts the captures.
type Desktop struct {
	ScreenImage, WindowImage, ClipboardImage image.Image
	// Pointer is where the mouse pointer is on ScreenImage.
	Pointer image.Point
	// Err is returned for a source with no image.
	Err error

	mu    sync.Mutex
	calls int
}

var _ app.PointerDesktop = (*Desktop)(nil)

func (d *Desktop) get(img image.Image) (image.Image, error) {
	d.mu.Lock()
	d.calls++
	d.mu.Unlock()
	if img == nil {
		if d.Err != nil {
			return nil, d.Err
		}
		return nil, app.ErrNoDesktop
	}
	return img, nil
}

// Screen returns ScreenImage.
func (d *Desktop) Screen(context.Context) (image.Image, error) { return d.get(d.ScreenImage) }

// AllScreens returns ScreenImage.
func (d *Desktop) AllScreens(context.Context) (image.Image, error) { return d.get(d.ScreenImage) }

// ActiveWindow returns WindowImage.
func (d *Desktop) ActiveWindow(context.Context) (image.Image, error) { return d.get(d.WindowImage) }

// Clipboard returns ClipboardImage.
func (d *Desktop) Clipboard(context.Context) (image.Image, error) { return d.get(d.ClipboardImage) }

// ScreenAtPointer returns ScreenImage and Pointer.
func (d *Desktop) ScreenAtPointer(context.Context) (image.Image, image.Point, error) {
	img, err := d.get(d.ScreenImage)
	return img, d.Pointer, err
}

// Calls is how many captures were asked for.
func (d *Desktop) Calls() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.calls
}

// Voice records what it is asked to say. With Block set, Speak waits
// until its context ends or Stop is called, like a long speech would.
type Voice struct {
	// Block makes Speak last until it is stopped.
	Block bool

	mu      sync.Mutex
	said    []string
	stops   int
	stopped chan struct{}
}

var _ app.Voice = (*Voice)(nil)

// Speak records text.
func (v *Voice) Speak(ctx context.Context, text string) error {
	v.mu.Lock()
	v.said = append(v.said, text)
	if v.stopped == nil {
		v.stopped = make(chan struct{})
	}
	stopped := v.stopped
	v.mu.Unlock()
	if !v.Block {
		return nil
	}
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-stopped:
		return context.Canceled
	}
}

// Stop ends a blocked Speak.
func (v *Voice) Stop() error {
	v.mu.Lock()
	defer v.mu.Unlock()
	v.stops++
	if v.stopped != nil {
		close(v.stopped)
	}
	v.stopped = make(chan struct{})
	return nil
}

// Said returns what was said, in order.
func (v *Voice) Said() []string {
	v.mu.Lock()
	defer v.mu.Unlock()
	return append([]string(nil), v.said...)
}

// Stops is how many times Stop was called.
func (v *Voice) Stops() int {
	v.mu.Lock()
	defer v.mu.Unlock()
	return v.stops
}

// Earcons counts the sounds asked for.
type Earcons struct {
	mu                  sync.Mutex
	starts, ticks, errs int
}

var _ app.Earcons = (*Earcons)(nil)

// Start counts a start sound.
func (e *Earcons) Start() { e.mu.Lock(); e.starts++; e.mu.Unlock() }

// Tick counts a tick.
func (e *Earcons) Tick() { e.mu.Lock(); e.ticks++; e.mu.Unlock() }

// Error counts an error sound.
func (e *Earcons) Error() { e.mu.Lock(); e.errs++; e.mu.Unlock() }

// Counts returns how many start, tick and error sounds were asked for.
func (e *Earcons) Counts() (starts, ticks, errs int) {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.starts, e.ticks, e.errs
}

// Events records what the jobs reported.
type Events struct {
	mu      sync.Mutex
	busy    []string
	done    []app.Entry
	failed  []error
	stopped int
	idle    int
	// DoneC, when not nil, receives every finished entry.
	DoneC chan app.Entry
}

var _ app.Events = (*Events)(nil)

// Busy records what.
func (e *Events) Busy(what string) { e.mu.Lock(); e.busy = append(e.busy, what); e.mu.Unlock() }

// Done records en.
func (e *Events) Done(en app.Entry) {
	e.mu.Lock()
	e.done = append(e.done, en)
	c := e.DoneC
	e.mu.Unlock()
	if c != nil {
		c <- en
	}
}

// Failed records err.
func (e *Events) Failed(err error) { e.mu.Lock(); e.failed = append(e.failed, err); e.mu.Unlock() }

// Idle counts the ends of jobs.
func (e *Events) Idle() { e.mu.Lock(); e.idle++; e.mu.Unlock() }

// Idles is how many times Idle was called.
func (e *Events) Idles() int { e.mu.Lock(); defer e.mu.Unlock(); return e.idle }

// Stopped counts a stop.
func (e *Events) Stopped() { e.mu.Lock(); e.stopped++; e.mu.Unlock() }

// Record returns copies of what was recorded.
func (e *Events) Record() (busy []string, done []app.Entry, failed []error, stopped int) {
	e.mu.Lock()
	defer e.mu.Unlock()
	return append([]string(nil), e.busy...), append([]app.Entry(nil), e.done...),
		append([]error(nil), e.failed...), e.stopped
}

// Engine is a speech engine that records what it says, like Voice, and
// counts its closes.
type Engine struct {
	Voice
	// Label is what Name returns.
	Label string

	closes int
}

var _ speech.Engine = (*Engine)(nil)

// Name returns Label.
func (e *Engine) Name() string { return e.Label }

// Close counts a close.
func (e *Engine) Close() error { e.mu.Lock(); e.closes++; e.mu.Unlock(); return nil }

// Closes is how many times Close was called.
func (e *Engine) Closes() int { e.mu.Lock(); defer e.mu.Unlock(); return e.closes }
