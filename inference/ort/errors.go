package ort

import (
	"errors"
	"fmt"

	"github.com/describer/describer/internal/usererr"
)

// Sentinel errors callers branch on; match them with errors.Is. Each
// wraps the usererr kind the app words for the user.
var (
	// ErrLibraryNotFound means no ONNX Runtime shared library was found, or
	// an explicitly named one does not exist.
	ErrLibraryNotFound = usererr.New("ONNX Runtime library not found", usererr.ErrRuntime)
	// ErrLibraryLoad means the file could not be loaded as ONNX Runtime: it
	// is not a shared library, lacks the ONNX Runtime entry point, or a
	// different library is already loaded in this process.
	ErrLibraryLoad = usererr.New("ONNX Runtime library cannot be loaded", usererr.ErrRuntime)
	// ErrLibraryVersion means the library is an ONNX Runtime too old to
	// provide the C API this program was built against.
	ErrLibraryVersion = usererr.New("wrong ONNX Runtime version", usererr.ErrRuntime)
	// ErrDeviceUnavailable means an explicitly requested execution device
	// (cuda, directml, coreml) cannot be used.
	ErrDeviceUnavailable = usererr.New("execution device unavailable", usererr.ErrDevice)
	// ErrModelDamaged means a model file is truncated, corrupt or not an
	// ONNX model at all.
	ErrModelDamaged = usererr.New("damaged or not an ONNX model", usererr.ErrModelDamaged)
)

// sentence returns an error reading format/args that matches kind and cause.
func sentence(kind, cause error, format string, args ...any) error {
	return usererr.Newf(kind, cause, format, args...)
}

// LibraryNotFoundError reports that no ONNX Runtime library was found. It
// matches [ErrLibraryNotFound].
type LibraryNotFoundError struct {
	// Tried lists every path looked at, in the order they were tried.
	Tried []string
}

// Error returns one sentence naming where the library was expected and how
// to install it.
func (e *LibraryNotFoundError) Error() string {
	where := "no candidate paths"
	switch n := len(e.Tried); n {
	case 0:
	case 1:
		where = "looked at " + e.Tried[0]
	default:
		where = fmt.Sprintf("looked at %s and %d other places", e.Tried[0], n-1)
	}
	return fmt.Sprintf("ort: ONNX Runtime %s is not installed (%s); "+
		"run \"describer models pull runtime\" (make run does), or pass --ort-lib PATH", RequiredVersion, where)
}

// Is reports whether target is [ErrLibraryNotFound] or the kind it wraps.
func (e *LibraryNotFoundError) Is(target error) bool {
	return target == ErrLibraryNotFound || errors.Is(ErrLibraryNotFound, target)
}
