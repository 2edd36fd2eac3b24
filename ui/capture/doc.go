// Package capture takes the images Describer describes: the screen under the mouse pointer,
// all screens, the active window, or an image on the clipboard.
//
// Desktop offers them as methods so that the app can hold a small interface; the functions
// of the same names do the same work. On Linux and the BSDs the package speaks X11 (also
// under XWayland) in pure Go and captures pixels with github.com/kbinani/screenshot; on
// Windows it uses the Win32 API. macOS has screen capture only when built with cgo, and no
// active-window or clipboard capture yet.
//
// Errors that a user needs to hear read as one short sentence, such as "The clipboard holds
// no image.", and wrap a sentinel the app can branch on.
package capture
