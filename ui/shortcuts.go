package ui

import (
	"runtime"
	"strings"

	"github.com/describer/describer/app/i18n"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

// The window's keys. "Ctrl" is Command on macOS.
//
//	Ctrl+D        describe the screen               (button Describe screen)
//	Ctrl+Shift+D  describe all screens
//	Ctrl+W        describe the active window        (button Describe window)
//	Ctrl+Shift+V  describe the clipboard image      (button Describe clipboard;
//	              Ctrl+V is left alone as paste)
//	Ctrl+O        open an image file                (button Open image…)
//	Ctrl+K        ask about the last image          (the question field:
//	              Enter asks, Up and Down recall earlier questions)
//	Escape        stop the job and speech           (button Stop)
//	Ctrl+C        copy the result; in the result text with a selection,
//	              copy the selection                (button Copy)
//	Ctrl+,        settings                          (button Settings)
//	Ctrl+R        repeat: speak the shown result in full
//	Ctrl+L        go to the result text, which reads it aloud
//	Ctrl+H        go to the history list
//	Ctrl+I        show the image described at full size, its text blocks
//	              outlined (button Show image; Ctrl+Plus and Ctrl+Minus
//	              zoom it, Escape closes it)
//	Ctrl+Q        quit (closing the window only hides it when there is a tray)
//	F1            speak this list
//
// Tab and Shift+Tab move through the buttons, the result text and the
// history; Space, Return or Enter press a button; in the history, Up and
// Down pick results.

// shortcut is one keyboard shortcut of the window.
type shortcut struct {
	sc     fyne.Shortcut
	spoken string // the key, as the help speaks it
	what   string // what it does, for the help
	run    func()
}

// shortcutList returns the window's Ctrl shortcuts.
func (m *MainWindow) shortcutList() []shortcut {
	ctrl := func(k fyne.KeyName) fyne.Shortcut {
		return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault}
	}
	ctrlShift := func(k fyne.KeyName) fyne.Shortcut {
		return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
	}
	c := ctrlWord()
	return []shortcut{
		{ctrl(fyne.KeyD), c + " D", i18n.T("keys.describe-screen"), func() { m.describe(SourceScreen) }},
		{ctrlShift(fyne.KeyD), c + " " + i18n.T("keys.shift") + " D", i18n.T("keys.describe-all"), func() { m.describe(SourceAllScreens) }},
		{ctrl(fyne.KeyW), c + " W", i18n.T("keys.describe-window"), func() { m.describe(SourceWindow) }},
		{ctrlShift(fyne.KeyV), c + " " + i18n.T("keys.shift") + " V", i18n.T("keys.describe-clipboard"), func() { m.describe(SourceClipboard) }},
		{ctrl(fyne.KeyO), c + " O", i18n.T("keys.open"), m.showOpenImage},
		{ctrl(fyne.KeyK), c + " K", i18n.T("keys.ask"), m.AskQuestion},
		{&fyne.ShortcutCopy{}, c + " C", i18n.T("keys.copy"), m.copyShown},
		{ctrl(fyne.KeyComma), c + " " + i18n.T("keys.comma"), i18n.T("keys.settings"), m.showSettings},
		{ctrl(fyne.KeyR), c + " R", i18n.T("keys.repeat"), m.repeatResult},
		{ctrl(fyne.KeyL), c + " L", i18n.T("keys.result"), m.readResult},
		{ctrl(fyne.KeyH), c + " H", i18n.T("keys.history"), m.focusHistory},
		{ctrl(fyne.KeyF), c + " F", i18n.T("keys.find"), m.ShowFind},
		{ctrl(fyne.KeyI), c + " I", i18n.T("keys.show-capture"), m.showCapture},
		{ctrl(fyne.KeyEqual), c + " " + i18n.T("keys.plus"), i18n.T("keys.bigger"), func() { m.changeTextSize(TextSizeStep) }},
		{ctrlShift(fyne.KeyEqual), "", "", func() { m.changeTextSize(TextSizeStep) }},
		{ctrl(fyne.KeyPlus), "", "", func() { m.changeTextSize(TextSizeStep) }},
		{ctrl(fyne.KeyMinus), c + " " + i18n.T("keys.minus"), i18n.T("keys.smaller"), func() { m.changeTextSize(-TextSizeStep) }},
		{ctrl(fyne.Key0), c + " 0", i18n.T("keys.reset-size"), func() { m.changeTextSize(0) }},
		{ctrl(fyne.KeyQ), c + " Q", i18n.T("keys.quit"), m.app.Quit},
	}
}

// ctrlWord is how the help speaks the shortcut modifier.
func ctrlWord() string {
	if runtime.GOOS == "darwin" {
		return i18n.T("keys.command")
	}
	return i18n.T("keys.control")
}

// addShortcuts registers the shortcuts on the canvas and the plain keys
// (Escape, F1) for when nothing has focus.
func (m *MainWindow) addShortcuts() {
	m.shortcuts = m.shortcutList()
	for _, s := range m.shortcuts {
		run := s.run
		m.win.Canvas().AddShortcut(s.sc, func(fyne.Shortcut) { run() })
	}
	m.win.Canvas().SetOnTypedKey(func(ev *fyne.KeyEvent) { m.typedKey(ev) })
}

// runShortcut runs the window's handler for sc, for focused widgets that
// receive shortcuts before the canvas does; it reports whether there was one.
func (m *MainWindow) runShortcut(sc fyne.Shortcut) bool {
	for _, s := range m.shortcuts {
		if s.sc.ShortcutName() == sc.ShortcutName() {
			s.run()
			return true
		}
	}
	return false
}

// typedKey handles the window's keys that have no Ctrl: Escape stops and F1
// speaks the help. Every focusable widget of the window hands keys here
// first.
func (m *MainWindow) typedKey(ev *fyne.KeyEvent) bool {
	switch ev.Name {
	case fyne.KeyEscape:
		m.stopJob()
	case fyne.KeyF1:
		m.say(m.help())
	default:
		return false
	}
	return true
}

// help is the spoken list of keys.
func (m *MainWindow) help() string {
	parts := []string{i18n.T("keys.intro")}
	for _, s := range m.shortcuts {
		if s.spoken != "" { // "" for another key of the same action
			parts = append(parts, s.spoken+", "+s.what)
		}
	}
	parts = append(parts, i18n.T("keys.outro"))
	return strings.Join(parts, ". ") + "."
}
