package espeak

import (
	"errors"

	"github.com/describer/describer/internal/usererr"
)

// Sentinel errors callers branch on; match them with errors.Is.
var (
	// ErrUnavailable means eSpeak NG cannot be used: this build has no cgo,
	// or the library or its data files are missing.
	ErrUnavailable = errors.New("eSpeak NG is not available in this build")
	// ErrUnknownVoice means eSpeak NG has no voice of the requested name.
	ErrUnknownVoice = errors.New("unknown eSpeak NG voice")
)

// sentence returns an error reading format/args that matches kind.
func sentence(kind error, format string, args ...any) error {
	return usererr.Newf(kind, nil, format, args...)
}

// unknownVoice is the error for a voice name eSpeak NG does not have.
func unknownVoice(name string) error {
	return sentence(ErrUnknownVoice, "espeak: eSpeak NG has no voice named %q", name)
}
