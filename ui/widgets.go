package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"

	"github.com/describer/describer/app/i18n"
)

// The widgets in this file are Fyne's, taught to speak: each says its label
// (and value) through say when it gains focus, since Fyne tells no screen
// reader. Each hands keys it has no use for, such as Escape and F1, to keys
// first; keys returns true when it used the key.

// keyFunc handles window-wide keys that are not shortcuts (no Ctrl), such
// as Escape and F1; it reports whether it used the key.
type keyFunc func(*fyne.KeyEvent) bool

// speakButton is a button that speaks its label on focus and also presses
// on Return and Enter.
type speakButton struct {
	widget.Button
	ring
	say  func(string)
	keys keyFunc
}

func newSpeakButton(label string, tapped func(), say func(string), keys keyFunc) *speakButton {
	b := &speakButton{say: say, keys: keys}
	b.Text, b.OnTapped = label, tapped
	b.ExtendBaseWidget(b)
	return b
}

// CreateRenderer draws the button with its focus outline.
func (b *speakButton) CreateRenderer() fyne.WidgetRenderer {
	return b.wrap(b, b.Button.CreateRenderer())
}

// FocusLost takes the focus outline away.
func (b *speakButton) FocusLost() {
	b.Button.FocusLost()
	b.focus(false)
}

// FocusGained speaks the label.
func (b *speakButton) FocusGained() {
	b.Button.FocusGained()
	b.focus(true)
	b.say(b.Text)
}

// TypedKey presses the button on Space, Return or Enter.
func (b *speakButton) TypedKey(ev *fyne.KeyEvent) {
	if b.keys != nil && b.keys(ev) {
		return
	}
	switch ev.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		b.Tapped(nil)
	default:
		b.Button.TypedKey(ev)
	}
}

// speakCheck is a check box that speaks its label and state on focus and
// its new state when toggled.
type speakCheck struct {
	widget.Check
	ring
	say  func(string)
	keys keyFunc
}

func newSpeakCheck(label string, checked bool, say func(string), keys keyFunc) *speakCheck {
	c := &speakCheck{say: say, keys: keys}
	c.Text, c.Checked = label, checked
	c.ExtendBaseWidget(c)
	c.OnChanged = func(on bool) { say(checkedWord(on)) }
	return c
}

func checkedWord(on bool) string {
	if on {
		return i18n.T("check.on")
	}
	return i18n.T("check.off")
}

// CreateRenderer draws the check with its focus outline.
func (c *speakCheck) CreateRenderer() fyne.WidgetRenderer {
	return c.wrap(c, c.Check.CreateRenderer())
}

// FocusLost takes the focus outline away.
func (c *speakCheck) FocusLost() {
	c.Check.FocusLost()
	c.focus(false)
}

// FocusGained speaks the label and state.
func (c *speakCheck) FocusGained() {
	c.Check.FocusGained()
	c.focus(true)
	c.say(c.Text + ", " + checkedWord(c.Checked))
}

// TypedKey hands window-wide keys on.
func (c *speakCheck) TypedKey(ev *fyne.KeyEvent) {
	if c.keys != nil && c.keys(ev) {
		return
	}
	c.Check.TypedKey(ev)
}

// speakSelect is a drop-down that speaks its label and choice on focus and
// each new choice. Up and Down step through the choices, as Left and Right
// do, without opening the pop-up (which is not spoken); Space opens it.
type speakSelect struct {
	widget.Select
	ring
	label  string
	values []string // what each option stands for (newChoice)
	say    func(string)
	keys   keyFunc
}

func newSpeakSelect(label string, options []string, selected string, say func(string), keys keyFunc) *speakSelect {
	s := &speakSelect{label: label, say: say, keys: keys}
	s.Options, s.Selected = options, selected
	s.ExtendBaseWidget(s)
	s.OnChanged = func(v string) { say(v) }
	return s
}

// CreateRenderer draws the select with its focus outline.
func (s *speakSelect) CreateRenderer() fyne.WidgetRenderer {
	return s.wrap(s, s.Select.CreateRenderer())
}

