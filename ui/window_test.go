package ui

import (
	"context"
	"errors"
	"fmt"
	"image"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/describer/describer/app/i18n"
	"github.com/describer/describer/ui/syslook"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
)

var testResult = Result{
	Time:   time.Date(2025, 3, 1, 14, 5, 0, 0, time.UTC),
	Source: "Screen",
	Short:  "A cat on a sofa",
	Full:   "A cat on a sofa. Text: Welcome home",
}

func TestDescribeButtons(t *testing.T) {
	for _, tc := range []struct {
		name   string
		button func(*MainWindow) *speakButton
		want   Source
	}{
		{"Describe screen", func(m *MainWindow) *speakButton { return m.describeScreen }, SourceScreen},
		{"Describe window", func(m *MainWindow) *speakButton { return m.describeWindow }, SourceWindow},
		{"Describe clipboard", func(m *MainWindow) *speakButton { return m.describeClipboard }, SourceClipboard},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m, c, _ := newTestWindow(t, DefaultSettings())
			b := tc.button(m)
			if b.Text != tc.name {
				t.Errorf("button label = %q, want %q", b.Text, tc.name)
			}
			test.Tap(b)
			if want := []Request{{Source: tc.want}}; !slices.Equal(c.requests, want) {
				t.Errorf("requests = %v, want %v", c.requests, want)
			}
		})
	}
}

func TestStopButton(t *testing.T) {
	m, c, _ := newTestWindow(t, DefaultSettings())
	test.Tap(m.stop)
	if c.stops != 1 || len(c.requests) != 0 {
		t.Errorf("stops = %d, requests = %v; want 1 stop and no request", c.stops, c.requests)
	}
}

func TestCopyButton(t *testing.T) {
	m, c, a := newTestWindow(t, DefaultSettings())
	a.Clipboard().SetContent("before")
	test.Tap(m.copyResult)
	mustSayPrefix(t, c, "Nothing to copy")
	if got := a.Clipboard().Content(); got != "before" {
		t.Errorf("clipboard = %q with no result, want it untouched", got)
	}
	m.ShowResult(testResult)
	test.Tap(m.copyResult)
	if got := a.Clipboard().Content(); got != testResult.Full {
		t.Errorf("clipboard = %q, want %q", got, testResult.Full)
	}
	mustSayPrefix(t, c, "Copied")
}

