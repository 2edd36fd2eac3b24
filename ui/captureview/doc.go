// Package captureview shows a captured screen image at full size,
// zoomable, with the text blocks that OCR found outlined and numbered in
// the order they are read aloud, so a low-vision user can match the
// spoken words to their place on screen.
//
// The view is one focusable widget, View. Its keys ("Ctrl" is Command on
// macOS):
//
//	Ctrl+Plus, Ctrl+=, Ctrl+Shift+=  zoom in one step
//	Ctrl+Minus                       zoom out one step
//	Ctrl+0                           zoom back to 100 %
//	arrow keys                       scroll by a tenth of the visible part
//	Page Up, Page Down               scroll by nine tenths of it
//	Home, End                        go to the top-left, the bottom-right corner
//
// Tab leaves the view as it leaves any other control. The view says each
// zoom change and, when it gains focus, what it shows, since Fyne tells
// no screen reader. Keys and shortcuts it has no use for go on to the
// window (New's keys, View.Shortcut).
package captureview
