package ui

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"testing"

	"github.com/describer/describer/app"
)

func TestErrorSentence(t *testing.T) {
	errNoModel := errors.New("caption model not found")
	pathErr := &fs.PathError{Op: "open", Path: "/models/det.onnx", Err: fs.ErrNotExist}
	for _, tc := range []struct {
		name string
		err  error
		want string
	}{
		{"nil", nil, ""},
		{"package prefixes", fmt.Errorf("ocr: load detector: %w", errors.New("the model file is missing")), "The model file is missing."},
		{"sentinel with detail", fmt.Errorf("app: %w: no folder at /m", errNoModel), "Caption model not found: no folder at /m."},
		{"quoted argument", fmt.Errorf("load image %q: %w", "/my photos/a.png", errors.New("the image file is damaged or incomplete")), "The image file is damaged or incomplete."},
		{"path error", fmt.Errorf("ocr: %w", pathErr), "File does not exist."},
		{"keeps a full stop", errors.New("speech: Piper is not installed."), "Piper is not installed."},
		{"keeps a question", errors.New("is the screen locked?"), "Is the screen locked?"},
		{"a sentence is not a prefix", errors.New("the image is too large: 20000×20000 pixels"), "The image is too large: 20000×20000 pixels."},
		{"capitals are not a prefix", errors.New("ORT: CUDA is not available"), "ORT: CUDA is not available."},
		{"first line of a join", errors.Join(errors.New("capture: no display"), errors.New("close: ignored")), "No display."},
		{"cancelled", fmt.Errorf("describe: %w", context.Canceled), "Stopped."},
		{"deadline", fmt.Errorf("describe: %w", context.DeadlineExceeded), "That took too long and was stopped."},
		{"only prefixes", errors.New("ocr: "), "Ocr."},
		{"blank", errors.New("  "), "Something went wrong."},
		{"unicode start", errors.New("émoji: ümlaut first"), "Ümlaut first."},
		{"a job that panicked", &app.CrashError{Doing: "describing that", Value: "index out of range", Stack: []byte("goroutine 7")},
			"Something went wrong describing that; the details are in the log."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := ErrorSentence(tc.err); got != tc.want {
				t.Errorf("ErrorSentence(%q) = %q, want %q", tc.err, got, tc.want)
			}
		})
	}
}