func TestOpenImageButton(t *testing.T) {
	m, c, _ := newTestWindow(t, DefaultSettings())
	test.Tap(m.openImage)
	mustSayPrefix(t, c, "Open image. Type or paste")
	d := m.openImageDialog
	if d == nil || m.win.Canvas().Focused() != d.path {
		t.Fatal("Open image… showed no path field with the focus")
	}
	// A typed path, checked before it is described.
	dir := t.TempDir()
	photo := filepath.Join(dir, "cat.png")
	notes := filepath.Join(dir, "notes.txt")
	for _, f := range []string{photo, notes} {
		if err := os.WriteFile(f, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct{ typed, said string }{
		{"", "Type the image file's path first."},
		{filepath.Join(dir, "none.png"), "There is no file at " + filepath.Join(dir, "none.png") + "."},
		{dir, dir + " is a folder; type the path of an image file in it."},
		{notes, "That is not an image file: notes.txt."},
	} {
		d.path.SetText(tc.typed)
		d.path.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
		mustSay(t, c, tc.said)
		if d.problem.Text != tc.said || len(c.requests) != 0 {
			t.Errorf("%q: problem %q, requests %v", tc.typed, d.problem.Text, c.requests)
		}
	}
	d.path.SetText(`"` + photo + `"`) // pasted with quotes
	test.Tap(d.open)
	t.Setenv("HOME", dir)
	test.Tap(m.openImage)
	m.openImageDialog.path.SetText("~/cat.png")
	test.Tap(m.openImageDialog.open)
	if want := []Request{{Source: SourceFile, Path: photo}, {Source: SourceFile, Path: photo}}; !slices.Equal(c.requests, want) {
		t.Errorf("requests = %v, want %v", c.requests, want)
	}
	c.reset()
	// Browse… opens Fyne's file dialog, for people who can see it.
	test.Tap(m.openImage)
	test.Tap(m.openImageDialog.browse)
	mustSay(t, c, "Browse for an image")
	if m.fileDialog == nil || m.win.Canvas().Overlays().Top() == nil {
		t.Fatal("Browse… showed no file dialog")
	}
	m.openChosen(fakeReader{storage.NewFileURI("/pics/cat.webp")}, nil)
	if want := []Request{{Source: SourceFile, Path: "/pics/cat.webp"}}; !slices.Equal(c.requests, want) {
		t.Errorf("requests = %v, want %v", c.requests, want)
	}
	m.openChosen(nil, nil)
	mustSay(t, c, "Cancelled")
	m.openChosen(nil, errors.New("dialog: list folder: permission denied"))
	mustSay(t, c, "Permission denied.")
}

// fakeReader is a URIReadCloser with no content.
type fakeReader struct{ u fyne.URI }

func (r fakeReader) URI() fyne.URI            { return r.u }
func (r fakeReader) Read([]byte) (int, error) { return 0, nil }
func (r fakeReader) Close() error             { return nil }

func TestSettingsButton(t *testing.T) {
	m, c, _ := newTestWindow(t, DefaultSettings())
	test.Tap(m.settingsButton)
	if m.settingsOpen == nil {
		t.Fatal("Settings opened no dialog")
	}
	mustSay(t, c, "Settings. Device, Automatic")
	if f := m.win.Canvas().Focused(); f != m.settingsOpen.device {
		t.Errorf("focus is on %T, want the Device field", f)
	}
}

// typeShortcut sends sc as the canvas would with nothing focused.
func typeShortcut(m *MainWindow, sc fyne.Shortcut) {
	m.win.Canvas().(fyne.Shortcutable).TypedShortcut(sc)
}

func ctrl(k fyne.KeyName) fyne.Shortcut {
	return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault}
}

func ctrlShift(k fyne.KeyName) fyne.Shortcut {
	return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
}

func TestShortcutsMatchButtons(t *testing.T) {
	for _, tc := range []struct {
		name string
		sc   fyne.Shortcut
		want Source
	}{
		{"Ctrl+D", ctrl(fyne.KeyD), SourceScreen},
		{"Ctrl+Shift+D", ctrlShift(fyne.KeyD), SourceAllScreens},
		{"Ctrl+W", ctrl(fyne.KeyW), SourceWindow},
		{"Ctrl+Shift+V", ctrlShift(fyne.KeyV), SourceClipboard},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m, c, _ := newTestWindow(t, DefaultSettings())
			typeShortcut(m, tc.sc)
			// The same shortcut while the result text, which takes
			// shortcuts itself, has focus.
			m.win.Canvas().Focus(m.result)
			m.result.TypedShortcut(tc.sc)
			want := []Request{{Source: tc.want}, {Source: tc.want}}
			if !slices.Equal(c.requests, want) {
				t.Errorf("requests = %v, want %v", c.requests, want)
			}
		})
	}
	t.Run("plain Ctrl+V is not a describe", func(t *testing.T) {
		m, c, _ := newTestWindow(t, DefaultSettings())
		typeShortcut(m, &fyne.ShortcutPaste{})
		typeShortcut(m, ctrl(fyne.KeyV))
		if len(c.requests) != 0 {
			t.Errorf("requests = %v, want none", c.requests)
		}
	})
}

