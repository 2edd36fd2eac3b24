//go:build linux || freebsd || openbsd || netbsd

package hotkey

import (
	"errors"
	"fmt"
	"os"
	"sync"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/xproto"
)

// Keysyms the X11 backend looks for in the modifier map.
const (
	xkNumLock    = 0xff7f
	xkScrollLock = 0xff14
	xkAltL       = 0xffe9
	xkAltR       = 0xffea
	xkSuperL     = 0xffeb
	xkSuperR     = 0xffec
)

// displayError explains why there is no X display to use, or returns nil if there is one.
func displayError(display, wayland string) error {
	switch {
	case display != "":
		return nil
	case wayland != "":
		return sentence("Global hotkeys need X11 or XWayland; this Wayland session has no XWayland, "+
			"so use the window's shortcuts.", ErrUnsupported)
	default:
		return sentence("Global hotkeys need a graphical desktop; no display was found.", ErrNoDisplay)
	}
}

// x11Grab is one registered shortcut as grabbed on the X server.
type x11Grab struct {
	combo  Combo
	codes  []xproto.Keycode
	mods   uint16   // the modifier mask that must be held
	ignore uint16   // lock modifiers that may also be on
	masks  []uint16 // every mask grabbed: mods with each subset of the lock modifiers
}

// x11Backend grabs keys on the root window and reads key events on its own goroutine.
type x11Backend struct {
	conn    *xgb.Conn
	root    xproto.Window
	pressed func(Combo)
	done    chan struct{}

	mu    sync.Mutex
	grabs map[Combo]*x11Grab
}

func newBackend(pressed func(Combo)) (backend, error) {
	if err := displayError(os.Getenv("DISPLAY"), os.Getenv("WAYLAND_DISPLAY")); err != nil {
		return nil, err
	}
	conn, err := xgb.NewConn()
	if err != nil {
		return nil, sentence("Global hotkeys are unavailable because the X display could not be opened.",
			ErrNoDisplay, err)
	}
	b := &x11Backend{
		conn:    conn,
		root:    xproto.Setup(conn).DefaultScreen(conn).Root,
		pressed: pressed,
		done:    make(chan struct{}),
		grabs:   make(map[Combo]*x11Grab),
	}
	go b.loop()
	return b, nil
}

// loop reads events until the connection closes and reports presses of grabbed keys.
func (b *x11Backend) loop() {
	defer close(b.done)
	var rf repeatFilter
	for {
		ev, err := b.conn.WaitForEvent()
		if ev == nil && err == nil {
			return // connection closed
		}
		switch e := ev.(type) {
		case xproto.KeyPressEvent:
			if rf.press(byte(e.Detail), uint32(e.Time)) {
				b.dispatch(e.Detail, e.State)
			}
		case xproto.KeyReleaseEvent:
			rf.release(byte(e.Detail), uint32(e.Time))
		}
	}
}

// dispatch reports the shortcut, if any, that keycode with modifier state matches.
func (b *x11Backend) dispatch(code xproto.Keycode, state uint16) {
	state &= 0xff // drop pointer-button bits
	b.mu.Lock()
	var hit *Combo
	for _, g := range b.grabs {
		if state&^g.ignore == g.mods && containsCode(g.codes, code) {
			c := g.combo
			hit = &c
			break
		}
	}
	b.mu.Unlock()
	if hit != nil {
		b.pressed(*hit)
	}
}

func containsCode(codes []xproto.Keycode, code xproto.Keycode) bool {
	for _, c := range codes {
		if c == code {
			return true
		}
	}
	return false
}

