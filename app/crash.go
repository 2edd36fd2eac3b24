package app

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"time"
)

// ErrCrashed marks a job, message or save that panicked: a bad model or a
// bug. The app carries on; the panic and its stack go to the log, and the
// user hears only [CrashError]'s sentence.
var ErrCrashed = errors.New("something went wrong")

// CrashError is a recovered panic. Its Error is the sentence the user
// hears ("something went wrong describing that; the details are in the
// log"); Value and Stack are the details, for the log only.
type CrashError struct {
	// Doing names what was being done: "describing that", "saving the
	// history".
	Doing string
	// Value is what was passed to panic.
	Value any
	// Stack is the panicking goroutine's stack.
	Stack []byte
}

// Error returns the sentence for the user, without the details.
func (e *CrashError) Error() string {
	return fmt.Sprintf("%s %s; the details are in the log", ErrCrashed, e.Doing)
}

// Unwrap returns ErrCrashed.
func (e *CrashError) Unwrap() error { return ErrCrashed }

// recovered turns v, what recover() returned in a deferred function, into
// a *CrashError whose details are written to log (nil: standard error);
// it returns nil when v is nil (there was no panic).
func recovered(v any, doing string, log io.Writer) *CrashError {
	if v == nil {
		return nil
	}
	e := &CrashError{Doing: doing, Value: v, Stack: debug.Stack()}
	Logf(log, "panic while %s: %v\n%s", doing, v, e.Stack)
	return e
}

// Logf writes one time-stamped entry to log (nil: standard error): the
// details that the user's sentence leaves out.
func Logf(log io.Writer, format string, args ...any) {
	if log == nil {
		log = os.Stderr
	}
	fmt.Fprintf(log, "%s describer: %s\n", time.Now().Format(time.RFC3339), fmt.Sprintf(format, args...))
}