func TestShortcutActions(t *testing.T) {
	t.Run("Ctrl+O opens an image", func(t *testing.T) {
		m, c, _ := newTestWindow(t, DefaultSettings())
		typeShortcut(m, ctrl(fyne.KeyO))
		mustSayPrefix(t, c, "Open image")
		if m.openImageDialog == nil {
			t.Error("no Open image dialog")
		}
		// Escape closes it.
		m.win.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
		mustSay(t, c, "Cancelled")
	})
	t.Run("Ctrl+C copies the result", func(t *testing.T) {
		m, c, a := newTestWindow(t, DefaultSettings())
		m.ShowResult(testResult)
		typeShortcut(m, &fyne.ShortcutCopy{Clipboard: a.Clipboard()})
		if got := a.Clipboard().Content(); got != testResult.Full {
			t.Errorf("clipboard = %q, want %q", got, testResult.Full)
		}
		mustSay(t, c, "Copied")
	})
	t.Run("Ctrl+comma opens settings", func(t *testing.T) {
		m, _, _ := newTestWindow(t, DefaultSettings())
		typeShortcut(m, ctrl(fyne.KeyComma))
		if m.settingsOpen == nil {
			t.Error("no settings dialog")
		}
	})
	t.Run("Ctrl+R repeats the result in full", func(t *testing.T) {
		m, c, _ := newTestWindow(t, DefaultSettings())
		typeShortcut(m, ctrl(fyne.KeyR))
		mustSay(t, c, "No result yet")
		m.ShowResult(testResult)
		typeShortcut(m, ctrl(fyne.KeyR))
		mustSay(t, c, testResult.Full)
	})
	t.Run("Ctrl+L goes to the result and reads it", func(t *testing.T) {
		m, c, _ := newTestWindow(t, DefaultSettings())
		m.ShowResult(testResult)
		typeShortcut(m, ctrl(fyne.KeyL))
		if m.win.Canvas().Focused() != m.result {
			t.Error("focus is not on the result text")
		}
		mustSay(t, c, "Result: "+testResult.Full)
		c.reset()
		m.result.TypedShortcut(ctrl(fyne.KeyL)) // again, from the result itself
		mustSay(t, c, "Result: "+testResult.Full)
	})
	t.Run("Ctrl+H goes to the history", func(t *testing.T) {
		m, c, _ := newTestWindow(t, DefaultSettings())
		typeShortcut(m, ctrl(fyne.KeyH))
		if m.win.Canvas().Focused() != m.history {
			t.Error("focus is not on the history")
		}
		mustSay(t, c, "History, empty")
	})
	t.Run("Ctrl+Q quits", func(t *testing.T) {
		m, _, a := newTestWindow(t, DefaultSettings())
		typeShortcut(m, ctrl(fyne.KeyQ))
		if a.quits != 1 {
			t.Errorf("quits = %d, want 1", a.quits)
		}
	})
}

func TestEscapeStopsAndF1Helps(t *testing.T) {
	m, c, _ := newTestWindow(t, DefaultSettings())
	esc := &fyne.KeyEvent{Name: fyne.KeyEscape}
	m.win.Canvas().Unfocus()
	m.win.Canvas().OnTypedKey()(esc) // nothing focused
	m.describeWindow.TypedKey(esc)   // a button
	m.result.TypedKey(esc)           // the result text
	m.history.TypedKey(esc)          // the history
	if c.stops != 4 {
		t.Errorf("stops = %d after Escape in four places, want 4", c.stops)
	}
	m.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyF1})
	help := c.lastSay()
	for _, want := range []string{"Escape, stop", ctrlWord() + " D, describe the screen", ctrlWord() + " Shift V", "F1, this help"} {
		if !strings.Contains(help, want) {
			t.Errorf("help %q lacks %q", help, want)
		}
	}
	spoken := 0 // the others are further keys of an action the help names
	for _, s := range m.shortcuts {
		if s.spoken != "" {
			spoken++
		}
	}
	if spoken != strings.Count(help, ctrlWord()+" ") || spoken < len(m.shortcuts)-3 {
		t.Errorf("help names %d shortcuts, the window has %d to name of %d", strings.Count(help, ctrlWord()+" "), spoken, len(m.shortcuts))
	}
}

func TestButtonsPressOnReturn(t *testing.T) {
	m, c, _ := newTestWindow(t, DefaultSettings())
	m.describeScreen.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	m.describeScreen.TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
	if len(c.requests) != 2 {
		t.Errorf("requests = %v after Return and Space, want two", c.requests)
	}
}

