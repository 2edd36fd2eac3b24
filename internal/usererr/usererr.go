// Package usererr makes errors whose text is one sentence for the user
// while errors.Is and errors.As still find the sentinel and the cause
// they wrap. It is Describer's one user-error type: the adapters (image
// decoding, ONNX Runtime, eSpeak NG, capture, hotkeys) all build theirs
// with it.
package usererr

import (
	"errors"
	"fmt"
)

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
// any cause. Nil errors are left out.
func New(text string, errs ...error) error {
	kept := make([]error, 0, len(errs))
	for _, err := range errs {
		if err != nil {
			kept = append(kept, err)
		}
	}
	return &Error{text: text, errs: kept}
}

// Newf is New with the text formatted from format and args; kind is the
// sentinel and cause, when not nil, the lower-level error.
func Newf(kind, cause error, format string, args ...any) error {
	return New(fmt.Sprintf(format, args...), kind, cause)
}

// Kinds of failure that a low layer reports and the app words for the
// user, without importing that layer: a layer's own sentinel wraps one of
// them (New("ONNX Runtime library not found", ErrRuntime)), so errors.Is
// finds the kind through any error that wraps the sentinel.
var (
	// ErrRuntime means ONNX Runtime is missing, too old or cannot be
	// loaded.
	ErrRuntime = errors.New("ONNX Runtime cannot be used")
	// ErrModelDamaged means a model file is truncated, corrupt or not a
	// model at all.
	ErrModelDamaged = errors.New("a model file is damaged")
	// ErrDevice means the processor chosen for the models (a graphics
	// card) cannot be used.
	ErrDevice = errors.New("the chosen processor cannot be used")
)
