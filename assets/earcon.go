package assets

//go:generate go run gen_earcons.go -dir .

import (
	"bytes"
	"embed"
	"errors"
	"fmt"

	"github.com/describer/describer/speech"
)

// Earcon names, for Earcon and EarconWAV.
const (
	// EarconStart is a gentle rising two-note chime (80 ms): a job started.
	EarconStart = "start"
	// EarconTick is a soft 15 ms blip, repeated while a job is working.
	EarconTick = "tick"
	// EarconError is a low falling pair of notes (220 ms): a job failed.
	EarconError = "error"
)

// EarconNames lists every earcon, in the order above.
var EarconNames = []string{EarconStart, EarconTick, EarconError}

// earconFiles holds the WAV files that gen_earcons.go writes.
//
//go:embed earcon_*.wav
var earconFiles embed.FS

// ErrNoEarcon means there is no earcon of the asked name.
var ErrNoEarcon = errors.New("no such earcon")

// EarconWAV returns the embedded WAV file of the named earcon: 16-bit mono
// PCM at 22 050 Hz.
func EarconWAV(name string) ([]byte, error) {
	b, err := earconFiles.ReadFile("earcon_" + name + ".wav")
	if err != nil {
		return nil, fmt.Errorf("assets: earcon %q: %w", name, ErrNoEarcon)
	}
	return b, nil
}

// Earcon returns the samples and sample rate of the named earcon.
func Earcon(name string) (samples []int16, rate int, err error) {
	b, err := EarconWAV(name)
	if err != nil {
		return nil, 0, err
	}
	a, err := speech.ReadWAV(bytes.NewReader(b))
	if err != nil {
		return nil, 0, fmt.Errorf("assets: earcon %q: %w", name, err)
	}
	return a.Samples, a.SampleRate, nil
}