func TestFocusOrderSpeaksLabels(t *testing.T) {
	m, c, _ := newTestWindow(t, DefaultSettings())
	cv := m.win.Canvas()
	if cv.Focused() != m.describeScreen {
		t.Fatalf("initial focus on %T, want Describe screen", cv.Focused())
	}
	if len(c.says) != 0 {
		t.Errorf("the initial focus spoke %q; the window should start quietly", c.says)
	}
	want := []string{"Describe window", "Describe clipboard", "Open image…", "Stop", "Copy", "Settings",
		i18n.T("question.prompt"), "Result, empty", "History, empty", "Describe screen"}
	for _, w := range want {
		test.FocusNext(cv)
		if got := c.lastSay(); got != w {
			t.Fatalf("after Tab said %q, want %q (focus on %T)", got, w, cv.Focused())
		}
	}
	test.FocusPrevious(cv)
	if got := c.lastSay(); got != "History, empty" {
		t.Errorf("after Shift+Tab said %q, want %q", got, "History, empty")
	}
	cv.Focus(m.stop)
	if got := c.lastSay(); got != "Stop" {
		t.Errorf("Canvas.Focus(Stop) said %q", got)
	}
	cv.Unfocus()
	test.FocusNext(cv)
	if got := c.lastSay(); got != "Describe screen" {
		t.Errorf("Tab with nothing focused said %q, want the first button", got)
	}
}

func TestResultIsReadOnly(t *testing.T) {
	m, c, a := newTestWindow(t, DefaultSettings())
	m.ShowResult(testResult)
	v := m.result
	m.win.Canvas().Focus(v)
	test.Type(v, "xyz")
	for _, k := range []fyne.KeyName{fyne.KeyBackspace, fyne.KeyDelete, fyne.KeyReturn, fyne.KeyTab} {
		v.TypedKey(&fyne.KeyEvent{Name: k})
	}
	a.Clipboard().SetContent("pasted")
	v.TypedShortcut(&fyne.ShortcutPaste{Clipboard: a.Clipboard()})
	v.TypedShortcut(&fyne.ShortcutCut{Clipboard: a.Clipboard()})
	if v.Text != testResult.Full {
		t.Fatalf("result text = %q after typing, want it unchanged", v.Text)
	}
	if v.AcceptsTab() {
		t.Error("the result text keeps Tab; focus could not leave it")
	}
	v.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEnd}) // navigation still works
	if v.CursorColumn == 0 {
		t.Error("End did not move the cursor")
	}

	v.TypedShortcut(&fyne.ShortcutCopy{Clipboard: a.Clipboard()})
	if got := a.Clipboard().Content(); got != testResult.Full {
		t.Errorf("Ctrl+C with no selection copied %q, want the whole result", got)
	}
	v.TypedShortcut(&fyne.ShortcutSelectAll{})
	a.Clipboard().SetContent("")
	v.TypedShortcut(&fyne.ShortcutCopy{Clipboard: a.Clipboard()})
	if got := a.Clipboard().Content(); got != testResult.Full {
		t.Errorf("Ctrl+C on a selection copied %q", got)
	}
	mustSay(t, c, "Copied selection")
}

func TestShowResultFromGoroutine(t *testing.T) {
	m, _, a := newTestWindow(t, DefaultSettings())
	a.Clipboard().SetContent("mine")
	older := testResult
	older.Full, older.Short, older.Time = "A dog in a park", "A dog", testResult.Time.Add(-time.Minute)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		m.SetBusy("Describing screen")
		m.ShowResult(older)
		m.ShowResult(Result{Time: testResult.Time, Source: "Screen", Full: testResult.Full,
			Thumb: image.NewRGBA(image.Rect(0, 0, 4, 3))})
		m.SetStatus("Done")
	}()
	wg.Wait()
	if m.result.Text != testResult.Full {
		t.Errorf("result text = %q, want %q", m.result.Text, testResult.Full)
	}
	if len(m.results) != 2 || m.results[0].Full != testResult.Full || m.results[1].Full != older.Full {
		t.Fatalf("history = %v, want the newest first", m.results)
	}
	if got, want := historyRow(m.results[0]), "14:05  Screen: A cat on a sofa"; got != want {
		t.Errorf("history row = %q, want %q (short form made from Full)", got, want)
	}
	if !m.thumb.Visible() || m.thumb.Image == nil {
		t.Error("the thumbnail is not shown")
	}
	if m.status.Text != "Done" {
		t.Errorf("status = %q, want Done", m.status.Text)
	}
	if got := a.Clipboard().Content(); got != "mine" {
		t.Errorf("clipboard = %q with AutoCopy off, want it untouched", got)
	}
}

