package ui

import (
	"github.com/describer/describer/app/i18n"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// newHistory makes the history list: one row per past result, newest
// first, reading "15:04  Screen: a cat on a sofa".
func (m *MainWindow) newHistory() *historyList {
	h := &historyList{say: m.sayFocus, keys: m.typedKey, focused: m.historyFocused}
	h.Length = func() int { return len(m.results) }
	h.CreateItem = func() fyne.CanvasObject {
		l := widget.NewLabel("")
		l.Truncation = fyne.TextTruncateEllipsis
		return l
	}
	h.UpdateItem = func(id widget.ListItemID, o fyne.CanvasObject) {
		if id < len(m.results) {
			o.(*widget.Label).SetText(historyRow(m.results[id]))
		}
	}
	h.OnSelected = m.historySelected
	h.ExtendBaseWidget(h)
	return h
}

// historyRow is the text of r's row in the history.
func historyRow(r Result) string {
	return i18n.Clock(r.Time) + "  " + r.Source + ": " + shortText(r)
}

// historySelected shows the picked result and speaks its short form.
func (m *MainWindow) historySelected(id widget.ListItemID) {
	if id < 0 || id >= len(m.results) {
		return
	}
	m.history.cursor = id
	r := m.results[id]
	m.show(r)
	m.say(shortText(r))
}

// historyFocused picks the result under the history's cursor, quietly,
// and returns what the history says on gaining focus: how many results it
// holds and the picked one's short form.
func (m *MainWindow) historyFocused() string {
	text := m.historySummary()
	if c := m.history.cursor; c < len(m.results) {
		m.quietly(func() { m.history.pick(c) })
		text += " " + shortText(m.results[c])
	}
	return text
}

// historySummary is what the history says when it gains focus.
func (m *MainWindow) historySummary() string {
	switch n := len(m.results); n {
	case 0:
		return i18n.T("history.empty")
	default:
		return i18n.N("history.summary", n)
	}
}
