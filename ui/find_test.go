package ui

import (
	"image"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/describer/describer/ui/syslook"
)

// finderController is a controller whose history holds results.
type finderController struct {
	*fakeController
	results   []Result
	revisited []Result
}

func (c *finderController) FindInHistory(query string, limit int) ([]Result, int) {
	var out []Result
	for _, r := range c.results {
		if strings.Contains(strings.ToLower(r.Full), strings.ToLower(query)) {
			out = append(out, r)
		}
	}
	return out[:min(len(out), limit)], len(out)
}

func (c *finderController) Revisit(r Result) { c.revisited = append(c.revisited, r) }

// Find in history: Enter says how many match and the first; Down the
// next; Enter on it reads it whole, shows it and makes it the subject of
// questions; Escape closes.
func TestFindInHistory(t *testing.T) {
	a := &fakeApp{App: test.NewTempApp(t)}
	at := time.Date(2026, 12, 5, 14, 30, 0, 0, time.Local)
	thumb := image.NewRGBA(image.Rect(0, 0, 4, 4))
	c := &finderController{fakeController: &fakeController{}, results: []Result{
		{Time: at, Source: "screen", Short: "Budget approved", Full: "Budget approved\nmore text"},
		{Time: at.Add(-time.Hour), Source: "photo.png", Short: "A budget chart", Full: "A budget chart", Thumb: thumb},
		{Time: at, Source: "clipboard", Short: "A cat", Full: "A cat"},
	}}
	m := NewMainWindow(a, c, DefaultSettings(), syslook.Look{})
	t.Cleanup(m.win.Close)
	test.TypeOnCanvas(m.win.Canvas(), "") // the window is up
	m.ShowFind()
	f := m.finder
	if f == nil || m.win.Canvas().Focused() != f {
		t.Fatal("Find in history did not open with the focus in its field")
	}
	mustSayPrefix(t, c.fakeController, "Find in history: type words")
	f.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	f.submit()
	mustSay(t, c.fakeController, "Type the words to find first.")
	test.Type(f, "budget")
	f.submit()
	mustSay(t, c.fakeController, "2 matches. 14:30, screen: Budget approved")
	f.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	mustSay(t, c.fakeController, "13:30, photo.png: A budget chart")
	f.submit()
	if len(c.revisited) != 1 || c.revisited[0].Source != "photo.png" || m.finder != nil {
		t.Errorf("revisited %v, dialog still open %v", c.revisited, m.finder != nil)
	}
	mustSay(t, c.fakeController, "A budget chart")
	m.ShowFind()
	test.Type(m.finder, "giraffe")
	m.finder.submit()
	mustSay(t, c.fakeController, "No matches.")
	m.finder.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if m.finder != nil {
		t.Error("Escape did not close Find in history")
	}
}

// Without a history to search, Find says so.
func TestFindWithoutHistory(t *testing.T) {
	m, c, _ := newTestWindow(t, DefaultSettings())
	m.ShowFind()
	mustSay(t, c, "There is no history to search.")
}

// A match whose first line is a heading is said with the line after it.
func TestFindSaysTheLineAfterAHeading(t *testing.T) {
	f := &findDialog{}
	r := Result{Time: time.Date(2026, 1, 1, 9, 5, 0, 0, time.Local), Source: "screen", Short: "Text on screen:\nBudget\nMore"}
	if got := f.line(r); got != "09:05, screen: Text on screen: Budget" {
		t.Errorf("said %q", got)
	}
}
