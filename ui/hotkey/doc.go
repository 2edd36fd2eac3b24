// Package hotkey registers system-wide keyboard shortcuts, so that a blind user can ask for a
// description from any program.
//
// Parse reads shortcuts such as "Ctrl+Alt+D"; a Manager grabs them from the desktop and calls
// a function when one is pressed. On Linux and the BSDs the Manager speaks X11 (also under
// XWayland) in pure Go; on Windows it uses RegisterHotKey. A Wayland session without XWayland
// and macOS have no global shortcuts yet: New returns an error that wraps ErrUnsupported and
// reads as one sentence a program can show or speak.
package hotkey
