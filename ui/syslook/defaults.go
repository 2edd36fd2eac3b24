package syslook

import (
	"context"
	"errors"
	"os/exec"
	"strings"
)

// readMacWith reads macOS's preferences through the defaults command run
// by run, within budget, then falls back to FYNE_SCALE from getenv for the
// text size: macOS has no system text size for applications.
func readMacWith(ctx context.Context, run runner, getenv func(string) string) Look {
	ctx, cancel := context.WithTimeout(ctx, budget)
	defer cancel()
	var l Look
	l.Dark, l.DarkKnown = macDark(run(ctx, "defaults", "read", "-g", "AppleInterfaceStyle"))
	l.HighContrast = macContrast(run(ctx, "defaults", "read", "com.apple.universalaccess", "increaseContrast"))
	return withFyneScale(l, getenv)
}

// macDark reads `defaults read -g AppleInterfaceStyle`, which prints
// "Dark" when dark and fails, the key being absent, when light. Any other
// error (no defaults command, the deadline) leaves it unknown.
func macDark(out string, err error) (dark, known bool) {
	var exit *exec.ExitError
	switch {
	case err == nil:
		return strings.TrimSpace(out) == "Dark", true
	case errors.As(err, &exit):
		return false, true
	}
	return false, false
}

// macContrast reads `defaults read com.apple.universalaccess
// increaseContrast`, which prints 1 when Increase Contrast is on.
func macContrast(out string, err error) bool {
	return err == nil && strings.TrimSpace(out) == "1"
}
