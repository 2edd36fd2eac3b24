package usererr

import (
	"errors"
	"io/fs"
	"testing"
)

func TestNewWrapsSentinelAndCause(t *testing.T) {
	sentinel := errors.New("capture: no display")
	err := New("There is no display.", sentinel, fs.ErrNotExist)
	if err.Error() != "There is no display." {
		t.Errorf("text %q", err.Error())
	}
	if !errors.Is(err, sentinel) || !errors.Is(err, fs.ErrNotExist) {
		t.Error("the sentinel or the cause is lost")
	}
	var e *Error
	if !errors.As(err, &e) {
		t.Error("errors.As does not find *Error")
	}
}

func TestNewfLeavesOutANilCause(t *testing.T) {
	sentinel := errors.New("no model")
	err := Newf(sentinel, nil, "The %s model is missing.", "caption")
	var e *Error
	if !errors.As(err, &e) || err.Error() != "The caption model is missing." || len(e.Unwrap()) != 1 ||
		!errors.Is(err, sentinel) {
		t.Errorf("Newf: %q, unwraps %v", err, e.Unwrap())
	}
}
