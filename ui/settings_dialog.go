package ui

import (
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"github.com/describer/describer/app"
)

// labelFor returns the label of value among values, or the first label.
func labelFor(values, labels []string, value string) string {
	for i, v := range values {
		if v == value {
			return labels[i]
		}
	}
	return labels[0]
}

// valueFor returns the value of label among labels, or the first value.
func valueFor(values, labels []string, label string) string {
	for i, l := range labels {
		if l == label {
			return values[i]
		}
	}
	return values[0]
}

// settingsDialog is the open settings dialog: a form that Tab walks through,
// every field speaking its label and value, with Save and Cancel.
type settingsDialog struct {
	m       *MainWindow
	dlg     *dialog.CustomDialog
	device  *speakSelect
	engine  *speakSelect
	detail  *speakSelect
	voice   *speakEntry
	rate    *speakEntry
	hotkeys []*speakEntry // in the order of Hotkeys.list
	checks  struct{ caption, text, autoSpeak, autoCopy, saveHistory, tiles *speakCheck }
	save    *speakButton
	cancel  *speakButton
	problem *widget.Label
}

// showSettings opens the settings dialog with the current settings and
// puts focus on its first field.
func (m *MainWindow) showSettings() {
	d := m.newSettingsDialog(m.settings)
	m.settingsOpen = d
	d.dlg.Show()
	m.quietly(func() { m.win.Canvas().Focus(d.device) })
	m.say("Settings. Device, " + d.device.Selected)
}

// newSettingsDialog builds the dialog for s.
func (m *MainWindow) newSettingsDialog(s Settings) *settingsDialog {
	d := &settingsDialog{m: m, problem: widget.NewLabel("")}
	say, keys := m.sayFocus, d.typedKey
	d.device = newSpeakSelect("Device", deviceLabels, labelFor(Devices, deviceLabels, s.Device), say, keys)
	d.engine = newSpeakSelect("Speech", engineLabels, labelFor(Engines, engineLabels, s.Engine), say, keys)
	d.detail = newSpeakSelect("Caption detail", detailLabels, labelFor(Details, detailLabels, s.Detail), say, keys)
	d.voice = newSpeakEntry("Voice", s.Voice, say, keys)
	d.voice.PlaceHolder = "the engine's default voice"
	d.rate = newSpeakEntry("Speaking rate, words a minute", strconv.Itoa(s.Rate), say, keys)
	form := []fyne.CanvasObject{
		widget.NewLabel("Device"), d.device,
		widget.NewLabel("Speech"), d.engine,
		widget.NewLabel("Voice"), d.voice,
		widget.NewLabel("Rate (words a minute)"), d.rate,
		widget.NewLabel("Caption detail"), d.detail,
	}
	for _, h := range s.Hotkeys.list() {
		e := newSpeakEntry(h.label, *h.value, say, keys)
		e.PlaceHolder = "none"
		d.hotkeys = append(d.hotkeys, e)
		form = append(form, widget.NewLabel(h.label), e)
	}
	c := &d.checks
	c.caption = newSpeakCheck("Describe the picture", s.IncludeCaption, say, keys)
	c.text = newSpeakCheck("Read the text in it", s.IncludeText, say, keys)
	c.autoSpeak = newSpeakCheck("Speak each result", s.AutoSpeak, say, keys)
	c.autoCopy = newSpeakCheck("Copy each result to the clipboard", s.AutoCopy, say, keys)
	c.saveHistory = newSpeakCheck("Keep history between runs", s.SaveHistory, say, keys)
	c.tiles = newSpeakCheck("Questions read fine detail (slower)", s.QuestionTiles, say, keys)
	for _, e := range append([]*speakEntry{d.voice, d.rate}, d.hotkeys...) {
		e.OnSubmitted = func(string) { d.submit() }
	}
	d.save = newSpeakButton("Save", d.submit, say, keys)
	d.save.Importance = widget.HighImportance
	d.cancel = newSpeakButton("Cancel", d.dismiss, say, keys)
	content := container.NewVBox(
		container.New(layout.NewFormLayout(), form...),
		c.caption, c.text, c.autoSpeak, c.autoCopy, c.saveHistory, c.tiles,
		d.problem,
		container.NewHBox(layout.NewSpacer(), d.cancel, d.save),
	)
	d.dlg = dialog.NewCustomWithoutButtons("Settings", content, m.win)
	return d
}

// typedKey handles Escape (cancel) and F1 (help) inside the dialog.
func (d *settingsDialog) typedKey(ev *fyne.KeyEvent) bool {
	switch ev.Name {
	case fyne.KeyEscape:
		d.dismiss()
	case fyne.KeyF1:
		d.m.say("Settings. Tab and Shift Tab move between fields. Arrow keys change a choice. " +
			"Space ticks a check box. Return saves. Escape cancels. " +
			"Hotkeys are written like Control plus Alt plus D; leave one empty for none.")
	default:
		return false
	}
	return true
}

// read collects the settings from the fields; the error is for the user and
// the widget is the field to correct.
func (d *settingsDialog) read() (Settings, fyne.Focusable, error) {
	s := Settings{
		Device:         valueFor(Devices, deviceLabels, d.device.Selected),
		Engine:         valueFor(Engines, engineLabels, d.engine.Selected),
		Voice:          strings.TrimSpace(d.voice.Text),
		IncludeCaption: d.checks.caption.Checked,
		Detail:         valueFor(Details, detailLabels, d.detail.Selected),
		IncludeText:    d.checks.text.Checked,
		AutoSpeak:      d.checks.autoSpeak.Checked,
		AutoCopy:       d.checks.autoCopy.Checked,
		SaveHistory:    d.checks.saveHistory.Checked,
		QuestionTiles:  d.checks.tiles.Checked,
	}
	rate, err := strconv.Atoi(strings.TrimSpace(d.rate.Text))
	if err != nil || rate < MinRate || rate > MaxRate {
		return s, d.rate, fmt.Errorf("the speaking rate must be a whole number from %d to %d", MinRate, MaxRate)
	}
	s.Rate = rate
	for i, h := range s.Hotkeys.list() {
		text := strings.TrimSpace(d.hotkeys[i].Text)
		if text == "" {
			continue
		}
		k, err := NormalizeHotkey(text)
		if err != nil {
			return s, d.hotkeys[i], fmt.Errorf("%s: %w", h.label, err)
		}
		*h.value = k
	}
	if err := s.Validate(); err != nil {
		return s, d.checks.caption, err
	}
	return s, nil, nil
}

// submit saves valid settings, tells the controller and closes the dialog;
// otherwise it shows and speaks what to correct and moves focus there.
func (d *settingsDialog) submit() {
	s, field, err := d.read()
	if err != nil {
		msg := app.Sentence(err)
		d.problem.SetText(msg)
		d.m.quietly(func() { d.m.win.Canvas().Focus(field) })
		d.m.say(msg)
		return
	}
	m := d.m
	m.settings = s
	s.Save(m.app.Preferences())
	m.ctl.SettingsChanged(s)
	d.close()
	m.say("Settings saved")
}

// dismiss closes the dialog without saving.
func (d *settingsDialog) dismiss() {
	d.close()
	d.m.say("Settings cancelled")
}

// close hides the dialog and puts focus back on the Settings button.
func (d *settingsDialog) close() {
	d.dlg.Hide()
	d.m.settingsOpen = nil
	d.m.quietly(func() { d.m.win.Canvas().Focus(d.m.settingsButton) })
}
