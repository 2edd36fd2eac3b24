//go:build linux || freebsd || openbsd || netbsd

package hotkey

import (
	"errors"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/describer/describer/ui/xvfbtest"
	"github.com/jezek/xgb"
	"github.com/jezek/xgb/xproto"
)

// TestMain gives the tests an X display of their own, so their grabs never
// meet another package's (or the app's) on a shared server.
func TestMain(m *testing.M) { os.Exit(xvfbtest.Main(m)) }

// mustNew returns a Manager closed at the end of the test.
func mustNew(tb testing.TB) *Manager {
	tb.Helper()
	m, err := New()
	if err != nil {
		tb.Fatalf("New: %v", err)
	}
	tb.Cleanup(func() { _ = m.Close() })
	return m
}

// xdotool runs xdotool with args.
func xdotool(tb testing.TB, args ...string) {
	tb.Helper()
	if out, err := exec.Command("xdotool", args...).CombinedOutput(); err != nil {
		tb.Fatalf("xdotool %s: %v: %s", strings.Join(args, " "), err, out)
	}
}

// expectFire fails the test unless fired receives within a few seconds.
func expectFire(tb testing.TB, fired <-chan struct{}, what string) {
	tb.Helper()
	select {
	case <-fired:
	case <-time.After(5 * time.Second):
		tb.Fatalf("%s: callback did not run within 5 s", what)
	}
}

// quietCheck registers a sentinel combo on m and returns a check that a
// callback has not run: it presses the sentinel and waits for it. Presses
// are delivered and run in order, so a press made before the sentinel that
// fired its callback would have done so by then.
func quietCheck(tb testing.TB, m *Manager) func(fired <-chan struct{}, what string) {
	tb.Helper()
	sentinel := make(chan struct{}, 1)
	if err := m.Register(MustParse("Ctrl+Alt+Shift+Y"), signal(sentinel)); err != nil {
		tb.Fatalf("Register the sentinel: %v", err)
	}
	return func(fired <-chan struct{}, what string) {
		tb.Helper()
		xdotool(tb, "key", "ctrl+alt+shift+y")
		expectFire(tb, sentinel, "the sentinel ctrl+alt+shift+y")
		select {
		case <-fired:
			tb.Fatalf("%s: callback ran but should not have", what)
		default:
		}
	}
}

func signal(ch chan struct{}) func() {
	return func() {
		select {
		case ch <- struct{}{}:
		default:
		}
	}
}

func TestX11PressFiresCallback(t *testing.T) {
	xvfbtest.Require(t, "xdotool")
	m := mustNew(t)
	expectQuiet := quietCheck(t, m)
	fired := make(chan struct{}, 1)
	// Not a combination the app registers by default (Ctrl+Alt+D, W, V, S).
	if err := m.Register(MustParse("Ctrl+Alt+J"), signal(fired)); err != nil {
		t.Fatalf("Register: %v", err)
	}
	xdotool(t, "key", "ctrl+alt+j")
	expectFire(t, fired, "ctrl+alt+j")

	// Other modifiers must not fire it.
	xdotool(t, "key", "ctrl+alt+shift+j")
	expectQuiet(fired, "ctrl+alt+shift+j")

	for _, lock := range []string{"Caps_Lock", "Num_Lock"} {
		t.Run(lock, func(t *testing.T) {
			xdotool(t, "key", lock)
			t.Cleanup(func() { xdotool(t, "key", lock) })
			xdotool(t, "key", "ctrl+alt+j")
			expectFire(t, fired, "ctrl+alt+j with "+lock+" on")
		})
	}
}

func TestX11SecondManagerGetsErrTaken(t *testing.T) {
	xvfbtest.Require(t)
	c := MustParse("Ctrl+Alt+Shift+F7")
	first := mustNew(t)
	if err := first.Register(c, func() {}); err != nil {
		t.Fatalf("first Register: %v", err)
	}
	if err := first.Register(c, func() {}); err == nil || errors.Is(err, ErrTaken) {
		t.Errorf("registering twice in one manager: err = %v, want a plain error", err)
	}
	second := mustNew(t)
	err := second.Register(c, func() {})
	if !errors.Is(err, ErrTaken) {
		t.Fatalf("second Register: err = %v, want ErrTaken", err)
	}
	want := "Ctrl+Alt+Shift+F7 is already used by another program; choose another in Settings."
	if err.Error() != want {
		t.Errorf("error text = %q, want %q", err, want)
	}

	if err := first.Unregister(c); err != nil {
		t.Fatalf("Unregister: %v", err)
	}
	if err := first.Unregister(c); err == nil {
		t.Error("second Unregister succeeded")
	}
	if err := second.Register(c, func() {}); err != nil {
		t.Fatalf("Register after Unregister: %v", err)
	}
	if err := second.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	if err := second.Close(); !errors.Is(err, ErrClosed) {
		t.Errorf("second Close: err = %v, want ErrClosed", err)
	}
	if err := second.Register(MustParse("Ctrl+Alt+F8"), func() {}); !errors.Is(err, ErrClosed) {
		t.Errorf("Register after Close: err = %v, want ErrClosed", err)
	}
	third := mustNew(t)
	if err := third.Register(c, func() {}); err != nil {
		t.Fatalf("Register after Close: %v", err)
	}
}

