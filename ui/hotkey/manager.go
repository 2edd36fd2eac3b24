package hotkey

import (
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
)

// queueLen is how many presses may wait while a callback runs; presses beyond it are dropped.
const queueLen = 16

// backend is the platform part of a Manager: it grabs and releases shortcuts and reports
// presses through the function given to newBackend.
type backend interface {
	grab(c Combo, k keyInfo) error
	ungrab(c Combo) error
	close() error
}

// Manager holds global shortcuts and calls a function when one is pressed.
//
// Callbacks run one at a time, in the order the keys were pressed, on a goroutine of the
// Manager's own. They never run on the goroutine that reads the desktop's key events, so a
// slow callback does not stop other shortcuts from being seen; while one runs, up to 16
// further presses wait and any beyond that are dropped. A callback may call Register,
// Unregister or Close. Close does not wait for a callback that is already running.
//
// A Manager is safe for use by several goroutines.
type Manager struct {
	b      backend
	queue  chan func()
	stop   chan struct{}
	closed atomic.Bool

	// opMu makes Register, Unregister and Close one at a time; it is held while the backend
	// works. fnMu guards fns alone and is never held while the backend works, because the
	// backend's event goroutine takes it to look up a callback and a backend call may wait
	// for that goroutine.
	opMu sync.Mutex
	fnMu sync.Mutex
	fns  map[Combo]func()
}

// New connects to the desktop and returns a Manager with no shortcuts. On X11 it reads the
// DISPLAY environment variable. The error wraps ErrUnsupported where the platform or session
// has no global shortcuts and ErrNoDisplay where there is no graphical session.
func New() (*Manager, error) { return newManager(newBackend) }

// newManager builds a Manager on the backend that newB makes.
func newManager(newB func(pressed func(Combo)) (backend, error)) (*Manager, error) {
	m := &Manager{
		queue: make(chan func(), queueLen),
		stop:  make(chan struct{}),
		fns:   make(map[Combo]func()),
	}
	b, err := newB(m.pressed)
	if err != nil {
		return nil, err
	}
	m.b = b
	go m.run()
	return m, nil
}

// Register grabs c for the whole desktop and calls fn each time it is pressed. If another
// program holds c, the error wraps ErrTaken and reads as a sentence for the user.
//
// On Linux the X server keeps Ctrl+Alt+F1 to F12 for switching consoles: they can be
// registered but never arrive.
func (m *Manager) Register(c Combo, fn func()) error {
	c, k, err := c.normalize()
	if err != nil {
		return err
	}
	if fn == nil {
		return fmt.Errorf("hotkey: register %s: the function is nil", c)
	}
	m.opMu.Lock()
	defer m.opMu.Unlock()
	if m.closed.Load() {
		return fmt.Errorf("hotkey: register %s: %w", c, ErrClosed)
	}
	if m.lookup(c) != nil {
		return fmt.Errorf("hotkey: register %s: already registered with this manager", c)
	}
	if err := m.b.grab(c, k); err != nil {
		return err
	}
	m.fnMu.Lock()
	m.fns[c] = fn
	m.fnMu.Unlock()
	return nil
}

// Unregister releases c so that other programs may use it.
func (m *Manager) Unregister(c Combo) error {
	c, _, err := c.normalize()
	if err != nil {
		return err
	}
	m.opMu.Lock()
	defer m.opMu.Unlock()
	if m.closed.Load() {
		return fmt.Errorf("hotkey: unregister %s: %w", c, ErrClosed)
	}
	if m.lookup(c) == nil {
		return fmt.Errorf("hotkey: unregister %s: not registered", c)
	}
	m.fnMu.Lock()
	delete(m.fns, c)
	m.fnMu.Unlock()
	return m.b.ungrab(c)
}

// Close releases every shortcut and disconnects from the desktop. Presses still queued are
// dropped; Close does not wait for a callback that is already running. Calling Close again
// returns ErrClosed.
func (m *Manager) Close() error {
	m.opMu.Lock()
	defer m.opMu.Unlock()
	if m.closed.Swap(true) {
		return fmt.Errorf("hotkey: close: %w", ErrClosed)
	}
	m.fnMu.Lock()
	clear(m.fns)
	m.fnMu.Unlock()
	close(m.stop)
	return m.b.close()
}

// lookup returns c's callback, or nil.
func (m *Manager) lookup(c Combo) func() {
	m.fnMu.Lock()
	defer m.fnMu.Unlock()
	return m.fns[c]
}

// pressed is called by the backend when c is pressed. It queues c's callback without waiting.
func (m *Manager) pressed(c Combo) {
	fn := m.lookup(c)
	if fn == nil {
		return
	}
	select {
	case m.queue <- fn:
	default: // A callback is stuck and the queue is full: drop this press.
	}
}

// run calls queued callbacks one at a time until Close.
func (m *Manager) run() {
	for {
		select {
		case <-m.stop:
			return
		case fn := <-m.queue:
			if !m.closed.Load() {
				fn()
			}
		}
	}
}

// joinClose joins a backend's cleanup errors under one operation prefix.
func joinClose(errs ...error) error {
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("hotkey: close: %w", err)
	}
	return nil
}
