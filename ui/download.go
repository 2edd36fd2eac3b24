package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"github.com/describer/describer/app/i18n"
)

// downloadDialog is the question AskDownload shows.
type downloadDialog struct {
	dlg         *dialog.CustomDialog
	yes, no     *speakButton
	answered    bool
	onYes, onNo func()
}

// AskDownload asks whether to download the missing models: question says
// what and how big (one or two sentences). The question is spoken with
// the keys that answer it; focus starts on Download. yes or no runs on
// Fyne's goroutine with the answer; Escape is "Not now". It may be called
// from any goroutine. Progress is reported with SetStatus, and the Stop
// button and Escape (the controller's Stop) cancel the download.
func (m *MainWindow) AskDownload(question string, yes, no func()) {
	fyne.Do(func() { m.askDownload(question, yes, no) })
}

func (m *MainWindow) askDownload(question string, yes, no func()) {
	d := &downloadDialog{onYes: yes, onNo: no}
	keys := func(ev *fyne.KeyEvent) bool {
		if ev.Name == fyne.KeyEscape {
			d.answer(false)
			return true
		}
		return m.typedKey(ev)
	}
	d.yes = newSpeakButton(i18n.T("download.yes"), func() { d.answer(true) }, m.sayFocus, keys)
	d.yes.Importance = widget.HighImportance
	d.no = newSpeakButton(i18n.T("download.no"), func() { d.answer(false) }, m.sayFocus, keys)
	text := widget.NewLabel(question)
	text.Wrapping = fyne.TextWrapWord
	content := container.NewVBox(text, container.NewHBox(layout.NewSpacer(), d.no, d.yes))
	d.dlg = dialog.NewCustomWithoutButtons(i18n.T("download.title"), content, m.win)
	d.dlg.Resize(fyne.NewSize(520, 200))
	m.download = d
	d.dlg.Show()
	m.quietly(func() { m.win.Canvas().Focus(d.yes) })
	m.say(i18n.T("download.dialog", "Question", question))
}

// answer closes the dialog once and calls the matching function.
func (d *downloadDialog) answer(yes bool) {
	if d.answered {
		return
	}
	d.answered = true
	d.dlg.Hide()
	if yes && d.onYes != nil {
		d.onYes()
	}
	if !yes && d.onNo != nil {
		d.onNo()
	}
}
