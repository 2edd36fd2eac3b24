package syslook

import (
	"context"
	"strings"
)

// GNOME's schemas that hold the display preferences.
const (
	gnomeInterface = "org.gnome.desktop.interface"
	gnomeA11y      = "org.gnome.desktop.a11y.interface"
)

// readWith reads GNOME's preferences through gsettings run by run, within
// budget, then falls back to FYNE_SCALE from getenv for the text size. A
// missing gsettings, a missing schema or a failing command leaves its
// field unknown.
func readWith(ctx context.Context, run runner, getenv func(string) string) Look {
	ctx, cancel := context.WithTimeout(ctx, budget)
	defer cancel()
	get := func(schema, key string) string {
		out, err := run(ctx, "gsettings", "get", schema, key)
		if err != nil {
			return ""
		}
		return strings.Trim(strings.TrimSpace(out), "'")
	}
	var l Look
	l.TextSize = percent(get(gnomeInterface, "text-scaling-factor"))
	l.HighContrast = get(gnomeA11y, "high-contrast") == "true"
	l.Dark, l.DarkKnown = colorScheme(get(gnomeInterface, "color-scheme"))
	l = withGtkTheme(l, get(gnomeInterface, "gtk-theme"))
	return withFyneScale(l, getenv)
}

// colorScheme reads GNOME's color-scheme. "default" is GNOME's light
// style, which Fyne too shows light.
func colorScheme(v string) (dark, known bool) {
	switch v {
	case "prefer-dark":
		return true, true
	case "prefer-light", "default":
		return false, true
	}
	return false, false
}

// withGtkTheme adds what an older GNOME's high-contrast GTK theme says:
// HighContrast is black on white, HighContrastInverse white on black.
func withGtkTheme(l Look, theme string) Look {
	switch theme {
	case "HighContrast":
		l.HighContrast = true
	case "HighContrastInverse":
		l.HighContrast, l.Dark, l.DarkKnown = true, true, true
	}
	return l
}
