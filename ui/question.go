package ui

import (
	"strings"

	"github.com/describer/describer/app/i18n"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// questionField is the one-line field where a question about the image
// last described is typed: Enter asks it, Up and Down recall the questions
// asked before, Escape and F1 do what they do everywhere in the window.
type questionField struct {
	widget.Entry
	ring
	sayFocus, say func(string)
	keys          func(*fyne.KeyEvent) bool // the window's keys
	shortcut      func(fyne.Shortcut) bool  // the window's Ctrl shortcuts
	ask           func(q string)
	asked         []string // oldest first
	recall        int      // index into asked while recalling; len(asked) when not
}

func newQuestionField(m *MainWindow) *questionField {
	f := &questionField{sayFocus: m.sayFocus, say: m.say, keys: m.typedKey, shortcut: m.runShortcut, ask: m.ask}
	f.ExtendBaseWidget(f)
	f.SetPlaceHolder(i18n.T("question.placeholder"))
	f.OnSubmitted = f.submit
	return f
}

// CreateRenderer draws the entry with its focus outline.
func (f *questionField) CreateRenderer() fyne.WidgetRenderer {
	return f.wrap(f, f.Entry.CreateRenderer())
}

// FocusLost takes the focus outline away.
func (f *questionField) FocusLost() {
	f.Entry.FocusLost()
	f.focus(false)
}

// FocusGained says what the field is for.
func (f *questionField) FocusGained() {
	f.Entry.FocusGained()
	f.focus(true)
	f.sayFocus(i18n.T("question.prompt"))
}

// TypedKey recalls questions with Up and Down and hands the window's keys
// on; the rest edit the text.
func (f *questionField) TypedKey(ev *fyne.KeyEvent) {
	switch {
	case ev.Name == fyne.KeyUp:
		f.move(-1)
	case ev.Name == fyne.KeyDown:
		f.move(1)
	case f.keys(ev):
	default:
		f.Entry.TypedKey(ev)
	}
}

// TypedShortcut lets the window's Ctrl shortcuts work from the field;
// the editing ones (copy, paste, cut, select all, undo) edit the text.
func (f *questionField) TypedShortcut(s fyne.Shortcut) {
	if _, ok := s.(*desktop.CustomShortcut); ok && f.shortcut(s) {
		return
	}
	f.Entry.TypedShortcut(s)
}

// move recalls the question step places from the one shown.
func (f *questionField) move(step int) {
	if len(f.asked) == 0 {
		f.say(i18n.T("question.none-yet"))
		return
	}
	f.recall = min(max(f.recall+step, 0), len(f.asked))
	text := ""
	if f.recall < len(f.asked) {
		text = f.asked[f.recall]
	}
	f.SetText(text)
	f.CursorColumn = len([]rune(text))
	if text == "" {
		text = i18n.T("question.new")
	}
	f.say(text)
}

// submit asks the question typed.
func (f *questionField) submit(text string) {
	q := strings.TrimSpace(text)
	if q == "" {
		f.say(i18n.T("question.empty"))
		return
	}
	if n := len(f.asked); n == 0 || f.asked[n-1] != q {
		f.asked = append(f.asked, q)
	}
	f.recall = len(f.asked)
	f.SetText("")
	f.ask(q)
}
