package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// TestMarkup checks the window's layout by eye-readable golden files in
// testdata; after an intended change, inspect testdata/failed and copy it
// over.
func TestMarkup(t *testing.T) {
	m, _, _ := newTestWindow(t, DefaultSettings())
	m.win.Resize(fyne.NewSize(900, 600))
	test.AssertRendersToMarkup(t, "main_window.xml", m.win.Canvas())
	m.ShowResult(testResult)
	m.SetBusy("Describing screen")
	test.AssertRendersToMarkup(t, "main_window_result.xml", m.win.Canvas())
}
