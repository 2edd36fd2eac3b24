package ui

import (
	"errors"

	"github.com/describer/describer/ui/hotkey"
)

// NormalizeHotkey checks hotkey text of the form "Mod+Mod+Key" with the
// same rules the global hotkeys are grabbed by (hotkey.Parse) and returns
// it in canonical spelling, such as "Ctrl+Alt+D". Case and spaces do not
// matter. The error is a sentence for the user.
func NormalizeHotkey(text string) (string, error) {
	c, err := hotkey.Parse(text)
	if err != nil {
		var pe *hotkey.ParseError
		if errors.As(err, &pe) && pe.Reason != "" {
			return "", errors.New(pe.Reason)
		}
		return "", err
	}
	return c.String(), nil
}