// FocusLost takes the focus outline away.
func (s *speakSelect) FocusLost() {
	s.Select.FocusLost()
	s.focus(false)
}

// FocusGained speaks the label and choice.
func (s *speakSelect) FocusGained() {
	s.Select.FocusGained()
	s.focus(true)
	s.say(s.label + ", " + s.Selected)
}

// TypedKey steps through the choices with the arrow keys.
func (s *speakSelect) TypedKey(ev *fyne.KeyEvent) {
	if s.keys != nil && s.keys(ev) {
		return
	}
	switch ev.Name {
	case fyne.KeyUp:
		s.Select.TypedKey(&fyne.KeyEvent{Name: fyne.KeyLeft})
	case fyne.KeyDown:
		s.Select.TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight})
	default:
		s.Select.TypedKey(ev)
	}
}

// speakEntry is a one-line text field that speaks its label and text on
// focus.
type speakEntry struct {
	widget.Entry
	ring
	label string
	say   func(string)
	keys  keyFunc
}

func newSpeakEntry(label, text string, say func(string), keys keyFunc) *speakEntry {
	e := &speakEntry{label: label, say: say, keys: keys}
	e.ExtendBaseWidget(e)
	e.SetText(text)
	return e
}

// CreateRenderer draws the entry with its focus outline.
func (e *speakEntry) CreateRenderer() fyne.WidgetRenderer {
	return e.wrap(e, e.Entry.CreateRenderer())
}

// FocusLost takes the focus outline away.
func (e *speakEntry) FocusLost() {
	e.Entry.FocusLost()
	e.focus(false)
}

// FocusGained speaks the label and text.
func (e *speakEntry) FocusGained() {
	e.Entry.FocusGained()
	e.focus(true)
	text := e.Text
	if text == "" {
		text = i18n.T("entry.blank")
	}
	e.say(e.label + ", " + text)
}

// TypedKey hands window-wide keys on.
func (e *speakEntry) TypedKey(ev *fyne.KeyEvent) {
	if e.keys != nil && e.keys(ev) {
		return
	}
	e.Entry.TypedKey(ev)
}

// resultView is a multi-line text area that can be read, navigated,
// selected and copied but not edited. Tab leaves it, as in any other
// control, and shortcuts it does not use go to the window.
type resultView struct {
	widget.Entry
	ring
	text     string // what the view must show, whatever the user types
	lit      [2]int // rune offsets of the sentence being spoken; none when equal
	say      func(string)
	keys     keyFunc
	copyAll  func()                   // Ctrl+C with nothing selected
	shortcut func(fyne.Shortcut) bool // the window's shortcuts
}

func newResultView(say func(string), keys keyFunc) *resultView {
	v := &resultView{say: say, keys: keys}
	v.MultiLine = true
	v.Wrapping = fyne.TextWrapWord
	v.PlaceHolder = i18n.T("result.placeholder")
	v.ExtendBaseWidget(v)
	v.SetMinRowsVisible(2) // at 400 % text, three would crowd out the rest
	v.OnChanged = func(s string) {
		if s != v.text { // an edit slipped past the key filters, e.g. a context-menu paste
			v.SetText(v.text)
		}
	}
	return v
}

// show replaces the text.
func (v *resultView) show(text string) {
	v.text, v.lit = text, [2]int{}
	v.SetText(text)
}

// spoken is what the view says when it gains focus.
func (v *resultView) spoken() string {
	if v.text == "" {
		return i18n.T("result.empty")
	}
	return i18n.T("result.focus", "Text", v.text)
}

// CreateRenderer draws the entry with its focus outline and the sentence
// being spoken outlined.
func (v *resultView) CreateRenderer() fyne.WidgetRenderer {
	return &litRenderer{WidgetRenderer: v.wrap(v, v.Entry.CreateRenderer()), v: v}
}

// FocusLost takes the focus outline away.
func (v *resultView) FocusLost() {
	v.Entry.FocusLost()
	v.focus(false)
}

