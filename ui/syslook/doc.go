// Package syslook reads the operating system's own accessibility display
// preferences — text size, high contrast, dark colours — so that
// Describer's window can start from what the user already chose for every
// program.
//
// Read asks GNOME's gsettings on Linux and the BSDs, the registry on
// Windows and the defaults command on macOS, all within about two
// seconds. Whatever cannot be read is left at its zero value, and the text
// size then falls back to Fyne's FYNE_SCALE environment variable.
package syslook
