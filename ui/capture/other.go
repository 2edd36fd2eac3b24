//go:build !linux && !freebsd && !openbsd && !netbsd && !windows

package capture

import (
	"context"
	"image"
	"runtime"

	"github.com/kbinani/screenshot"
)

func platformReady() error { return nil }

// noDisplaysError explains an empty display list, which on macOS means a build without cgo.
func noDisplaysError() error {
	if runtime.GOOS == "darwin" {
		return sentence("Screen capture on macOS needs a build of Describer made with cgo.", ErrUnsupported)
	}
	return sentence("Screen capture is not available on this system.", ErrUnsupported)
}

// pointer does not know the pointer's position here, so Screen captures the primary display.
func pointer(context.Context) (image.Point, bool, error) { return image.Point{}, false, nil }

func activeWindowRect(context.Context) (image.Rectangle, error) {
	if runtime.GOOS == "darwin" {
		return image.Rectangle{}, sentence("Capturing the active window is not yet available on macOS; "+
			"capture the screen instead.", ErrUnsupported)
	}
	return image.Rectangle{}, sentence("Capturing the active window is not available on this system.", ErrUnsupported)
}

func clipboardImage(context.Context) (image.Image, error) {
	if runtime.GOOS == "darwin" {
		return nil, sentence("Reading an image from the clipboard is not yet available on macOS; "+
			"open the image in Describer instead.", ErrUnsupported)
	}
	return nil, sentence("Reading an image from the clipboard is not available on this system.", ErrUnsupported)
}

// capturePixels copies the pixels of r, in screenshot's coordinates.
func capturePixels(r image.Rectangle) (*image.RGBA, error) { return screenshot.CaptureRect(r) }
