package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

func TestAskDownload(t *testing.T) {
	for _, tc := range []struct {
		name   string
		answer func(m *MainWindow)
		yes    bool
	}{
		{"tap Download", func(m *MainWindow) { test.Tap(m.download.yes) }, true},
		{"Enter on the focused button", func(m *MainWindow) {
			m.win.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
		}, true},
		{"tap Not now", func(m *MainWindow) { test.Tap(m.download.no) }, false},
		{"Escape", func(m *MainWindow) {
			m.win.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
		}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m, c, _ := newTestWindow(t, DefaultSettings())
			var yes, no int
			m.askDownload("Not installed: caption (246 MB).", func() { yes++ }, func() { no++ })
			if !strings.HasPrefix(c.lastSay(), "Download models. Not installed: caption (246 MB).") {
				t.Errorf("said %q", c.lastSay())
			}
			if m.win.Canvas().Focused() != m.download.yes {
				t.Error("focus is not on Download")
			}
			tc.answer(m)
			tc.answer(m) // a second answer does nothing
			if tc.yes && (yes != 1 || no != 0) || !tc.yes && (yes != 0 || no != 1) {
				t.Errorf("yes %d no %d", yes, no)
			}
			if !m.download.answered {
				t.Error("the dialog was not answered")
			}
		})
	}
}

// TestRefocusIsSilent: Fyne calls FocusGained on the focused control again
// when the window gets the focus back; that must not speak over a result.
func TestRefocusIsSilent(t *testing.T) {
	m, c, _ := newTestWindow(t, DefaultSettings())
	m.win.Canvas().Focus(m.describeWindow)
	mustSay(t, c, "Describe window")
	c.reset()
	m.describeWindow.FocusGained() // the window came back
	if len(c.says) != 0 {
		t.Errorf("a re-focus said %q", c.says)
	}
	m.win.Canvas().Focus(m.describeScreen)
	m.win.Canvas().Focus(m.describeWindow)
	if !c.said("Describe screen") || !c.said("Describe window") {
		t.Errorf("moving focus said %q", c.says)
	}
	// A control focused quietly (the download question's button while the
	// question is spoken) stays silent when re-focused.
	m.askDownload("Q?", nil, nil)
	c.reset()
	m.download.yes.FocusGained()
	if len(c.says) != 0 {
		t.Errorf("re-focusing the quietly focused button said %q", c.says)
	}
}