func TestAutoCopy(t *testing.T) {
	s := DefaultSettings()
	s.AutoCopy = true
	m, c, a := newTestWindow(t, s)
	m.ShowResult(testResult)
	if got := a.Clipboard().Content(); got != testResult.Full {
		t.Errorf("clipboard = %q, want %q", got, testResult.Full)
	}
	if len(c.says) != 0 {
		t.Errorf("ShowResult spoke %q; the app speaks results", c.says)
	}
}

func TestBusyAndErrors(t *testing.T) {
	m, c, _ := newTestWindow(t, DefaultSettings())
	m.SetBusy("Describing screen")
	if m.status.Text != "Describing screen…" {
		t.Errorf("status = %q", m.status.Text)
	}
	if m.stop.Disabled() || m.describeScreen.Disabled() {
		t.Error("SetBusy disabled a button")
	}
	m.ShowError(fmt.Errorf("ocr: load detector: %w", errors.New("the model file is missing")))
	if m.status.Text != "The model file is missing." {
		t.Errorf("status = %q", m.status.Text)
	}
	mustSay(t, c, "The model file is missing.")
	c.reset()
	m.ShowError(fmt.Errorf("describe: %w", context.Canceled))
	if m.status.Text != "Stopped." || len(c.says) != 0 {
		t.Errorf("cancelled: status %q, said %q; want Stopped. and silence", m.status.Text, c.says)
	}
	m.SetBusy("")
	if m.status.Text != "Ready" {
		t.Errorf("status = %q after SetBusy(\"\"), want Ready", m.status.Text)
	}
}

func TestHistory(t *testing.T) {
	m, c, _ := newTestWindow(t, DefaultSettings())
	rs := []Result{
		{Time: testResult.Time, Source: "Screen", Short: "Newest", Full: "Newest full"},
		{Time: testResult.Time, Source: "photo.png", Short: "Middle", Full: "Middle full"},
		{Time: testResult.Time, Source: "Clipboard", Short: "Oldest", Full: "Oldest full"},
	}
	m.SetHistory(rs)
	rs[0].Full = "changed by the caller" // SetHistory keeps its own copy
	m.win.Canvas().Focus(m.history)
	mustSay(t, c, "History, 3 results. Up and down arrows pick results. Newest")
	if m.result.Text != "Newest full" {
		t.Errorf("focusing the history shows %q, want the newest", m.result.Text)
	}
	down := &fyne.KeyEvent{Name: fyne.KeyDown}
	m.history.TypedKey(down)
	mustSayPrefix(t, c, "Middle")
	m.history.TypedKey(down)
	m.history.TypedKey(down) // past the end: stays on Oldest
	if m.result.Text != "Oldest full" || c.lastSay() != "Oldest" {
		t.Errorf("at the end: shows %q, said %q", m.result.Text, c.lastSay())
	}
	m.history.TypedKey(&fyne.KeyEvent{Name: fyne.KeyUp})
	if m.result.Text != "Middle full" {
		t.Errorf("after Up shows %q, want Middle full", m.result.Text)
	}
	c.reset()
	m.history.TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
	mustSay(t, c, "Middle")
	m.history.Select(0) // a click
	if m.result.Text != "Newest full" || c.lastSay() != "Newest" {
		t.Errorf("after a click: shows %q, said %q", m.result.Text, c.lastSay())
	}
	typeShortcut(m, ctrl(fyne.KeyR))
	mustSay(t, c, "Newest full")
}

func TestHistoryLimit(t *testing.T) {
	m, _, _ := newTestWindow(t, DefaultSettings())
	m.SetHistory(make([]Result, maxHistory+5))
	m.ShowResult(testResult)
	if len(m.results) != maxHistory || m.results[0].Full != testResult.Full {
		t.Errorf("history holds %d results (newest %q), want %d with the newest first", len(m.results), m.results[0].Full, maxHistory)
	}
}

