package ui

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/describer/describer/app"
	"github.com/describer/describer/app/i18n"
	"github.com/describer/describer/inference"
	"github.com/describer/describer/speech/engine"
)

// newChoice is a drop-down of values, each shown as choiceLabel words it.
func newChoice(label string, values []string, value string, say func(string), keys keyFunc) *speakSelect {
	labels := make([]string, len(values))
	selected := 0
	for i, v := range values {
		labels[i] = choiceLabel(v)
		if v == value {
			selected = i
		}
	}
	s := newSpeakSelect(label, labels, labels[selected], say, keys)
	s.values = values
	return s
}

// value returns the value of the chosen label, or the first value.
func (s *speakSelect) value() string {
	if i := s.SelectedIndex(); i >= 0 && i < len(s.values) {
		return s.values[i]
	}
	return s.values[0]
}

// choiceLabel words a device, speech engine, level of detail or
// language for the settings, in the user's language.
func choiceLabel(value string) string {
	switch value {
	case inference.DeviceAuto: // engine.Auto too
		return i18n.T("choice.auto")
	case inference.DeviceCPU:
		return i18n.T("device.cpu")
	case inference.DeviceCUDA:
		return i18n.T("device.cuda")
	case inference.DeviceDirectML:
		return i18n.T("device.directml")
	case inference.DeviceCoreML:
		return i18n.T("device.coreml")
	case engine.Piper:
		return i18n.T("engine.piper")
	case engine.Espeak:
		return i18n.T("engine.espeak")
	case engine.ScreenReader:
		return i18n.T("engine.screenreader")
	case Details[0]:
		return i18n.T("detail.brief")
	case Details[1]:
		return i18n.T("detail.detailed")
	case Details[2]:
		return i18n.T("detail.paragraph")
	case SystemLanguage:
		return i18n.T("language.system", "Name", i18n.Name(Settings{}.Lang()))
	case ThemeDark:
		return i18n.T("theme.dark")
	case ThemeLight:
		return i18n.T("theme.light")
	case ThemeHighContrastDark:
		return i18n.T("theme.hc-dark")
	case ThemeHighContrastLight:
		return i18n.T("theme.hc-light")
	}
	return i18n.Name(value)
}

// settingsDialog is the open settings dialog: a form that Tab walks through,
// every field speaking its label and value, with Save and Cancel.
type settingsDialog struct {
	m        *MainWindow
	dlg      *dialog.CustomDialog
	scroll   *container.Scroll // the fields, which scroll to the focused one
	device   *speakSelect
	language *speakSelect
	engine   *speakSelect
	detail   *speakSelect
	voice    *speakEntry
	rate     *speakEntry
	hotkeys  []*speakEntry // in the order of Hotkeys.list
	// historyEntries and historyDays bound the kept history.
	historyEntries, historyDays *speakEntry
	theme                       *speakSelect
	textSize                    *speakEntry
	checks                      struct{ caption, text, autoSpeak, autoCopy, saveHistory, tiles, filter *speakCheck }
	save                        *speakButton
	cancel                      *speakButton
	problem                     *widget.Label
}

// showSettings opens the settings dialog with the current settings and
// puts focus on its first field.
func (m *MainWindow) showSettings() {
	d := m.newSettingsDialog(m.settings)
	m.settingsOpen = d
	d.dlg.Show()
	m.quietly(func() { m.win.Canvas().Focus(d.device) })
	m.say(i18n.T("settings.opened", "Choice", d.device.Selected))
}

