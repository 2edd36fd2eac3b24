package ui

import (
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

// follow is where the result view's reading highlight stands: the
// sentence being spoken, selected in the text and kept in view, so that
// the eye can follow the voice.
type follow struct {
	start, end int  // rune offsets of the highlighted sentence, or where the next is looked for
	stopped    bool // speech was stopped there; Ctrl+R resumes from start
	// onHighlight, when set, sees each sentence highlighted (the trace).
	onHighlight func(sentence string)
}

// OnHighlight, when set, is called with each sentence the result view
// highlights as it is spoken. Set it before the window is shown.
func (m *MainWindow) OnHighlight(f func(sentence string)) { m.follow.onHighlight = f }

// Speaking highlights sentence in the result text, when it is there, as
// it starts to be heard: after the sentence highlighted last, else the
// first place it stands. It may be called from any goroutine.
func (m *MainWindow) Speaking(sentence string) {
	fyne.Do(func() { m.speaking(sentence) })
}

func (m *MainWindow) speaking(sentence string) {
	if m.follow.stopped {
		return // a sentence that was on its way as speech stopped
	}
	start, ok := runeIndex(m.result.text, sentence, m.follow.end)
	if !ok {
		return // a message of the window's, not the result
	}
	m.follow.start, m.follow.end = start, start+utf8.RuneCountInString(sentence)
	m.result.highlight(m.follow.start, m.follow.end)
	if m.follow.onHighlight != nil {
		m.follow.onHighlight(sentence)
	}
}

// SpeechStopped leaves the highlight where speech stopped, for Ctrl+R to
// resume from. It may be called from any goroutine.
func (m *MainWindow) SpeechStopped() {
	fyne.Do(func() { m.follow.stopped = m.follow.end > m.follow.start })
}

// resumeText is what Ctrl+R says: after a stop, the result from the
// highlighted sentence on; else all of it.
func (m *MainWindow) resumeText() string {
	text, from := m.shown.Full, 0
	if m.follow.stopped && m.result.text == text {
		from = m.follow.start
		text = string([]rune(text)[from:])
	}
	// The highlight follows on from there.
	m.follow = follow{start: from, end: from, onHighlight: m.follow.onHighlight}
	return text
}

// runeIndex finds sentence in text at or after the rune offset from, else
// anywhere; it returns the rune offset where it starts.
func runeIndex(text, sentence string, from int) (int, bool) {
	if sentence == "" {
		return 0, false
	}
	skip := len(string([]rune(text)[:min(from, utf8.RuneCountInString(text))]))
	if i := strings.Index(text[skip:], sentence); i >= 0 {
		return utf8.RuneCountInString(text[:skip+i]), true
	}
	if i := strings.Index(text, sentence); i >= 0 {
		return utf8.RuneCountInString(text[:i]), true
	}
	return 0, false
}

// highlight selects the runes start to end of the text and scrolls them
// into view, as a sighted reader's eye would follow the voice. The Entry
// has no call to select a range; the view does what a user does: puts the
// cursor at start, holds Shift and moves to end.
func (v *resultView) highlight(start, end int) {
	v.Entry.KeyUp(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	v.Entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyLeft}) // ends any selection
	v.moveTo(start)
	v.Entry.KeyDown(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	v.moveTo(end - 1)
	v.Entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight})
	v.Entry.KeyUp(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
}

// moveTo puts the cursor at rune offset pos: on the (wrapped) row where
// pos stands, found through the Entry's own count of offsets.
func (v *resultView) moveTo(pos int) {
	row := 0
	for r := 1; ; r++ {
		v.CursorRow, v.CursorColumn = r, 0
		at := v.CursorTextOffset()
		if at == 0 || at > pos {
			break // past the last row, or past pos
		}
		row = r
	}
	v.CursorRow, v.CursorColumn = row, 0
	v.CursorColumn = pos - v.CursorTextOffset()
	v.Refresh()
}
