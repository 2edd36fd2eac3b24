package capture

import (
	"errors"

	"github.com/describer/describer/internal/usererr"
)

// Sentinel errors a caller can branch on with errors.Is. The errors that wrap them read as
// one short sentence meant for the user.
var (
	// ErrNoActiveWindow means no window has the focus, or it cannot be seen.
	ErrNoActiveWindow = errors.New("capture: no active window")
	// ErrNoClipboardImage means the clipboard is empty or holds something other than an image.
	ErrNoClipboardImage = errors.New("capture: no image on the clipboard")
	// ErrUnsupported means this platform or session cannot capture this source.
	ErrUnsupported = errors.New("capture: not supported here")
	// ErrNoDisplay means there is no graphical session to capture.
	ErrNoDisplay = errors.New("capture: no display")
	// ErrNoPointer means the mouse pointer's position cannot be read here.
	ErrNoPointer = sentence("Describer cannot tell where the mouse pointer is here.", ErrUnsupported)
)

// sentence builds an error reading text for the user; errs holds the
// sentinel first, then any cause.
func sentence(text string, errs ...error) error { return usererr.New(text, errs...) }

// noClipboardImage is the error for a clipboard without an image.
func noClipboardImage(cause ...error) error {
	return sentence("The clipboard holds no image.", append([]error{ErrNoClipboardImage}, cause...)...)
}