func TestX11FailedGrabLeavesNothingBehind(t *testing.T) {
	xvfbtest.Require(t, "xdotool")
	// Another client holds only the CapsLock variant of Ctrl+Alt+K, so the manager's grab
	// succeeds for the plain variant, then fails and must release it again.
	// (Ctrl+Alt+F1…F12 would not do: the X server keeps them for switching consoles.)
	other := rawConn(t)
	km, err := readKeymap(other)
	if err != nil {
		t.Fatal(err)
	}
	code := km.codesFor('k')[0]
	ctrlAlt := uint16(xproto.ModMaskControl) | km.mask(ModAlt)
	grab := func(mods uint16) error {
		return xproto.GrabKeyChecked(other, false, xproto.Setup(other).DefaultScreen(other).Root,
			mods, code, xproto.GrabModeAsync, xproto.GrabModeAsync).Check()
	}
	if err := grab(ctrlAlt | xproto.ModMaskLock); err != nil {
		t.Fatalf("raw grab: %v", err)
	}
	m := mustNew(t)
	c := MustParse("Ctrl+Alt+K")
	if err := m.Register(c, func() {}); !errors.Is(err, ErrTaken) {
		t.Fatalf("Register: err = %v, want ErrTaken", err)
	}
	if err := grab(ctrlAlt); err != nil {
		t.Fatalf("plain variant still held after the failed Register: %v", err)
	}
	// Let go of both grabs (Close would be asynchronous: the server might not have seen it yet).
	for _, mods := range []uint16{ctrlAlt, ctrlAlt | xproto.ModMaskLock} {
		if err := xproto.UngrabKeyChecked(other, code, xproto.Setup(other).DefaultScreen(other).Root, mods).Check(); err != nil {
			t.Fatalf("raw ungrab: %v", err)
		}
	}

	fired := make(chan struct{}, 1)
	if err := m.Register(c, signal(fired)); err != nil {
		t.Fatalf("Register once the other client left: %v", err)
	}
	xdotool(t, "key", "ctrl+alt+k")
	expectFire(t, fired, "ctrl+alt+k")
}

// rawConn opens an X connection of the test's own, closed at the end of the test.
func rawConn(tb testing.TB) *xgb.Conn {
	tb.Helper()
	c, err := xgb.NewConn()
	if err != nil {
		tb.Fatalf("connect to X: %v", err)
	}
	tb.Cleanup(c.Close)
	return c
}

func TestX11UnregisterStopsCallback(t *testing.T) {
	xvfbtest.Require(t, "xdotool")
	m := mustNew(t)
	expectQuiet := quietCheck(t, m)
	fired := make(chan struct{}, 1)
	c := MustParse("Super+Shift+F6")
	if err := m.Register(c, signal(fired)); err != nil {
		t.Fatalf("Register: %v", err)
	}
	xdotool(t, "key", "super+shift+F6")
	expectFire(t, fired, "super+shift+F6")
	if err := m.Unregister(c); err != nil {
		t.Fatalf("Unregister: %v", err)
	}
	xdotool(t, "key", "super+shift+F6")
	expectQuiet(fired, "after Unregister")
}

func TestDisplayError(t *testing.T) {
	tests := []struct {
		name, display, wayland string
		want                   error
		text                   string
	}{
		{"x11", ":0", "", nil, ""},
		{"xwayland", ":0", "wayland-0", nil, ""},
		{"wayland only", "", "wayland-0", ErrUnsupported, "Global hotkeys need X11 or XWayland; "},
		{"none", "", "", ErrNoDisplay, "Global hotkeys need a graphical desktop"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := displayError(tt.display, tt.wayland)
			if tt.want == nil {
				if err != nil {
					t.Fatalf("displayError = %v, want nil", err)
				}
				return
			}
			if !errors.Is(err, tt.want) || !strings.HasPrefix(err.Error(), tt.text) {
				t.Errorf("displayError = %v, want %v starting %q", err, tt.want, tt.text)
			}
		})
	}
}

func TestNewWithoutDisplay(t *testing.T) {
	t.Setenv("DISPLAY", "")
	t.Setenv("WAYLAND_DISPLAY", "wayland-9")
	if _, err := New(); !errors.Is(err, ErrUnsupported) {
		t.Errorf("New on Wayland without XWayland: err = %v, want ErrUnsupported", err)
	}
}

func TestMaskVariants(t *testing.T) {
	got := maskVariants(0x0c, 0x02|0x10)
	want := []uint16{0x0c, 0x0e, 0x1c, 0x1e}
	if len(got) != len(want) {
		t.Fatalf("maskVariants = %#x, want %#x", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("maskVariants = %#x, want %#x", got, want)
		}
	}
}

func TestRepeatFilter(t *testing.T) {
	var f repeatFilter
	steps := []struct {
		release bool
		code    byte
		time    uint32
		want    bool
	}{
		{false, 40, 100, true},  // first press
		{true, 40, 200, false},  // auto-repeat release ...
		{false, 40, 200, false}, // ... and press with the same time: dropped
		{true, 40, 300, false},  // real release
		{false, 40, 450, true},  // real press later
		{true, 41, 500, false},  // release of another key
		{false, 40, 500, true},  // press of this key at that time is real
	}
	for i, s := range steps {
		if s.release {
			f.release(s.code, s.time)
			continue
		}
		if got := f.press(s.code, s.time); got != s.want {
			t.Errorf("step %d: press = %v, want %v", i, got, s.want)
		}
	}
}
