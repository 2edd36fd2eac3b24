package ui

import (
	"context"
	"errors"
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"github.com/describer/describer/app"
	"github.com/describer/describer/app/i18n"
	"github.com/describer/describer/ui/captureview"
	"github.com/describer/describer/ui/syslook"
)

// maxHistory is how many results the history list keeps.
const maxHistory = 100

// MainWindow is Describer's window. Its exported methods may be called from
// any goroutine; they hand their work to Fyne's goroutine with fyne.Do. All
// other state is touched only on Fyne's goroutine.
type MainWindow struct {
	app      fyne.App
	win      fyne.Window
	ctl      Controller
	settings Settings

	// The widgets, in focus order.
	describeScreen, describeWindow, describeClipboard *speakButton
	openImage, stop, copyResult, settingsButton       *speakButton
	showImage                                         *speakButton // shown with a result's image
	question                                          *questionField
	result                                            *resultView
	history                                           *historyList
	thumb                                             *canvas.Image
	status                                            *widget.Label

	results   []Result // newest first
	shown     Result   // the result in the text area
	haveShown bool
	shortcuts []shortcut

	// Dropped files still to describe, and whether the current one's result
	// or error has come (see HandleDrop).
	queue       []string
	queueResult bool

	quiet int // while above 0, focus changes are not spoken
	// lastFocus and lastFocusText are the control that last spoke through
	// sayFocus and what it said.
	lastFocus     fyne.Focusable
	lastFocusText string
	hasTray       bool // closing hides the window instead of quitting
	toldTray      bool
	fileDialog    *dialog.FileDialog // the last Open image dialog, for tests
	settingsOpen  *settingsDialog    // the open settings dialog, or nil
	download      *downloadDialog    // the last download question, for tests
	// openImageDialog is the last Open image dialog, for tests.
	openImageDialog *openDialog
	finder          *findDialog // the open "Find in history", or nil
	system          syslook.Look
	follow          follow            // the sentence being spoken, highlighted
	capture         *captureview.View // the last image shown at full size, for tests
}

// NewMainWindow builds the window, titled "Describer", with its buttons,
// result area, history, keyboard shortcuts, drop target and, where a is a
// desktop.App, a system-tray menu. Show it with Window().Show(); the caller
// runs a.Run. s is repaired first (see Settings.Repair); ThemeAuto follows
// the system's look sys (see syslook.Read): its high-contrast mode and its
// dark or light preference.
func NewMainWindow(a fyne.App, c Controller, s Settings, sys syslook.Look) *MainWindow {
	m := &MainWindow{app: a, ctl: c, settings: s.Repair(), system: sys}
	m.applyLook(m.settings) // before the widgets, which read the theme as they are made
	m.win = a.NewWindow("Describer")
	m.win.SetMaster()
	m.buildWidgets()
	m.win.SetContent(m.layout())
	m.win.Resize(fyne.NewSize(900, 600))
	m.addShortcuts()
	m.win.SetOnDropped(func(_ fyne.Position, uris []fyne.URI) { m.HandleDrop(uris) })
	m.setupTray()
	m.quietly(func() { m.win.Canvas().Focus(m.describeScreen) })
	return m
}

// applyLook sets the theme and text size of s, at once.
func (m *MainWindow) applyLook(s Settings) {
	m.app.Settings().SetTheme(NewLook(systemTheme(s.Theme, m.system), s.TextSize))
	if m.win != nil {
		m.win.Content().Refresh() // every widget, with the new sizes and colours
	}
}

// changeTextSize changes the text size by step percent (0: back to 100 %),
// saves it and says the new size.
func (m *MainWindow) changeTextSize(step int) {
	s := m.settings
	s.TextSize = MinTextSize
	if step != 0 {
		s.TextSize = min(max(m.settings.TextSize+step, MinTextSize), MaxTextSize)
	}
	m.settings = s
	s.SaveTextSize(m.app.Preferences())
	m.applyLook(s)
	m.ctl.SettingsChanged(s)
	m.say(i18n.T("look.text-size", "Percent", s.TextSize))
}

