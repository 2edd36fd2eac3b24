//go:build !cgo

package espeak_test

import (
	"context"
	"errors"
	"testing"

	"github.com/describer/describer/speech"
	"github.com/describer/describer/speech/espeak"
)

// TestNoCgo checks the build without cgo: everything reports
// ErrUnavailable in one sentence.
func TestNoCgo(t *testing.T) {
	const want = "espeak: eSpeak NG is not available in this build (it was built without cgo)"
	if _, err := espeak.New(speech.Options{}); !errors.Is(err, espeak.ErrUnavailable) || err.Error() != want {
		t.Errorf("New: %v", err)
	}
	if _, err := espeak.Phonemize("en-us", "Hello."); !errors.Is(err, espeak.ErrUnavailable) {
		t.Errorf("Phonemize: %v", err)
	}
	var e espeak.Engine
	if _, err := e.Synthesize(context.Background(), "Hello."); !errors.Is(err, espeak.ErrUnavailable) {
		t.Errorf("Synthesize: %v", err)
	}
	if e.SampleRate() != espeak.SampleRate {
		t.Errorf("SampleRate %d", e.SampleRate())
	}
}
