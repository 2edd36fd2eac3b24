package ui

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
)

// Ctrl+K puts the focus in the question field, which says what to do;
// Enter asks the question typed and empties the field; an empty question
// is not asked; Up and Down recall the questions asked before.
func TestQuestionField(t *testing.T) {
	m, c, _ := newTestWindow(t, DefaultSettings())
	m.runShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyK, Modifier: fyne.KeyModifierShortcutDefault})
	if m.win.Canvas().Focused() != m.question {
		t.Fatalf("focus on %v, want the question field", m.win.Canvas().Focused())
	}
	mustSayPrefix(t, c, "Question about the last image")
	f := m.question
	f.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	mustSayPrefix(t, c, "Type a question first")
	for _, q := range []string{"What colour is the car?", "Is anyone smiling?"} {
		test.Type(f, q)
		f.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
		if f.Text != "" {
			t.Errorf("after Enter the field holds %q", f.Text)
		}
	}
	want := []Request{{Question: "What colour is the car?"}, {Question: "Is anyone smiling?"}}
	if !slices.Equal(c.requests, want) {
		t.Errorf("requests %v, want %v", c.requests, want)
	}
	for _, step := range []struct {
		key  fyne.KeyName
		want string
	}{{fyne.KeyUp, "Is anyone smiling?"}, {fyne.KeyUp, "What colour is the car?"}, {fyne.KeyUp, "What colour is the car?"},
		{fyne.KeyDown, "Is anyone smiling?"}, {fyne.KeyDown, ""}} {
		f.TypedKey(&fyne.KeyEvent{Name: step.key})
		if f.Text != step.want {
			t.Errorf("%s: field %q, want %q", step.key, f.Text, step.want)
		}
	}
	mustSayPrefix(t, c, "Empty: a new question")
	f.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if c.stops != 1 {
		t.Errorf("Escape in the field: %d stops", c.stops)
	}
	// The window's Ctrl shortcuts work from the field.
	f.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyD, Modifier: fyne.KeyModifierShortcutDefault})
	if n := len(c.requests); n != 3 || c.requests[2].Source != SourceScreen {
		t.Errorf("Ctrl+D from the field: %v", c.requests)
	}
}

// The ask hotkey shows the window with the focus in the question field,
// and says the prompt again when the focus is already there.
func TestAskQuestionHotkey(t *testing.T) {
	m, c, _ := newTestWindow(t, DefaultSettings())
	m.AskQuestion()
	if m.win.Canvas().Focused() != m.question {
		t.Fatal("the question field does not have the focus")
	}
	c.reset()
	m.AskQuestion()
	mustSayPrefix(t, c, "Question about the last image")
}

// While the download question is open, the ask hotkey says to answer it
// first and leaves the focus on it.
func TestAskQuestionWaitsForTheDownloadQuestion(t *testing.T) {
	m, c, _ := newTestWindow(t, DefaultSettings())
	m.AskDownload("Download the models?", func() {}, func() {})
	m.AskQuestion()
	mustSayPrefix(t, c, "First answer the download question")
	if m.win.Canvas().Focused() == m.question {
		t.Error("the question field took the focus from the download question")
	}
	m.download.answer(false)
	m.AskQuestion()
	if m.win.Canvas().Focused() != m.question {
		t.Error("after the answer the ask hotkey does not reach the question field")
	}
}