// newSettingsDialog builds the dialog for s.
func (m *MainWindow) newSettingsDialog(s Settings) *settingsDialog {
	d := &settingsDialog{m: m, problem: widget.NewLabel("")}
	say, keys := d.sayFocus, d.typedKey
	d.device = newChoice(i18n.T("settings.device"), Devices, s.Device, say, keys)
	d.language = newChoice(i18n.T("settings.language"), Languages, s.Language, say, keys)
	d.engine = newChoice(i18n.T("settings.speech"), Engines, s.Engine, say, keys)
	d.detail = newChoice(i18n.T("settings.detail"), Details, s.Detail, say, keys)
	d.theme = newChoice(i18n.T("settings.theme"), Themes, s.Theme, say, keys)
	d.textSize = newSpeakEntry(i18n.T("settings.text-size"), strconv.Itoa(s.TextSize), say, keys)
	d.voice = newSpeakEntry(i18n.T("settings.voice"), s.Voice, say, keys)
	d.voice.PlaceHolder = i18n.T("settings.voice-default")
	d.rate = newSpeakEntry(i18n.T("settings.rate-spoken"), strconv.Itoa(s.Rate), say, keys)
	form := []fyne.CanvasObject{
		widget.NewLabel(i18n.T("settings.device")), d.device,
		widget.NewLabel(i18n.T("settings.language")), d.language,
		widget.NewLabel(i18n.T("settings.speech")), d.engine,
		widget.NewLabel(i18n.T("settings.voice")), d.voice,
		widget.NewLabel(i18n.T("settings.rate")), d.rate,
		widget.NewLabel(i18n.T("settings.detail")), d.detail,
		widget.NewLabel(i18n.T("settings.theme")), d.theme,
		widget.NewLabel(i18n.T("settings.text-size")), d.textSize,
	}
	d.historyEntries = newSpeakEntry(i18n.T("settings.history-entries"), strconv.Itoa(s.HistoryEntries), say, keys)
	d.historyDays = newSpeakEntry(i18n.T("settings.history-days"), strconv.Itoa(s.HistoryDays), say, keys)
	form = append(form, widget.NewLabel(i18n.T("settings.history-entries")), d.historyEntries,
		widget.NewLabel(i18n.T("settings.history-days")), d.historyDays)
	for _, h := range s.Hotkeys.list() {
		e := newSpeakEntry(h.label, *h.value, say, keys)
		e.PlaceHolder = i18n.T("settings.no-hotkey")
		d.hotkeys = append(d.hotkeys, e)
		form = append(form, widget.NewLabel(h.label), e)
	}
	c := &d.checks
	c.caption = newSpeakCheck(i18n.T("settings.caption"), s.IncludeCaption, say, keys)
	c.text = newSpeakCheck(i18n.T("settings.text"), s.IncludeText, say, keys)
	c.autoSpeak = newSpeakCheck(i18n.T("settings.auto-speak"), s.AutoSpeak, say, keys)
	c.autoCopy = newSpeakCheck(i18n.T("settings.auto-copy"), s.AutoCopy, say, keys)
	c.saveHistory = newSpeakCheck(i18n.T("settings.save-history"), s.SaveHistory, say, keys)
	c.tiles = newSpeakCheck(i18n.T("settings.tiles"), s.QuestionTiles, say, keys)
	c.filter = newSpeakCheck(i18n.T("settings.filter"), s.FilterOutput, say, keys)
	for _, e := range append([]*speakEntry{d.voice, d.rate, d.textSize, d.historyEntries, d.historyDays}, d.hotkeys...) {
		e.OnSubmitted = func(string) { d.submit() }
	}
	d.save = newSpeakButton(i18n.T("settings.save"), d.submit, say, keys)
	d.save.Importance = widget.HighImportance
	d.cancel = newSpeakButton(i18n.T("cancel"), d.dismiss, say, keys)
	d.scroll = container.NewVScroll(container.NewVBox(
		formOf(form, s.TextSize),
		c.caption, c.text, c.autoSpeak, c.autoCopy, c.saveHistory, c.tiles, c.filter,
	))
	content := container.NewBorder(nil, container.NewVBox(d.problem,
		container.NewHBox(layout.NewSpacer(), d.cancel, d.save)), nil, nil, d.scroll)
	d.dlg = dialog.NewCustomWithoutButtons(i18n.T("settings.title"), content, m.win)
	d.dlg.Resize(fitIn(m.win.Canvas().Size(), d.scroll.Content.MinSize()))
	return d
}

// formOf lays out labels and fields in pairs: side by side up to 200 %
// text, above each other beyond, where the labels would leave the fields
// no room.
func formOf(pairs []fyne.CanvasObject, textSize int) fyne.CanvasObject {
	if textSize < 200 {
		return container.New(layout.NewFormLayout(), pairs...)
	}
	return container.NewVBox(pairs...)
}

// fitIn is the size of a dialog whose content wants want, within a window
// of size win: no larger than the window, less a margin; the content
// scrolls beyond.
func fitIn(win, want fyne.Size) fyne.Size {
	margin := 4 * theme.Padding()
	return fyne.NewSize(min(want.Width+margin, win.Width-margin), min(want.Height+margin, win.Height-margin))
}

