//go:build linux || freebsd || openbsd || netbsd

package capture

import (
	"context"
	"errors"
	"fmt"
	"image"

	"github.com/describer/describer/internal/usererr"
	"github.com/jezek/xgb"
	"github.com/jezek/xgb/xproto"
)

// maxTreeDepth bounds the walk from a window up to the root.
const maxTreeDepth = 64

func noActiveWindow(text string, cause ...error) error {
	return sentence(text, append([]error{ErrNoActiveWindow}, cause...)...)
}

// activeWindowRect returns the active window's rectangle in screenshot's coordinates,
// clipped to the screen.
//
// The window manager names the active window in the root window's _NET_ACTIVE_WINDOW
// property. That is the program's own window; a reparenting window manager puts it inside a
// frame window that draws the title bar and borders. The frame, the ancestor that is a
// child of the root, is what people see as the window, and its title often says what the
// window is, so it is what is captured. A window without a frame that declares invisible
// shadow margins (_GTK_FRAME_EXTENTS, as GTK windows with their own title bars do) is
// captured without them.
func activeWindowRect(ctx context.Context) (image.Rectangle, error) {
	return withX("active window", func(x *xConn) (image.Rectangle, error) {
		win, err := x.activeWindow()
		if err != nil {
			return image.Rectangle{}, err
		}
		top, err := x.topLevel(win)
		if err != nil {
			return image.Rectangle{}, noActiveWindow("The active window has closed.", err)
		}
		r, err := x.windowRect(top)
		var se *usererr.Error
		if errors.As(err, &se) {
			return image.Rectangle{}, err
		}
		if err != nil {
			return image.Rectangle{}, noActiveWindow("The active window has closed.", err)
		}
		if top == win {
			r = x.trimFrameExtents(win, r)
		}
		r = r.Intersect(image.Rect(0, 0, int(x.screen.WidthInPixels), int(x.screen.HeightInPixels)))
		if r.Empty() {
			return image.Rectangle{}, noActiveWindow("The active window is off the screen.")
		}
		if err := ctx.Err(); err != nil {
			return image.Rectangle{}, fmt.Errorf("capture: active window: %w", err)
		}
		return r.Sub(x.origin()), nil
	})
}

// activeWindow reads _NET_ACTIVE_WINDOW from the root window.
func (x *xConn) activeWindow() (xproto.Window, error) {
	none := noActiveWindow("No window is active.")
	atom, err := x.internAtom("_NET_ACTIVE_WINDOW", true)
	if err != nil {
		return 0, fmt.Errorf("capture: active window: %w", err)
	}
	if atom == xproto.AtomNone {
		return 0, none
	}
	p, err := xproto.GetProperty(x.Conn, false, x.screen.Root, atom, xproto.AtomWindow, 0, 1).Reply()
	if err != nil {
		return 0, fmt.Errorf("capture: active window: read _NET_ACTIVE_WINDOW: %w", err)
	}
	if p.Format != 32 || len(p.Value) < 4 {
		return 0, none
	}
	win := xproto.Window(xgb.Get32(p.Value))
	if win == 0 || win == x.screen.Root {
		return 0, none
	}
	return win, nil
}

// topLevel returns the ancestor of win that is a child of the root window.
func (x *xConn) topLevel(win xproto.Window) (xproto.Window, error) {
	for range maxTreeDepth {
		t, err := xproto.QueryTree(x.Conn, win).Reply()
		if err != nil {
			return 0, fmt.Errorf("query tree of window %#x: %w", win, err)
		}
		if t.Parent == x.screen.Root || t.Parent == 0 {
			return win, nil
		}
		win = t.Parent
	}
	return win, nil
}

// windowRect returns win's rectangle in root coordinates, without its border, and fails for
// a window that is not shown.
func (x *xConn) windowRect(win xproto.Window) (image.Rectangle, error) {
	a, err := xproto.GetWindowAttributes(x.Conn, win).Reply()
	if err != nil {
		return image.Rectangle{}, fmt.Errorf("window attributes of %#x: %w", win, err)
	}
	if a.MapState != xproto.MapStateViewable {
		return image.Rectangle{}, noActiveWindow("The active window is minimised or hidden.")
	}
	g, err := xproto.GetGeometry(x.Conn, xproto.Drawable(win)).Reply()
	if err != nil {
		return image.Rectangle{}, fmt.Errorf("geometry of window %#x: %w", win, err)
	}
	t, err := xproto.TranslateCoordinates(x.Conn, win, x.screen.Root, 0, 0).Reply()
	if err != nil {
		return image.Rectangle{}, fmt.Errorf("position of window %#x: %w", win, err)
	}
	at := image.Pt(int(t.DstX), int(t.DstY))
	return image.Rectangle{Min: at, Max: at.Add(image.Pt(int(g.Width), int(g.Height)))}, nil
}

// trimFrameExtents removes the shadow margins a window declares in _GTK_FRAME_EXTENTS
// (left, right, top, bottom), if it declares sane ones.
func (x *xConn) trimFrameExtents(win xproto.Window, r image.Rectangle) image.Rectangle {
	atom, err := x.internAtom("_GTK_FRAME_EXTENTS", true)
	if err != nil || atom == xproto.AtomNone {
		return r
	}
	p, err := xproto.GetProperty(x.Conn, false, win, atom, xproto.AtomCardinal, 0, 4).Reply()
	if err != nil || p.Format != 32 || len(p.Value) < 16 {
		return r
	}
	var e [4]int
	for i := range e {
		e[i] = int(xgb.Get32(p.Value[4*i:]))
	}
	in := image.Rect(r.Min.X+e[0], r.Min.Y+e[2], r.Max.X-e[1], r.Max.Y-e[3])
	if e[0] < 0 || e[1] < 0 || e[2] < 0 || e[3] < 0 || in.Empty() {
		return r
	}
	return in
}
