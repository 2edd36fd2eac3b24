package engine

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

// The engine names, for Config.Engine, the --engine flag and the settings.
const (
	// Auto is the user's screen reader when one runs, else an installed
	// Piper voice, else eSpeak NG.
	Auto = "auto"
	// Piper is a Piper neural voice (speech/piper).
	Piper = "piper"
	// Espeak is eSpeak NG (speech/espeak).
	Espeak = "espeak"
	// ScreenReader hands the text to the user's screen reader
	// (speech/screenreader).
	ScreenReader = "screenreader"
)

// Names returns the engines a user can pick, in the order the settings
// show them, Auto first: what Config.Engine, the --engine flag and the
// saved settings hold. The settings word them in the user's language.
func Names() []string { return []string{Auto, Piper, Espeak, ScreenReader} }

// ErrUnknownEngine means an engine name is not one of Names.
var ErrUnknownEngine = errors.New("unknown engine")

// Check returns nil when name is one of Names, else an error matching
// ErrUnknownEngine that lists them: `unknown engine "sam"; use auto,
// piper, espeak or screenreader`. "" is refused: Open reads it as Auto,
// but a person who typed a name meant one.
func Check(name string) error {
	if slices.Contains(Names(), name) {
		return nil
	}
	return fmt.Errorf("%w %q; use %s", ErrUnknownEngine, name, NameList())
}

// NameList returns the engine names as a phrase for help and errors:
// "auto, piper, espeak or screenreader".
func NameList() string {
	names := Names()
	last := len(names) - 1
	return strings.Join(names[:last], ", ") + " or " + names[last]
}