// holds reports whether o is c or in one of the containers c holds.
func holds(c, o fyne.CanvasObject) bool {
	if c == o {
		return true
	}
	if box, ok := c.(*fyne.Container); ok {
		for _, child := range box.Objects {
			if holds(child, o) {
				return true
			}
		}
	}
	return false
}

// sayFocus speaks for a field of the dialog and scrolls it into view.
func (d *settingsDialog) sayFocus(text string) {
	if f, ok := d.m.win.Canvas().Focused().(fyne.CanvasObject); ok {
		reveal(d.scroll, f)
	}
	d.m.sayFocus(text)
}

// reveal scrolls s, when o is in it, so that o is in view with the
// line above it, where its label stands at large text sizes.
func reveal(s *container.Scroll, o fyne.CanvasObject) {
	if !holds(s.Content, o) {
		return
	}
	drv := fyne.CurrentApp().Driver()
	top := drv.AbsolutePositionForObject(o).Y - drv.AbsolutePositionForObject(s.Content).Y
	if lead := top - widget.NewLabel("Ag").MinSize().Height - theme.Padding(); lead < s.Offset.Y {
		s.Offset.Y = max(lead, 0) // with the label above the field
	} else if bottom := top + o.Size().Height; bottom > s.Offset.Y+s.Size().Height {
		s.Offset.Y = bottom - s.Size().Height
	}
	s.Refresh()
}

// typedKey handles Escape (cancel) and F1 (help) inside the dialog.
func (d *settingsDialog) typedKey(ev *fyne.KeyEvent) bool {
	switch ev.Name {
	case fyne.KeyEscape:
		d.dismiss()
	case fyne.KeyF1:
		d.m.say(i18n.T("settings.help"))
	default:
		return false
	}
	return true
}

// read collects the settings from the fields; the error is for the user and
// the widget is the field to correct.
func (d *settingsDialog) read() (Settings, fyne.Focusable, error) {
	s := Settings{
		Device:         d.device.value(),
		Language:       d.language.value(),
		Engine:         d.engine.value(),
		Voice:          strings.TrimSpace(d.voice.Text),
		IncludeCaption: d.checks.caption.Checked,
		Detail:         d.detail.value(),
		IncludeText:    d.checks.text.Checked,
		AutoSpeak:      d.checks.autoSpeak.Checked,
		AutoCopy:       d.checks.autoCopy.Checked,
		SaveHistory:    d.checks.saveHistory.Checked,
		QuestionTiles:  d.checks.tiles.Checked,
		FilterOutput:   d.checks.filter.Checked,
		Theme:          d.theme.value(),
	}
	rate, err := strconv.Atoi(strings.TrimSpace(d.rate.Text))
	if err != nil || rate < MinRate || rate > MaxRate {
		return s, d.rate, app.Plain(i18n.T("settings.rate-number", "Min", MinRate, "Max", MaxRate))
	}
	s.Rate = rate
	size, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(d.textSize.Text), "%"))
	if err != nil || size < MinTextSize || size > MaxTextSize {
		return s, d.textSize, app.Plain(i18n.T("settings.text-size-number", "Min", MinTextSize, "Max", MaxTextSize))
	}
	s.TextSize = size
	for _, b := range []struct {
		field *speakEntry
		value *int
	}{{d.historyEntries, &s.HistoryEntries}, {d.historyDays, &s.HistoryDays}} {
		n, err := strconv.Atoi(strings.TrimSpace(b.field.Text))
		if err != nil || n < 0 || n > MaxHistoryBound {
			return s, b.field, app.Plain(i18n.T("settings.history-number", "Max", MaxHistoryBound))
		}
		*b.value = n
	}
	for i, h := range s.Hotkeys.list() {
		text := strings.TrimSpace(d.hotkeys[i].Text)
		if text == "" {
			continue
		}
		k, err := NormalizeHotkey(text)
		if err != nil {
			return s, d.hotkeys[i], app.Plain(i18n.T("settings.bad-hotkey", "Label", h.label, "Reason", err))
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
	m.applyLook(s)
	m.ctl.SettingsChanged(s)
	d.close()
	m.say(i18n.T("settings.saved"))
}

// dismiss closes the dialog without saving.
func (d *settingsDialog) dismiss() {
	d.close()
	d.m.say(i18n.T("settings.cancelled"))
}

// close hides the dialog and puts focus back on the Settings button.
func (d *settingsDialog) close() {
	d.dlg.Hide()
	d.m.settingsOpen = nil
	d.m.quietly(func() { d.m.win.Canvas().Focus(d.m.settingsButton) })
}
