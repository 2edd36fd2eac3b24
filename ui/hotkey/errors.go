package hotkey

import (
	"errors"
	"fmt"

	"github.com/describer/describer/internal/usererr"
)

// Sentinel errors a caller can branch on with errors.Is. The errors that wrap them read as one
// short sentence meant for the user, such as "Ctrl+Alt+D is already used by another program;
// choose another in Settings."
var (
	// ErrTaken means another program already holds the shortcut.
	ErrTaken = errors.New("hotkey: shortcut already used by another program")
	// ErrUnsupported means this platform or session offers no global shortcuts.
	ErrUnsupported = errors.New("hotkey: global shortcuts are not supported here")
	// ErrNoDisplay means there is no graphical session to take shortcuts from.
	ErrNoDisplay = errors.New("hotkey: no display")
	// ErrClosed means the Manager was closed.
	ErrClosed = errors.New("hotkey: manager is closed")
)

// sentence builds an error reading text for the user; errs holds the
// sentinel first, then any cause.
func sentence(text string, errs ...error) error { return usererr.New(text, errs...) }

// takenError is the error Register returns when another program holds c.
func takenError(c Combo, cause error) error {
	text := fmt.Sprintf("%s is already used by another program; choose another in Settings.", c)
	if cause == nil {
		return sentence(text, ErrTaken)
	}
	return sentence(text, ErrTaken, cause)
}
