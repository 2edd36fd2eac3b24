package app

import (
	"context"
	"errors"
	"fmt"
	"image"
)

// Source says where the image of a job comes from.
type Source int

// The sources a job can describe.
const (
	// SourceScreen is the display under the mouse pointer.
	SourceScreen Source = iota
	// SourceWindow is the active window.
	SourceWindow
	// SourceClipboard is an image on the clipboard.
	SourceClipboard
	// SourceFile is an image file (Request.Path).
	SourceFile
	// SourceAllScreens is every display at once.
	SourceAllScreens
	// SourcePointer is the text block under the mouse pointer, on the
	// display under it: the text alone, no caption.
	SourcePointer
)

// String names s the way the app speaks it: "screen", "window", ….
func (s Source) String() string {
	switch s {
	case SourceScreen:
		return "screen"
	case SourceWindow:
		return "window"
	case SourceClipboard:
		return "clipboard"
	case SourceFile:
		return "file"
	case SourceAllScreens:
		return "all screens"
	case SourcePointer:
		return "text under the pointer"
	}
	return fmt.Sprintf("source %d", int(s))
}

// OnScreen reports whether s's images show the screen (the screen, a
// window, every screen), so a blank one is "The screen appears blank.".
func (s Source) OnScreen() bool {
	return s == SourceScreen || s == SourceWindow || s == SourceAllScreens || s == SourcePointer
}

// Capture captures s's image from d: the one place that knows which
// capture each source is. A nil d, or a file, has nothing to capture.
func (s Source) Capture(ctx context.Context, d Desktop) (image.Image, error) {
	if d == nil {
		return nil, ErrNoDesktop
	}
	switch s {
	case SourceScreen:
		return d.Screen(ctx)
	case SourceAllScreens:
		return d.AllScreens(ctx)
	case SourceWindow:
		return d.ActiveWindow(ctx)
	case SourceClipboard:
		return d.Clipboard(ctx)
	case SourcePointer:
		img, _, err := s.CaptureAt(ctx, d)
		return img, err
	}
	return nil, fmt.Errorf("%s cannot be captured from the desktop", s)
}

// CaptureAt is Capture that also says where the mouse pointer is in the
// image, for SourcePointer (other sources: the image's top left).
func (s Source) CaptureAt(ctx context.Context, d Desktop) (image.Image, image.Point, error) {
	if s != SourcePointer {
		img, err := s.Capture(ctx, d)
		return img, image.Point{}, err
	}
	pd, ok := d.(PointerDesktop)
	if !ok {
		return nil, image.Point{}, ErrNoPointer
	}
	return pd.ScreenAtPointer(ctx)
}

// PointerDesktop is a Desktop that also says where the mouse pointer is.
type PointerDesktop interface {
	// ScreenAtPointer captures the display under the pointer and says
	// where the pointer is in the image.
	ScreenAtPointer(ctx context.Context) (image.Image, image.Point, error)
}

// Desktop captures images from the user's desktop.
type Desktop interface {
	// Screen captures the display under the mouse pointer.
	Screen(ctx context.Context) (image.Image, error)
	// AllScreens captures every display as one image.
	AllScreens(ctx context.Context) (image.Image, error)
	// ActiveWindow captures the window that has the focus.
	ActiveWindow(ctx context.Context) (image.Image, error)
	// Clipboard returns the image on the clipboard.
	Clipboard(ctx context.Context) (image.Image, error)
}

// ErrNoDesktop means this build or session cannot capture the screen.
var ErrNoDesktop = errors.New("screen capture is not available here")

// ErrNoPointer means the desktop cannot say where the mouse pointer is.
var ErrNoPointer = errors.New("Describer cannot tell where the mouse pointer is here")
