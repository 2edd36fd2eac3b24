//go:build linux || freebsd || openbsd || netbsd

package capture

import (
	"context"
	"fmt"
	"image"
	"os"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/xinerama"
	"github.com/jezek/xgb/xproto"
)

// platformReady explains why there is no X display to capture, or returns nil.
func platformReady() error {
	return displayError(os.Getenv("DISPLAY"), os.Getenv("WAYLAND_DISPLAY"))
}

func displayError(display, wayland string) error {
	switch {
	case display != "":
		return nil
	case wayland != "":
		return sentence("Capturing the screen needs X11 or XWayland; this Wayland session has no XWayland.",
			ErrUnsupported)
	default:
		return sentence("There is no screen to capture; no display was found.", ErrNoDisplay)
	}
}

func noDisplaysError() error {
	return sentence("No screen was found to capture.", ErrNoDisplay)
}

// xConn is one connection to the X server, with the default screen's root window.
type xConn struct {
	*xgb.Conn
	screen *xproto.ScreenInfo
}

// openX connects to the X server named by DISPLAY.
func openX() (*xConn, error) {
	c, err := xgb.NewConn()
	if err != nil {
		return nil, sentence("The X display could not be opened.", ErrNoDisplay, err)
	}
	return &xConn{Conn: c, screen: xproto.Setup(c).DefaultScreen(c)}, nil
}

// withX runs f on a fresh X connection, turning a panic in xgb on an odd reply into an error.
func withX[T any](op string, f func(x *xConn) (T, error)) (v T, err error) {
	x, err := openX()
	if err != nil {
		return v, err
	}
	defer x.Close()
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("capture: %s: unexpected reply from the X server: %v", op, p)
		}
	}()
	return f(x)
}

// origin returns the root-window position of the primary display, which is (0, 0) in
// screenshot's coordinates.
func (x *xConn) origin() image.Point {
	if xinerama.Init(x.Conn) != nil {
		return image.Point{}
	}
	r, err := xinerama.QueryScreens(x.Conn).Reply()
	if err != nil || len(r.ScreenInfo) == 0 {
		return image.Point{}
	}
	return image.Pt(int(r.ScreenInfo[0].XOrg), int(r.ScreenInfo[0].YOrg))
}

// pointer returns the mouse pointer's position in screenshot's coordinates; ok is false when
// the pointer is on another X screen.
func pointer(ctx context.Context) (p image.Point, ok bool, err error) {
	type result struct {
		p  image.Point
		ok bool
	}
	r, err := withX("pointer", func(x *xConn) (result, error) {
		q, err := xproto.QueryPointer(x.Conn, x.screen.Root).Reply()
		if err != nil {
			return result{}, fmt.Errorf("query pointer: %w", err)
		}
		if !q.SameScreen {
			return result{}, nil
		}
		return result{image.Pt(int(q.RootX), int(q.RootY)).Sub(x.origin()), true}, nil
	})
	return r.p, r.ok, err
}

// internAtom returns the atom called name, or AtomNone if the server has none and
// onlyIfExists is set.
func (x *xConn) internAtom(name string, onlyIfExists bool) (xproto.Atom, error) {
	r, err := xproto.InternAtom(x.Conn, onlyIfExists, uint16(len(name)), name).Reply()
	if err != nil {
		return xproto.AtomNone, fmt.Errorf("intern atom %s: %w", name, err)
	}
	return r.Atom, nil
}