// buildWidgets makes every widget of the window.
func (m *MainWindow) buildWidgets() {
	b := func(label string, tapped func()) *speakButton {
		return newSpeakButton(label, tapped, m.sayFocus, m.typedKey)
	}
	m.describeScreen = b(i18n.T("action.describe-screen"), func() { m.describe(SourceScreen) })
	m.describeWindow = b(i18n.T("action.describe-window"), func() { m.describe(SourceWindow) })
	m.describeClipboard = b(i18n.T("action.describe-clipboard"), func() { m.describe(SourceClipboard) })
	m.openImage = b(i18n.T("action.open"), m.showOpenImage)
	m.stop = b(i18n.T("action.stop"), m.stopJob)
	m.copyResult = b(i18n.T("action.copy"), m.copyShown)
	m.settingsButton = b(i18n.T("settings.title"), m.showSettings)
	m.showImage = b(i18n.T("action.show-capture"), m.showCapture)
	m.showImage.Hide()
	m.describeScreen.Importance = widget.HighImportance

	m.question = newQuestionField(m)
	m.result = newResultView(m.sayFocus, m.typedKey)
	m.result.copyAll = m.copyShown
	m.result.shortcut = m.runShortcut
	m.thumb = canvas.NewImageFromImage(nil)
	m.thumb.FillMode = canvas.ImageFillContain
	m.thumb.SetMinSize(fyne.NewSize(160, 120))
	m.thumb.Hide()
	m.status = widget.NewLabel(i18n.T("status.ready"))
	m.status.Wrapping = fyne.TextWrapWord
	m.history = m.newHistory()
}

