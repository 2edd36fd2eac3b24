package ui

import (
	"slices"
	"strings"
	"sync"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/describer/describer/ui/syslook"
)

// fakeController records what the window asks of it.
type fakeController struct {
	mu       sync.Mutex
	requests []Request
	stops    int
	says     []string
	settings []Settings
}

func (f *fakeController) Describe(r Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.requests = append(f.requests, r)
}

func (f *fakeController) Stop() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.stops++
}

func (f *fakeController) Say(text string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.says = append(f.says, text)
}

func (f *fakeController) SettingsChanged(s Settings) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.settings = append(f.settings, s)
}

// reset forgets everything recorded so far.
func (f *fakeController) reset() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.requests, f.stops, f.says, f.settings = nil, 0, nil, nil
}

// lastSay returns the last message spoken, or "".
func (f *fakeController) lastSay() string {
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.says) == 0 {
		return ""
	}
	return f.says[len(f.says)-1]
}

// said reports whether text was spoken.
func (f *fakeController) said(text string) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Contains(f.says, text)
}

// fakeApp is a test app that also counts Quit calls and, when tray is
// set, is a desktop.App recording its tray.
type fakeApp struct {
	fyne.App
	quits    int
	trayMenu *fyne.Menu
	trayIcon fyne.Resource
	trayWin  fyne.Window
}

func (a *fakeApp) Quit() { a.quits++ }

// trayApp is a fakeApp with a system tray.
type trayApp struct{ *fakeApp }

func (a trayApp) SetSystemTrayMenu(m *fyne.Menu)    { a.trayMenu = m }
func (a trayApp) SetSystemTrayIcon(r fyne.Resource) { a.trayIcon = r }
func (a trayApp) SetSystemTrayWindow(w fyne.Window) { a.trayWin = w }

// newTestWindow builds a window on a fresh test app with s.
func newTestWindow(t *testing.T, s Settings) (*MainWindow, *fakeController, *fakeApp) {
	t.Helper()
	a := &fakeApp{App: test.NewTempApp(t)}
	c := &fakeController{}
	m := NewMainWindow(a, c, s, syslook.Look{})
	t.Cleanup(m.win.Close)
	return m, c, a
}

// mustSay fails the test unless text was spoken.
func mustSay(t *testing.T, c *fakeController, text string) {
	t.Helper()
	if !c.said(text) {
		t.Errorf("did not say %q; said %q", text, c.says)
	}
}

// mustSayPrefix fails the test unless the last message starts with prefix.
func mustSayPrefix(t *testing.T, c *fakeController, prefix string) {
	t.Helper()
	if last := c.lastSay(); !strings.HasPrefix(last, prefix) {
		t.Errorf("last said %q, want it to start with %q", last, prefix)
	}
}
