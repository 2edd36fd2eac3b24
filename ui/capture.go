package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"github.com/describer/describer/app/i18n"
	"github.com/describer/describer/ui/captureview"
)

// showCapture opens the shown result's image at full size, its text
// blocks outlined and numbered in reading order, in a dialog as large as
// the window; Ctrl+Plus and Ctrl+Minus zoom it, Escape closes it. Only
// the latest description keeps its image.
func (m *MainWindow) showCapture() {
	if !m.haveShown || m.shown.Image == nil {
		m.say(i18n.T("capture-view.no-image"))
		return
	}
	var d *dialog.CustomDialog
	keys := func(ev *fyne.KeyEvent) bool {
		if ev.Name == fyne.KeyEscape {
			d.Hide()
			return true
		}
		return m.typedKey(ev)
	}
	v := captureview.New(m.shown.Image, m.shown.Blocks, m.say, keys)
	v.Shortcut = m.runShortcut
	d = dialog.NewCustom(i18n.T("capture-view.title"), i18n.T("close"), v, m.win)
	d.SetOnClosed(func() { m.quietly(func() { m.win.Canvas().Focus(m.result) }) })
	d.Resize(fitIn(m.win.Canvas().Size(), m.win.Canvas().Size()))
	m.capture = v
	d.Show()
	m.win.Canvas().Focus(v)
}