// FocusGained reads the whole result.
func (v *resultView) FocusGained() {
	v.Entry.FocusGained()
	v.focus(true)
	v.say(v.spoken())
}

// AcceptsTab lets Tab move focus on instead of typing a tab.
func (v *resultView) AcceptsTab() bool { return false }

// TypedRune ignores typing: the view is read-only.
func (v *resultView) TypedRune(rune) {}

// navigationKeys are the keys the read-only view passes to the Entry.
var navigationKeys = map[fyne.KeyName]bool{
	fyne.KeyUp: true, fyne.KeyDown: true, fyne.KeyLeft: true, fyne.KeyRight: true,
	fyne.KeyHome: true, fyne.KeyEnd: true, fyne.KeyPageUp: true, fyne.KeyPageDown: true,
}

// TypedKey moves the cursor and selection; editing keys do nothing.
func (v *resultView) TypedKey(ev *fyne.KeyEvent) {
	if v.keys != nil && v.keys(ev) {
		return
	}
	if navigationKeys[ev.Name] {
		v.Entry.TypedKey(ev)
	}
}

// TypedShortcut copies the selection, or the whole result when nothing is
// selected; it selects all and moves by word, refuses cut, paste, undo and
// redo, and hands every other shortcut to the window.
func (v *resultView) TypedShortcut(s fyne.Shortcut) {
	switch s := s.(type) {
	case *fyne.ShortcutCopy:
		if v.SelectedText() == "" {
			v.copyAll()
			return
		}
		v.Entry.TypedShortcut(s)
		v.say(i18n.T("result.copied-selection"))
	case *fyne.ShortcutSelectAll:
		v.Entry.TypedShortcut(s)
		v.say(i18n.T("result.all-selected"))
	case *fyne.ShortcutCut, *fyne.ShortcutPaste, *fyne.ShortcutUndo, *fyne.ShortcutRedo:
		v.say(i18n.T("result.read-only"))
	case *desktop.CustomShortcut:
		if navigationKeys[s.KeyName] {
			v.Entry.TypedShortcut(s)
		} else if v.shortcut != nil {
			v.shortcut(s)
		}
	default:
		if v.shortcut != nil {
			v.shortcut(s)
		}
	}
}

// historyList is the list of past results. Up and Down move through it and
// pick each result as they go: it is shown and its short form spoken.
type historyList struct {
	widget.List
	ring
	cursor  int // mirrors List's private focused row
	focused func() string
	keys    keyFunc
	say     func(string)
}

// CreateRenderer draws the list with its focus outline.
func (h *historyList) CreateRenderer() fyne.WidgetRenderer {
	return h.wrap(h, h.List.CreateRenderer())
}

// FocusLost takes the focus outline away.
func (h *historyList) FocusLost() {
	h.List.FocusLost()
	h.focus(false)
}

// FocusGained says what the list holds and picks the row under the cursor.
func (h *historyList) FocusGained() {
	h.List.FocusGained()
	h.focus(true)
	h.say(h.focused())
}

// TypedKey moves through the results, picking each; Space and Return
// pick the one under the cursor again.
func (h *historyList) TypedKey(ev *fyne.KeyEvent) {
	if h.keys != nil && h.keys(ev) {
		return
	}
	n := 0
	if h.Length != nil {
		n = h.Length()
	}
	switch ev.Name {
	case fyne.KeyDown:
		if h.cursor < n-1 {
			h.cursor++
		}
		h.List.TypedKey(ev)
	case fyne.KeyUp:
		if h.cursor > 0 {
			h.cursor--
		}
		h.List.TypedKey(ev)
	case fyne.KeySpace, fyne.KeyReturn, fyne.KeyEnter:
	default:
		return
	}
	h.pick(h.cursor)
}

// pick selects row id, or runs OnSelected again when it is already
// selected so the user hears it once more.
func (h *historyList) pick(id widget.ListItemID) {
	if h.Length == nil || id < 0 || id >= h.Length() {
		return
	}
	h.cursor = id
	h.UnselectAll()
	h.Select(id)
}