func (b *x11Backend) grab(c Combo, k keyInfo) error {
	km, err := readKeymap(b.conn)
	if err != nil {
		return fmt.Errorf("hotkey: register %s: %w", c, err)
	}
	codes := km.codesFor(k.keysym)
	if len(codes) == 0 {
		return fmt.Errorf("hotkey: register %s: this keyboard layout has no %s key", c, c.Key)
	}
	g := &x11Grab{combo: c, codes: codes, mods: km.mask(c.Mods)}
	g.ignore = (xproto.ModMaskLock | km.numLock | km.scrollLock) &^ g.mods
	g.masks = maskVariants(g.mods, g.ignore)
	var done []xproto.Keycode
	for _, code := range codes {
		if err := b.grabCode(code, g.masks); err != nil {
			return errors.Join(b.grabError(c, err), b.ungrabCodes(done, g.masks))
		}
		done = append(done, code)
	}
	b.mu.Lock()
	b.grabs[c] = g
	b.mu.Unlock()
	return nil
}

// grabCode grabs code with every mask and releases what it grabbed if one fails.
func (b *x11Backend) grabCode(code xproto.Keycode, masks []uint16) error {
	for i, m := range masks {
		err := xproto.GrabKeyChecked(b.conn, false, b.root, m, code,
			xproto.GrabModeAsync, xproto.GrabModeAsync).Check()
		if err != nil {
			return errors.Join(err, b.ungrabCodes([]xproto.Keycode{code}, masks[:i]))
		}
	}
	return nil
}

// grabError turns a failed GrabKey into the error Register returns.
func (b *x11Backend) grabError(c Combo, err error) error {
	var access xproto.AccessError
	if errors.As(err, &access) {
		return takenError(c, err)
	}
	return fmt.Errorf("hotkey: register %s: grab key: %w", c, err)
}

func (b *x11Backend) ungrabCodes(codes []xproto.Keycode, masks []uint16) error {
	var errs []error
	for _, code := range codes {
		for _, m := range masks {
			errs = append(errs, xproto.UngrabKeyChecked(b.conn, code, b.root, m).Check())
		}
	}
	return errors.Join(errs...)
}

func (b *x11Backend) ungrab(c Combo) error {
	b.mu.Lock()
	g, ok := b.grabs[c]
	delete(b.grabs, c)
	b.mu.Unlock()
	if !ok {
		return nil
	}
	if err := b.ungrabCodes(g.codes, g.masks); err != nil {
		return fmt.Errorf("hotkey: unregister %s: %w", c, err)
	}
	return nil
}

func (b *x11Backend) close() error {
	b.mu.Lock()
	grabs := b.grabs
	b.grabs = map[Combo]*x11Grab{}
	b.mu.Unlock()
	var errs []error
	for _, g := range grabs {
		errs = append(errs, b.ungrabCodes(g.codes, g.masks))
	}
	b.conn.Close()
	<-b.done
	return joinClose(errs...)
}

// maskVariants returns mods combined with every subset of the bits in ignore, so that a
// shortcut works whatever CapsLock, NumLock or ScrollLock are doing.
func maskVariants(mods, ignore uint16) []uint16 {
	var bits []uint16
	for bit := uint16(1); bit != 0 && bit <= 0x80; bit <<= 1 {
		if ignore&bit != 0 {
			bits = append(bits, bit)
		}
	}
	out := make([]uint16, 0, 1<<len(bits))
	for set := 0; set < 1<<len(bits); set++ {
		m := mods
		for i, bit := range bits {
			if set&(1<<i) != 0 {
				m |= bit
			}
		}
		out = append(out, m)
	}
	return out
}

// repeatFilter drops the presses that X keyboard auto-repeat makes while a key is held: each
// comes right after a release of the same key with the same timestamp.
type repeatFilter struct {
	lastCode byte
	lastTime uint32
	has      bool
}

// release records a key release.
func (f *repeatFilter) release(code byte, t uint32) {
	f.lastCode, f.lastTime, f.has = code, t, true
}

// press reports whether a key press is real rather than auto-repeat.
func (f *repeatFilter) press(code byte, t uint32) bool {
	repeat := f.has && f.lastCode == code && f.lastTime == t
	f.has = false
	return !repeat
}
