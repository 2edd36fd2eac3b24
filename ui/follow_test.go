package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
)

// longResult has sentences over several lines, one twice, and wraps at
// any width the tests use.
var longResult = Result{Short: "A form.", Full: "A form with two fields. Name and address.\n" +
	"Text on screen:\nName: Ada Lovelace. Address: 12 St. James's Square, London.\n" +
	strings.Repeat("Filler words that wrap the line at any width. ", 6) + "\nName and address."}

// TestHighlightFollowsSpeech: each sentence spoken is selected in the
// result text as it is heard, in order, a repeated sentence at its next
// place; words that are not in the result (the window's messages) leave
// the highlight alone.
func TestHighlightFollowsSpeech(t *testing.T) {
	m, _, _ := newTestWindow(t, DefaultSettings())
	m.win.Resize(fyne.NewSize(700, 500))
	var told []string
	m.OnHighlight(func(s string) { told = append(told, s) })
	m.ShowResult(longResult)
	for _, s := range []string{"A form with two fields.", "Name and address.", "Describing screen…",
		"Address: 12 St. James's Square, London.", "Filler words that wrap the line at any width.", "Name and address."} {
		m.Speaking(s)
		if strings.HasSuffix(s, "…") {
			continue
		}
		if got := m.result.SelectedText(); got != s {
			t.Errorf("spoken %q, highlighted %q", s, got)
		}
	}
	if len(told) != 5 {
		t.Errorf("told %d highlights, want 5: %q", len(told), told)
	}
	if start := m.follow.start; start != strings.LastIndex(longResult.Full, "Name and address.") {
		t.Errorf("the second %q highlighted at %d, want its second place", "Name and address.", start)
	}
}

// TestStopAndResume: Stop leaves the highlight on the sentence being
// spoken, later sentences do not move it, and Ctrl+R says the result from
// that sentence on; after that, or with no stop, Ctrl+R says all of it.
func TestStopAndResume(t *testing.T) {
	m, c, _ := newTestWindow(t, DefaultSettings())
	m.ShowResult(longResult)
	m.Speaking("A form with two fields.")
	m.Speaking("Name: Ada Lovelace.")
	m.SpeechStopped()
	m.Speaking("Address: 12 St. James's Square, London.") // was on its way
	if got := m.result.SelectedText(); got != "Name: Ada Lovelace." {
		t.Errorf("after Stop the highlight is on %q", got)
	}
	m.repeatResult()
	want := longResult.Full[strings.Index(longResult.Full, "Name: Ada"):]
	if got := c.lastSay(); got != want {
		t.Errorf("Ctrl+R after Stop said %q, want %q", got, want)
	}
	m.repeatResult()
	if got := c.lastSay(); got != longResult.Full {
		t.Errorf("Ctrl+R again said %q, want the whole result", got)
	}
}
