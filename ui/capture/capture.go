package capture

import (
	"context"
	"errors"
	"fmt"
	"image"

	"github.com/kbinani/screenshot"
)

// Desktop captures from the user's desktop. Its zero value is ready to use. Each method
// connects to the desktop afresh, so a Desktop holds no resources and needs no Close.
type Desktop struct{}

// Screen captures the display under the mouse pointer.
func (Desktop) Screen(ctx context.Context) (image.Image, error) { return Screen(ctx) }

// AllScreens captures the rectangle that spans every display.
func (Desktop) AllScreens(ctx context.Context) (image.Image, error) { return AllScreens(ctx) }

// ActiveWindow captures the window that has the keyboard focus.
func (Desktop) ActiveWindow(ctx context.Context) (image.Image, error) { return ActiveWindow(ctx) }

// Clipboard returns the image on the clipboard.
func (Desktop) Clipboard(ctx context.Context) (image.Image, error) { return Clipboard(ctx) }

// ScreenAtPointer captures the display under the mouse pointer and says where the pointer
// is in the image.
func (Desktop) ScreenAtPointer(ctx context.Context) (image.Image, image.Point, error) {
	img, at, ok, err := ScreenAtPointer(ctx)
	if err == nil && !ok {
		err = ErrNoPointer
	}
	return img, at, err
}

// Screen captures the display under the mouse pointer, or the primary display where the
// pointer's position cannot be read. The image's bounds start at (0, 0).
//
// Copying the pixels cannot be interrupted; ctx is checked before and after.
func Screen(ctx context.Context) (image.Image, error) {
	img, _, _, err := ScreenAtPointer(ctx)
	return img, err
}

// ScreenAtPointer is Screen, and says where the pointer is in the image; ok is false where
// its position cannot be read.
func ScreenAtPointer(ctx context.Context) (img image.Image, at image.Point, ok bool, err error) {
	if err := ready(ctx, "screen"); err != nil {
		return nil, at, false, err
	}
	ds, err := displays()
	if err != nil {
		return nil, at, false, err
	}
	r := ds[0]
	p, ok, err := pointer(ctx)
	if err != nil {
		return nil, at, false, fmt.Errorf("capture: screen: %w", err)
	}
	if ok {
		r = displayAt(ds, p)
		ok = p.In(r)
	}
	img, err = grab(ctx, "screen", r)
	return img, p.Sub(r.Min), ok, err
}

// AllScreens captures the smallest rectangle that holds every display. Where displays do
// not fill that rectangle the gaps are black. The image's bounds start at (0, 0).
func AllScreens(ctx context.Context) (image.Image, error) {
	if err := ready(ctx, "all screens"); err != nil {
		return nil, err
	}
	ds, err := displays()
	if err != nil {
		return nil, err
	}
	var u image.Rectangle
	for _, d := range ds {
		u = u.Union(d)
	}
	return grab(ctx, "all screens", u)
}

// ActiveWindow captures the window that has the keyboard focus, including the title bar
// and borders the window manager draws, clipped to the screen. The error wraps
// ErrNoActiveWindow when no window is active or it cannot be seen.
func ActiveWindow(ctx context.Context) (image.Image, error) {
	if err := ready(ctx, "active window"); err != nil {
		return nil, err
	}
	r, err := activeWindowRect(ctx)
	if err != nil {
		return nil, err
	}
	return grab(ctx, "active window", r)
}

// Clipboard returns the image on the clipboard: the image itself, or else an image file
// copied in a file manager. The error wraps ErrNoClipboardImage when there is none. A
// program that holds the clipboard but does not answer is given about 2 seconds.
func Clipboard(ctx context.Context) (image.Image, error) {
	if err := ready(ctx, "clipboard"); err != nil {
		return nil, err
	}
	return clipboardImage(ctx)
}

// ready checks ctx and that the platform has a desktop to capture.
func ready(ctx context.Context, op string) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("capture: %s: %w", op, err)
	}
	return platformReady()
}

// displays returns the bounds of every display in screenshot's coordinates, primary first.
func displays() ([]image.Rectangle, error) {
	var ds []image.Rectangle
	for i := range screenshot.NumActiveDisplays() {
		if r := screenshot.GetDisplayBounds(i); !r.Empty() {
			ds = append(ds, r)
		}
	}
	if len(ds) == 0 {
		return nil, noDisplaysError()
	}
	return ds, nil
}

// displayAt returns the display that holds p, or the first display if none does.
func displayAt(ds []image.Rectangle, p image.Point) image.Rectangle {
	for _, d := range ds {
		if p.In(d) {
			return d
		}
	}
	return ds[0]
}

// grab copies the pixels of r, given in screenshot's coordinates.
func grab(ctx context.Context, op string, r image.Rectangle) (image.Image, error) {
	if r.Empty() {
		return nil, fmt.Errorf("capture: %s: nothing to capture in %v", op, r)
	}
	img, err := capturePixels(r)
	if errors.Is(err, screenshot.ErrUnsupported) {
		return nil, sentence("Screen capture is not available in this build of Describer.", ErrUnsupported, err)
	}
	if err != nil {
		return nil, fmt.Errorf("capture: %s: %w", op, err)
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("capture: %s: %w", op, err)
	}
	return img, nil
}
