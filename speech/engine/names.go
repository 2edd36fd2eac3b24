package engine

import (
	"errors"
	"fmt"
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

// Choice is an engine a user can pick.
type Choice struct {
	// Name is what Config.Engine, the --engine flag and the saved
	// settings hold: "auto", "piper", "espeak" or "screenreader".
	Name string
	// Label is what a person reads or hears for it in the settings.
	Label string
}

// Choices returns the engines a user can pick, in the order the settings
// show them, Auto first.
func Choices() []Choice {
	return []Choice{
		{Auto, "Automatic"},
		{Piper, "Piper, natural voice"},
		{Espeak, "eSpeak NG, fast voice"},
		{ScreenReader, "My screen reader"},
	}
}

// ErrUnknownEngine means an engine name is not one of Choices.
var ErrUnknownEngine = errors.New("unknown engine")

// Check returns nil when name is one of Choices, else an error matching
// ErrUnknownEngine that lists them: `unknown engine "sam"; use auto,
// piper, espeak or screenreader`. "" is refused: Open reads it as Auto,
// but a person who typed a name meant one.
func Check(name string) error {
	for _, c := range Choices() {
		if c.Name == name {
			return nil
		}
	}
	return fmt.Errorf("%w %q; use %s", ErrUnknownEngine, name, NameList())
}

// NameList returns the engine names as a phrase for help and errors:
// "auto, piper, espeak or screenreader".
func NameList() string {
	var names []string
	for _, c := range Choices() {
		names = append(names, c.Name)
	}
	last := len(names) - 1
	return strings.Join(names[:last], ", ") + " or " + names[last]
}
