package desktop

import (
	"os"
	"runtime"

	"fyne.io/fyne/v2"
)

// noTrayApp hides a fyne.App's tray (its desktop.App methods).
type noTrayApp struct{ fyne.App }

// WithoutTray returns a unless the desktop cannot show a tray icon: on
// Linux and BSD the tray speaks D-Bus, and Fyne 2.7's tray crashes at
// quit when there is no session bus. Without a tray, closing the window
// quits the app.
func WithoutTray(a fyne.App) fyne.App {
	switch runtime.GOOS {
	case "windows", "darwin":
		return a
	}
	if os.Getenv("DBUS_SESSION_BUS_ADDRESS") == "" {
		return noTrayApp{a}
	}
	return a
}

// HaveDisplay reports whether a window can be shown.
func HaveDisplay() bool {
	switch runtime.GOOS {
	case "windows", "darwin":
		return true
	}
	return os.Getenv("DISPLAY") != "" || os.Getenv("WAYLAND_DISPLAY") != ""
}
