// Package sentence makes errors whose text is one sentence for the user
// while errors.Is and errors.As still find the sentinel and the cause
// they wrap. The desktop adapters (capture, hotkey) share it.
package sentence

// Error is an error whose text is a sentence for the user. It wraps a
// sentinel and, where there is one, the lower-level cause.
type Error struct {
	text string
	errs []error
}

// Error returns the sentence.
func (e *Error) Error() string { return e.text }

// Unwrap returns the sentinel and the cause.
func (e *Error) Unwrap() []error { return e.errs }

// New returns an Error reading text; errs holds the sentinel first, then
// any cause.
func New(text string, errs ...error) error {
	return &Error{text: text, errs: errs}
}
