package hotkey

import (
	"errors"
	"sync"
	"testing"
	"time"
)

// fakeBackend records grabs and lets a test press keys.
type fakeBackend struct {
	mu      sync.Mutex
	pressed func(Combo)
	grabbed map[Combo]bool
	taken   map[Combo]bool // combos "another program" holds
	closed  bool
}

func newFake(t *testing.T) (*Manager, *fakeBackend) {
	t.Helper()
	f := &fakeBackend{grabbed: map[Combo]bool{}, taken: map[Combo]bool{}}
	m, err := newManager(func(p func(Combo)) (backend, error) { f.pressed = p; return f, nil })
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = m.Close() })
	return m, f
}

func (f *fakeBackend) grab(c Combo, _ keyInfo) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.taken[c] {
		return takenError(c, nil)
	}
	f.grabbed[c] = true
	return nil
}

func (f *fakeBackend) ungrab(c Combo) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	delete(f.grabbed, c)
	return nil
}

func (f *fakeBackend) close() error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.closed = true
	clear(f.grabbed)
	return nil
}

func (f *fakeBackend) isGrabbed(c Combo) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.grabbed[c]
}

func TestManagerCallbacksRunInOrderOffTheEventGoroutine(t *testing.T) {
	m, f := newFake(t)
	a, b := MustParse("Ctrl+Alt+A"), MustParse("Ctrl+Alt+B")
	got := make(chan string, 8)
	release := make(chan struct{})
	must(t, m.Register(a, func() { <-release; got <- "a" }))
	must(t, m.Register(b, func() { got <- "b" }))

	done := make(chan struct{})
	go func() {
		f.pressed(a) // the first callback blocks until release ...
		f.pressed(b) // ... yet reporting further presses does not wait for it
		f.pressed(a)
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("pressed blocked while a callback was running")
	}
	close(release)
	for _, want := range []string{"a", "b", "a"} {
		select {
		case s := <-got:
			if s != want {
				t.Fatalf("callback %q ran, want %q", s, want)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("callback %q did not run", want)
		}
	}
}

func TestManagerDropsPressesWhenStuck(t *testing.T) {
	m, f := newFake(t)
	c := MustParse("Ctrl+Alt+D")
	release := make(chan struct{})
	started := make(chan struct{}, 1)
	var mu sync.Mutex
	calls := 0
	must(t, m.Register(c, func() {
		mu.Lock()
		calls++
		mu.Unlock()
		select {
		case started <- struct{}{}:
		default:
		}
		<-release
	}))
	count := func() int {
		mu.Lock()
		defer mu.Unlock()
		return calls
	}
	f.pressed(c)
	<-started
	for range queueLen + 10 {
		f.pressed(c)
	}
	close(release)
	// The queue runs in order: once a press made after it has run, every
	// press that was kept has run too.
	for deadline := time.Now().Add(5 * time.Second); count() < 1+queueLen && time.Now().Before(deadline); {
		time.Sleep(time.Millisecond)
	}
	last, done := MustParse("Ctrl+Alt+B"), make(chan struct{})
	must(t, m.Register(last, func() { close(done) }))
	f.pressed(last)
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("a press after the queue drained did not run")
	}
	if calls := count(); calls != 1+queueLen {
		t.Errorf("callback ran %d times, want %d (one running, %d queued, the rest dropped)", calls, 1+queueLen, queueLen)
	}
}

func TestManagerRegisterErrors(t *testing.T) {
	m, f := newFake(t)
	c := MustParse("Ctrl+Alt+D")
	if err := m.Register(c, nil); err == nil {
		t.Error("Register with a nil function succeeded")
	}
	if err := m.Register(Combo{ModCtrl, "NoSuchKey"}, func() {}); err == nil {
		t.Error("Register with an unknown key succeeded")
	}
	f.taken[c] = true
	if err := m.Register(c, func() {}); !errors.Is(err, ErrTaken) {
		t.Errorf("Register of a taken combo: err = %v, want ErrTaken", err)
	}
	if err := m.Unregister(c); err == nil {
		t.Error("Unregister of a combo that failed to register succeeded")
	}
	delete(f.taken, c)
	must(t, m.Register(Combo{ModCtrl | ModAlt, "d"}, func() {}))
	if !f.isGrabbed(c) {
		t.Error("lower-case key was not normalised")
	}
	must(t, m.Unregister(c))
	if f.isGrabbed(c) {
		t.Error("Unregister left the combo grabbed")
	}
}

func TestManagerCallbackMayClose(t *testing.T) {
	m, f := newFake(t)
	c := MustParse("Ctrl+Alt+D")
	closed := make(chan error, 1)
	must(t, m.Register(c, func() { closed <- m.Close() }))
	f.pressed(c)
	select {
	case err := <-closed:
		must(t, err)
	case <-time.After(5 * time.Second):
		t.Fatal("Close from a callback did not return")
	}
	if !f.closed {
		t.Error("backend not closed")
	}
	f.pressed(c) // a late event after Close is ignored
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
