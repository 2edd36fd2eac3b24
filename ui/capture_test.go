package ui

import (
	"image"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

// TestShowCapture: Ctrl+I shows the latest result's image at full size
// with its text blocks, the view focused and describing itself; Ctrl+Plus
// there zooms the image, not the window's text; Escape closes it and the
// focus goes back to the result. An older result has no image to show.
func TestShowCapture(t *testing.T) {
	m, c, _ := newTestWindow(t, DefaultSettings())
	m.win.Resize(fyne.NewSize(900, 600))
	r := testResult
	r.Image = image.NewNRGBA(image.Rect(0, 0, 640, 400))
	r.Blocks = []image.Rectangle{image.Rect(10, 10, 200, 40), image.Rect(10, 60, 300, 90)}
	m.ShowResult(r)
	if !m.showImage.Visible() {
		t.Error("no Show image button beside a result with an image")
	}
	ctrl := func(k fyne.KeyName) fyne.Shortcut {
		return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault}
	}
	m.runShortcut(ctrl(fyne.KeyI))
	if m.capture == nil || m.win.Canvas().Focused() != m.capture {
		t.Fatal("Ctrl+I did not open and focus the image")
	}
	mustSay(t, c, "Captured image, 640 by 400 pixels, 2 text blocks outlined, zoom 100 percent.")
	size := m.settings.TextSize
	m.capture.TypedShortcut(ctrl(fyne.KeyEqual))
	if m.capture.Zoom() != 125 || m.settings.TextSize != size {
		t.Errorf("Ctrl+Plus in the image: zoom %d, text size %d; want 125 and %d", m.capture.Zoom(), m.settings.TextSize, size)
	}
	m.capture.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if f := m.win.Canvas().Focused(); f != m.result {
		t.Errorf("after Escape the focus is on %T, want the result", f)
	}
	m.ShowResult(testResult)
	m.historySelected(1)
	c.reset()
	m.runShortcut(ctrl(fyne.KeyI))
	mustSay(t, c, "No image.")
}