// layout arranges the widgets so that the focus order (Fyne's tree order)
// is the buttons, then the question, the result text and the history. The
// buttons wrap into rows at large text sizes; the result and history
// panes take the rest of the window and scroll.
func (m *MainWindow) layout() fyne.CanvasObject {
	buttons := []fyne.CanvasObject{m.describeScreen, m.describeWindow, m.describeClipboard,
		m.openImage, m.stop, m.copyResult, m.showImage, m.settingsButton}
	resultPane := container.New(layout.NewBorderLayout(nil, nil, nil, m.thumb), m.result, m.thumb)
	heading := widget.NewLabelWithStyle(i18n.T("history.title"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	historyPane := container.New(layout.NewBorderLayout(heading, nil, nil, nil), heading, m.history)
	split := container.NewHSplit(resultPane, historyPane)
	split.Offset = 0.65
	objs := append(buttons, container.NewVScroll(m.status), m.question, split)
	return container.New(&windowLayout{buttons: len(buttons)}, objs...)
}

// Window returns the Fyne window, to show it or set its menus.
func (m *MainWindow) Window() fyne.Window { return m.win }

// say speaks text through the controller unless the window is being
// changed quietly.
func (m *MainWindow) say(text string) {
	if m.quiet == 0 && text != "" {
		m.ctl.Say(text)
	}
}

// sayFocus is say for the window's own controls: what a control says as it
// gains focus, or as the user changes it. It stays silent when the same
// control would say the same thing again: Fyne focuses the focused control
// once more when the window gets the focus back (a global hotkey's key
// grab, a result arriving), and that would cut off the result being
// spoken. The record is kept while quiet too, so a control focused quietly
// is not announced later by such a repeat.
func (m *MainWindow) sayFocus(text string) {
	f := m.win.Canvas().Focused()
	if f != nil && f == m.lastFocus && text == m.lastFocusText {
		return
	}
	m.lastFocus, m.lastFocusText = f, text
	m.say(text)
}

// quietly runs f without speaking the focus changes it causes.
func (m *MainWindow) quietly(f func()) {
	m.quiet++
	defer func() { m.quiet-- }()
	f()
}

// describe asks for a description of src, dropping any queued files.
func (m *MainWindow) describe(src Source) {
	m.queue = nil
	m.ctl.Describe(Request{Source: src})
}

// ask asks q about the image last described.
func (m *MainWindow) ask(q string) {
	m.queue = nil
	m.ctl.Describe(Request{Question: q})
}

// AskQuestion shows the window with the focus in the question field,
// which says what to do (the ask hotkey); while the download question is
// open, it says to answer that first.
func (m *MainWindow) AskQuestion() {
	fyne.Do(func() {
		m.showWindow()
		if d := m.download; d != nil && !d.answered {
			// The download question holds the keyboard until answered.
			m.say(i18n.T("question.download-first"))
			return
		}
		if m.win.Canvas().Focused() == m.question {
			m.lastFocus = nil // said again: the user pressed the hotkey
			m.question.FocusGained()
			return
		}
		m.win.Canvas().Focus(m.question)
	})
}

// stopJob stops the job and speech and forgets queued files.
func (m *MainWindow) stopJob() {
	m.queue = nil
	m.ctl.Stop()
}

// copyShown puts the shown result's full text on the clipboard.
func (m *MainWindow) copyShown() {
	if !m.haveShown || m.shown.Full == "" {
		m.say(i18n.T("copy.nothing"))
		return
	}
	m.app.Clipboard().SetContent(m.shown.Full)
	m.say(i18n.T("copy.done"))
}

// repeatResult speaks the shown result's full text again, or, after
// speech was stopped, the rest of it from the highlighted sentence.
func (m *MainWindow) repeatResult() {
	if !m.haveShown {
		m.say(i18n.T("result.none-yet"))
		return
	}
	m.say(m.resumeText())
}

// readResult moves focus to the result text, which reads it aloud; when the
// text already has focus it reads it again.
func (m *MainWindow) readResult() {
	if m.win.Canvas().Focused() == m.result {
		m.say(m.result.spoken())
		return
	}
	m.win.Canvas().Focus(m.result)
}

// focusHistory moves focus to the history list, which says what it holds.
func (m *MainWindow) focusHistory() {
	if m.win.Canvas().Focused() == m.history {
		m.say(m.historySummary())
		return
	}
	m.win.Canvas().Focus(m.history)
}

// show puts r in the result area.
func (m *MainWindow) show(r Result) {
	m.shown, m.haveShown = r, true
	m.follow = follow{onHighlight: m.follow.onHighlight}
	m.result.show(r.Full)
	m.thumb.Image = r.Thumb
	showIf(m.thumb, r.Thumb != nil)
	showIf(m.showImage, r.Image != nil)
	m.thumb.Refresh()
	m.win.Content().Refresh() // the buttons flow again
}

// showIf shows o when on, else hides it.
func showIf(o fyne.CanvasObject, on bool) {
	if on {
		o.Show()
	} else {
		o.Hide()
	}
}

// shortText is r's one-line summary, made from Full when Short is empty.
func shortText(r Result) string {
	s := strings.TrimSpace(r.Short)
	if s == "" {
		s = strings.TrimSpace(r.Full)
		if i := strings.IndexAny(s, ".\n"); i >= 0 {
			s = s[:i]
		}
	}
	if utf8.RuneCountInString(s) > 120 {
		s = string([]rune(s)[:119]) + "…"
	}
	if s == "" {
		return i18n.T("result.nothing-found")
	}
	return s
}

// SetBusy shows what the app is doing, such as "Describing screen"; an
// empty what means the job, and its speech, are over. Nothing is disabled:
// Stop and the describe actions stay usable. SetBusy does not speak: the app
// plays its earcons. It may be called from any goroutine.
func (m *MainWindow) SetBusy(what string) {
	fyne.Do(func() { m.setBusy(what) })
}

func (m *MainWindow) setBusy(what string) {
	if what != "" {
		m.status.SetText(what + "…")
		return
	}
	m.status.SetText(i18n.T("status.ready"))
	m.nextQueued()
}

// ShowResult shows r.Full in the result area, adds r to the top of the
// history and, when AutoCopy is on, copies r.Full to the clipboard. It does
// not speak r: the app does, when AutoSpeak is on. It may be called from
// any goroutine.
func (m *MainWindow) ShowResult(r Result) {
	fyne.Do(func() { m.showResult(r) })
}

func (m *MainWindow) showResult(r Result) {
	m.queueResult = true
	m.results = append([]Result{r}, m.results...)
	if len(m.results) > maxHistory {
		m.results = m.results[:maxHistory]
	}
	if len(m.results) > 1 { // only the latest keeps its image
		m.results[1].Image, m.results[1].Blocks = nil, nil
	}
	m.history.UnselectAll()
	m.history.Refresh()
	m.show(r)
	if m.settings.AutoCopy && r.Full != "" {
		m.app.Clipboard().SetContent(r.Full)
	}
}

// ShowError shows and speaks app.Sentence(err); a cancelled job is shown
// as "Stopped." but not spoken, so Stop stays silent. It may be called from
// any goroutine.
func (m *MainWindow) ShowError(err error) {
	fyne.Do(func() { m.showError(err) })
}

func (m *MainWindow) showError(err error) {
	if err == nil {
		return
	}
	msg := app.Sentence(err)
	m.status.SetText(msg)
	if !errors.Is(err, context.Canceled) {
		m.queueResult = true
		m.say(msg)
	}
}

// SetStatus shows text in the status line, without speaking it. It may be
// called from any goroutine.
func (m *MainWindow) SetStatus(text string) {
	fyne.Do(func() { m.status.SetText(text) })
}

// SetHistory replaces the history with rs, newest first, such as results
// loaded from disk; only the newest 100 are kept. It may be called from any
// goroutine.
func (m *MainWindow) SetHistory(rs []Result) {
	rs = append([]Result(nil), rs[:min(len(rs), maxHistory)]...)
	fyne.Do(func() {
		m.results = rs
		m.history.UnselectAll()
		m.history.Refresh()
	})
}
