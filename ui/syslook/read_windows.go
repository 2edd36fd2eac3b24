package syslook

import (
	"context"
	"os"

	"golang.org/x/sys/windows/registry"
)

// The current user's registry keys that hold the display preferences.
const (
	keyAccessibility = `SOFTWARE\Microsoft\Accessibility`
	keyHighContrast  = `Control Panel\Accessibility\HighContrast`
	keyPersonalize   = `Software\Microsoft\Windows\CurrentVersion\Themes\Personalize`
)

// Read returns what the system asks of application windows: on Windows,
// the text size, high contrast and app colours from the current user's
// registry, which answers at once, so ctx bounds nothing; FYNE_SCALE
// gives the text size when the registry does not.
func Read(ctx context.Context) Look {
	var l Look
	if v, ok := dword(keyAccessibility, "TextScaleFactor"); ok {
		l.TextSize = textScale(v)
	}
	if s, ok := str(keyHighContrast, "Flags"); ok {
		l.HighContrast = highContrastFlags(s)
	}
	if v, ok := dword(keyPersonalize, "AppsUseLightTheme"); ok {
		l.Dark, l.DarkKnown = v == 0, true
	}
	return withFyneScale(l, os.Getenv)
}

// dword reads an integer value under HKEY_CURRENT_USER.
func dword(path, name string) (uint64, bool) {
	k, err := registry.OpenKey(registry.CURRENT_USER, path, registry.QUERY_VALUE)
	if err != nil {
		return 0, false
	}
	defer k.Close() // read-only: closing cannot lose anything
	v, _, err := k.GetIntegerValue(name)
	return v, err == nil
}

// str reads a string value under HKEY_CURRENT_USER.
func str(path, name string) (string, bool) {
	k, err := registry.OpenKey(registry.CURRENT_USER, path, registry.QUERY_VALUE)
	if err != nil {
		return "", false
	}
	defer k.Close() // read-only: closing cannot lose anything
	v, _, err := k.GetStringValue(name)
	return v, err == nil
}
