//go:build cgo || windows || (darwin && !amd64)

package oto

import (
	"fmt"
	"runtime"
	"strings"

	"github.com/describer/describer/speech"
)

// noDevice turns an oto error into one sentence wrapping
// speech.ErrNoAudioDevice.
func noDevice(err error) error {
	return &deviceError{detail: deviceDetail(err), err: err}
}

type deviceError struct {
	detail string
	err    error
}

func (e *deviceError) Error() string {
	return fmt.Sprintf("%v (%s); descriptions are still shown as text", speech.ErrNoAudioDevice, e.detail)
}

func (e *deviceError) Unwrap() []error { return []error{speech.ErrNoAudioDevice, e.err} }

// deviceDetail shortens oto's message to the system's name and the first
// reason, e.g. `ALSA: cannot open "default": No such file or directory`.
func deviceDetail(err error) string {
	msg := strings.TrimPrefix(err.Error(), "oto: ")
	system := map[string]string{"windows": "Windows audio", "darwin": "Core Audio"}[runtime.GOOS]
	if system == "" {
		system = "ALSA"
	}
	msg = strings.TrimPrefix(msg, "ALSA error at ")
	if rest, ok := strings.CutPrefix(msg, "snd_pcm_open: "); ok {
		first, _, _ := strings.Cut(rest, ", \"")
		msg = "cannot open " + first
	}
	msg = strings.NewReplacer("\n", " ", "\r", " ").Replace(strings.TrimRight(msg, ". "))
	return system + ": " + msg
}