func TestHandleDrop(t *testing.T) {
	m, c, _ := newTestWindow(t, DefaultSettings())
	m.HandleDrop([]fyne.URI{
		storage.NewFileURI("/pics/a.png"),
		storage.NewFileURI("/docs/notes.txt"),
		storage.NewFileURI("/pics/B.JPG"),
		storage.NewFileURI("/pics/c.tiff"),
	})
	mustSay(t, c, "That is not an image file: notes.txt")
	mustSay(t, c, "Describing 3 images, one after another")
	file := func(p string) Request { return Request{Source: SourceFile, Path: p} }
	if want := []Request{file("/pics/a.png")}; !slices.Equal(c.requests, want) {
		t.Fatalf("requests = %v, want only the first image until it is done", c.requests)
	}
	m.SetBusy("") // a job that ended before a.png's result: not a reason to move on
	m.SetBusy("Describing a.png")
	m.ShowResult(testResult)
	if len(c.requests) != 1 {
		t.Fatalf("requests = %v; the next was sent while a.png's result was still being spoken", c.requests)
	}
	m.SetBusy("")
	m.ShowError(errors.New("the image file is damaged"))
	m.SetBusy("")
	if want := []Request{file("/pics/a.png"), file("/pics/B.JPG"), file("/pics/c.tiff")}; !slices.Equal(c.requests, want) {
		t.Fatalf("requests = %v, want %v", c.requests, want)
	}

	c.reset()
	m.HandleDrop([]fyne.URI{storage.NewFileURI("/x/1.gif"), storage.NewFileURI("/x/2.bmp")})
	test.Tap(m.stop)
	m.ShowResult(testResult)
	m.SetBusy("")
	if len(c.requests) != 1 {
		t.Errorf("requests = %v; Stop should forget the queued files", c.requests)
	}

	c.reset()
	m.HandleDrop([]fyne.URI{storage.NewFileURI("/a.doc"), storage.NewFileURI("/b")})
	mustSay(t, c, "These are not image files: a.doc, b")
	if len(c.requests) != 0 {
		t.Errorf("requests = %v for no images", c.requests)
	}
}

func TestTray(t *testing.T) {
	fa := &fakeApp{App: test.NewTempApp(t)}
	a := trayApp{fa}
	c := &fakeController{}
	m := NewMainWindow(a, c, DefaultSettings(), syslook.Look{})
	if fa.trayMenu == nil || fa.trayIcon == nil || fa.trayWin != m.Window() {
		t.Fatalf("tray menu %v, icon %v, window %v: want all set", fa.trayMenu, fa.trayIcon, fa.trayWin)
	}
	items := map[string]*fyne.MenuItem{}
	var labels []string
	for _, it := range fa.trayMenu.Items {
		if !it.IsSeparator {
			items[it.Label] = it
			labels = append(labels, it.Label)
		}
	}
	want := []string{"Describe screen", "Describe window", "Describe clipboard", "Stop", "Show window", "Quit"}
	if !slices.Equal(labels, want) {
		t.Fatalf("tray menu = %q, want %q", labels, want)
	}
	items["Describe window"].Action()
	items["Stop"].Action()
	items["Quit"].Action()
	if !slices.Equal(c.requests, []Request{{Source: SourceWindow}}) || c.stops != 1 || fa.quits != 1 {
		t.Errorf("requests %v, stops %d, quits %d", c.requests, c.stops, fa.quits)
	}
	if !items["Quit"].IsQuit {
		t.Error("Quit is not marked IsQuit; Fyne would add a second one")
	}
	m.closeToTray()
	m.closeToTray()
	if n := strings.Count(strings.Join(c.says, "\n"), "still running in the tray"); n != 1 {
		t.Errorf("said the tray message %d times, want once", n)
	}
}

func TestNoTray(t *testing.T) {
	m, _, _ := newTestWindow(t, DefaultSettings())
	if m.hasTray {
		t.Error("a plain fyne.App got a tray")
	}
}
