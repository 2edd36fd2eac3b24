package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/describer/describer/app/i18n"
	"github.com/describer/describer/app/store"
)

// HistoryFinder is a Controller that can search the kept history: the
// window's "Find in history" (Ctrl+F) uses it when the controller is one.
type HistoryFinder interface {
	// FindInHistory returns the results holding every word of query,
	// newest first, up to limit, and how many match in all.
	FindInHistory(query string, limit int) ([]Result, int)
	// Revisit makes r the image that questions are about.
	Revisit(r Result)
}

// findLimit bounds the matches Up and Down go through.
const findLimit = 200

// findDialog is "Find in history": a field where words are typed; Enter
// searches, Up and Down go through the matches saying each one's time
// and first sentence, and Enter on a match reads it whole, shows it and
// makes its image the one questions are about.
type findDialog struct {
	widget.Entry
	ring
	m       *MainWindow
	dlg     dialog.Dialog
	query   string   // the words of the matches held
	matches []Result // newest first
	cursor  int      // the match said last; -1 before any
}

// ShowFind opens "Find in history" (the find hotkey, Ctrl+F); without a
// controller that can search, it says there is no history to search.
func (m *MainWindow) ShowFind() {
	fyne.Do(func() {
		m.showWindow()
		if _, ok := m.ctl.(HistoryFinder); !ok {
			m.say(i18n.T("find.unavailable"))
			return
		}
		f := &findDialog{m: m, cursor: -1}
		f.ExtendBaseWidget(f)
		f.SetPlaceHolder(i18n.T("find.placeholder"))
		f.OnSubmitted = func(string) { f.submit() }
		f.dlg = dialog.NewCustomWithoutButtons(i18n.T("find.title"), f, m.win)
		f.dlg.Resize(fyne.NewSize(520, 120))
		m.finder = f
		f.dlg.Show()
		m.win.Canvas().Focus(f)
	})
}

// CreateRenderer draws the entry with its focus outline.
func (f *findDialog) CreateRenderer() fyne.WidgetRenderer {
	return f.wrap(f, f.Entry.CreateRenderer())
}

// FocusLost takes the focus outline away.
func (f *findDialog) FocusLost() {
	f.Entry.FocusLost()
	f.focus(false)
}

// FocusGained says what the field is for.
func (f *findDialog) FocusGained() {
	f.Entry.FocusGained()
	f.focus(true)
	f.m.sayFocus(i18n.T("find.prompt"))
}

// TypedKey goes through the matches with Up and Down and closes with
// Escape; the rest edit the words.
func (f *findDialog) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyUp:
		f.move(-1)
	case fyne.KeyDown:
		f.move(1)
	case fyne.KeyEscape:
		f.close()
		f.m.say(i18n.T("cancelled"))
	default:
		f.Entry.TypedKey(ev)
	}
}

// submit searches for new words, or reads the match said last whole.
func (f *findDialog) submit() {
	query := strings.TrimSpace(f.Text)
	switch {
	case query == "":
		f.m.say(i18n.T("find.empty"))
	case query != f.query || f.cursor < 0:
		f.search(query)
	default:
		f.open(f.matches[f.cursor])
	}
}

// search finds query and says how many match and the first.
func (f *findDialog) search(query string) {
	matches, total := f.m.ctl.(HistoryFinder).FindInHistory(query, findLimit)
	f.query, f.matches, f.cursor = query, matches, -1
	if len(matches) == 0 {
		f.m.say(i18n.T("find.none"))
		return
	}
	count := i18n.N("find.count", total)
	if total >= store.MaxCount {
		count = i18n.N("find.count-more", total)
	}
	f.cursor = 0
	f.m.say(count + " " + f.line(matches[0]))
}

// move says the match step places from the one said last.
func (f *findDialog) move(step int) {
	if len(f.matches) == 0 {
		f.m.say(i18n.T("find.empty"))
		return
	}
	f.cursor = min(max(f.cursor+step, 0), len(f.matches)-1)
	f.m.say(f.line(f.matches[f.cursor]))
}

// line is what is said for a match: its time, source and first line
// (with the line after a heading such as "Text on screen:").
func (f *findDialog) line(r Result) string {
	lines := strings.SplitN(r.Short, "\n", 3)
	first := lines[0]
	if strings.HasSuffix(first, ":") && len(lines) > 1 {
		first += " " + lines[1]
	}
	return i18n.T("find.match", "Time", i18n.Clock(r.Time), "Source", r.Source, "Text", first)
}

// open reads r whole, shows it and makes its image the one asked about.
func (f *findDialog) open(r Result) {
	f.close()
	f.m.ctl.(HistoryFinder).Revisit(r)
	f.m.show(r)
	f.m.say(r.Full)
}

func (f *findDialog) close() {
	f.dlg.Hide()
	f.m.finder = nil
}
