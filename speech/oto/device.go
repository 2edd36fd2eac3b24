//go:build cgo || windows || (darwin && !amd64)

package oto

import (
	"context"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/hajimehoshi/oto/v2"
)

const (
	// openTimeout is how long a Play (or New) waits for the device to
	// open; an open that takes longer is still used once it is done.
	openTimeout = 5 * time.Second
	// retryInterval is how often, at most, the device is opened again
	// after it could not be opened or went away, so that a machine with
	// no sound does not try on every sentence.
	retryInterval = 3 * time.Second
)

// device is the process-wide sound device: the oto context, once one has
// opened, and the state of the tries to open it.
type device struct {
	rate int
	// open opens an oto context at rate, ready and suspended.
	open        func(rate int) (*oto.Context, error)
	openTimeout time.Duration
	canReopen   bool             // whether oto can open a context after one failed
	keeps       bool             // whether the last failure leaked an open device
	now         func() time.Time // the clock the back-off reads

	mu      sync.Mutex
	ctx     *oto.Context  // nil until a context opens, and after it fails
	err     error         // why the last context failed, as a deviceError
	opening chan struct{} // closed when the open under way ends; nil if none is
	tried   time.Time     // when the last open began; zero before the first
	idling  bool          // whether idle runs
	active  int           // Play calls in progress; the context runs while > 0
	kick    chan struct{} // wakes idle to suspend or resume the context
}

func newDevice(rate int) *device {
	return &device{
		rate:        rate,
		open:        openContext,
		openTimeout: openTimeout,
		canReopen:   reopens(runtime.GOOS),
		now:         time.Now,
		kick:        make(chan struct{}, 1),
	}
}

// reopens reports whether oto can make a second context on goos, which
// its documentation does not promise. On Linux and the BSDs (ALSA,
// driver_unix.go in oto v2.4.3) a context keeps no process-wide state
// that a second one would clash with: the package variable theContext is
// set but never read, and a failed context's goroutines have returned
// but for its mixer's, which waits, costing no CPU, for players that
// never come (internal/mux); the back-off bounds how many there are.
// On macOS the render callback and the sleep/wake observer use
// theContext, and setNotificationHandler registers an Objective-C class
// under a fixed name (driver_darwin.go, driver_macos.go), so a second
// context is unsafe; on Windows every try would leave a COM thread behind
// (driver_wasapi_windows.go), and oto itself follows a change of device
// there and plays into a null device when there is none.
func reopens(goos string) bool {
	switch goos {
	case "darwin", "ios", "windows", "android", "js":
		return false
	}
	return true
}

// openContext opens an oto context at rate and suspends it: a running
// context feeds the device silence, which costs a whole core on devices
// that never block. It waits however long the device takes to open.
func openContext(rate int) (*oto.Context, error) {
	ctx, ready, err := oto.NewContextWithOptions(&oto.NewContextOptions{
		SampleRate:   rate,
		ChannelCount: 1,
		Format:       oto.FormatSignedInt16LE,
		BufferSize:   DeviceBuffer,
	})
	if err != nil {
		return nil, err
	}
	<-ready
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := ctx.Suspend(); err != nil {
		return nil, err
	}
	return ctx, nil
}

// context returns the open context. When there is none (it never opened,
// or it failed since) it opens one, unless one was tried less than
// retryInterval ago, and waits for that until openTimeout after the try
// began or until ctx is done. Its errors are deviceErrors, or ctx's.
func (d *device) context(ctx context.Context) (*oto.Context, error) {
	d.mu.Lock()
	if d.ctx != nil {
		err := d.ctx.Err()
		if err == nil {
			c := d.ctx
			d.mu.Unlock()
			return c, nil
		}
		d.ctx, d.err = nil, noDevice(err) // the device went away
	}
	if d.opening == nil && d.due() {
		d.opening, d.tried = make(chan struct{}), d.now()
		go d.try(d.opening)
	}
	opening, deadline := d.opening, d.tried.Add(d.openTimeout)
	d.mu.Unlock()
	if opening != nil {
		if err := d.await(ctx, opening, deadline); err != nil {
			return nil, err
		}
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.ctx == nil {
		return nil, d.err
	}
	return d.ctx, nil
}

// due reports whether it is time to open the device; d.mu is held.
func (d *device) due() bool {
	if d.tried.IsZero() {
		return true
	}
	return d.canReopen && !d.keeps && !d.now().Before(d.tried.Add(retryInterval))
}

// await waits for the open under way to end, for deadline or for ctx.
func (d *device) await(ctx context.Context, opening chan struct{}, deadline time.Time) error {
	timer := time.NewTimer(deadline.Sub(d.now()))
	defer timer.Stop()
	select {
	case <-opening:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	case <-timer.C:
		return noDevice(fmt.Errorf("the device did not open within %v", d.openTimeout))
	}
}

// try opens a context and records the outcome, then closes opening.
func (d *device) try(opening chan struct{}) {
	c, err := d.open(d.rate)
	d.mu.Lock()
	d.ctx, d.err, d.opening = c, nil, nil
	if err != nil {
		d.err, d.keeps = noDevice(err), keepsDevice(err)
	}
	if c != nil && !d.idling {
		d.idling = true
		go d.idle()
	}
	d.mu.Unlock()
	close(opening)
	if c != nil {
		d.poke() // a Play may be waiting for it to run
	}
}

// keepsDevice reports whether a failed open left the device open: oto's
// ALSA driver does not close it when setting the format, rate or buffer
// fails after snd_pcm_open (driver_unix.go, newContext), so a new try
// would find it busy and leave one more behind. Such a device will not
// take these settings later either.
func keepsDevice(err error) bool {
	return strings.Contains(err.Error(), "ALSA error at snd_pcm_hw_params")
}

// acquire notes a Play starting; the context runs while any do.
func (d *device) acquire() {
	d.mu.Lock()
	d.active++
	d.mu.Unlock()
	d.poke()
}

// release notes a Play that no longer needs the context.
func (d *device) release() {
	d.mu.Lock()
	d.active--
	d.mu.Unlock()
	d.poke()
}

func (d *device) poke() {
	select {
	case d.kick <- struct{}{}:
	default: // a wake-up is already pending; it will see the new count
	}
}

// idle runs for the life of the process, suspending the context while
// nothing plays and resuming it when something does. Suspend and Resume
// wait for the lock that oto holds while the device takes a period of
// samples (or longer, when a write to the device blocks), so Play never
// calls them itself: that would delay a stop. A context opened in place
// of a failed one starts suspended.
func (d *device) idle() {
	var cur *oto.Context
	running := false
	for range d.kick {
		d.mu.Lock()
		want, c := d.active > 0, d.ctx
		d.mu.Unlock()
		if c == nil {
			continue
		}
		if c != cur {
			cur, running = c, false
		}
		var err error
		switch {
		case want && !running:
			err = c.Resume()
		case !want && running:
			err = c.Suspend()
		}
		if err == nil { // on failure Play reports the device's error
			running = want
		}
	}
}
