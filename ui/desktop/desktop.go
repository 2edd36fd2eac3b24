// Package desktop is Describer's desktop app: the window wired to the
// jobs, the voice, the earcons, the global hotkeys, the history and the
// model download. It holds what the app does and says; main builds the
// real adapters (ONNX Runtime, the sound device, the X11 hotkeys) and
// hands them over in a Config, so tests run it with fakes and Fyne's test
// app.
package desktop

import (
	"context"
	"errors"
	"image"
	"io"
	"sync"
	"time"

	"fyne.io/fyne/v2"

	"github.com/describer/describer/app"
	"github.com/describer/describer/app/i18n"
	"github.com/describer/describer/inference/ocr"
	"github.com/describer/describer/models"
	"github.com/describer/describer/speech"
	"github.com/describer/describer/ui"
	"github.com/describer/describer/ui/hotkey"
	"github.com/describer/describer/ui/syslook"
)

// Grabber holds global hotkeys; *hotkey.Manager is the real one.
type Grabber interface {
	// Register calls fn whenever c is pressed anywhere on the desktop.
	Register(c hotkey.Combo, fn func()) error
	// Unregister releases c.
	Unregister(c hotkey.Combo) error
	// Close releases every hotkey.
	Close() error
}

// Config is what the desktop app is built from. App, Settings,
// Captioner, Reader and OpenVoice are required.
type Config struct {
	// App is the Fyne app the window lives in.
	App fyne.App
	// Settings are the saved settings with this run's command-line
	// overrides applied.
	Settings ui.Settings
	// System is the system's look, which the automatic theme follows.
	System syslook.Look
	// Captioner and Reader load the models: set their Open and Installed;
	// New fills in the rest (what the app says about them, and whether
	// the settings want them).
	Captioner *app.Model[app.Captioner]
	Reader    *app.Model[app.TextReader]
	// CaptionModel, when set, names the caption model in use, for the
	// history.
	CaptionModel func() string
	// Asker loads the question model (set Open and Installed); nil means
	// questions are not available.
	Asker *app.Model[app.Asker]
	// Translator opens the model that translates English into a
	// language, and TranslatorInstalled says whether it is there; nil
	// means captions and answers stay English.
	Translator          func(lang string) (app.Translator, error)
	TranslatorInstalled func(lang string) bool
	// TranslationSet returns the catalog set of the translation into
	// lang, and whether to offer it (it is missing); nil offers none.
	TranslationSet func(lang string) (models.Set, bool)
	// DeviceNote, when set, says why the models run on the CPU although a
	// GPU was asked for (or "" when they do not); it goes to the log.
	DeviceNote func() string
	// Desktop captures the screen, a window and the clipboard.
	Desktop app.Desktop
	// LoadImage opens an image file.
	LoadImage func(path string) (image.Image, error)
	// OpenVoice opens a speech engine; FallbackEngine names the one used
	// when the chosen one cannot be opened.
	OpenVoice      func(ctx context.Context, c app.VoiceChoice) (speech.Engine, error)
	FallbackEngine string
	// OpenSound opens the player for the earcons; nil means no earcons.
	OpenSound func() (speech.Player, error)
	// Hotkeys opens the global hotkeys; nil means none.
	Hotkeys func() (Grabber, error)
	// Missing lists the default model sets that are not installed; nil
	// means nothing is missing.
	Missing func() []models.Set
	// HistoryPath is where the history database is kept when the user
	// asks for it; LegacyHistory the JSON history of earlier versions,
	// imported into it once.
	HistoryPath, LegacyHistory string
	// Log, when set, receives each description as one line; ErrorLog the
	// details that the spoken sentences leave out (nil: standard error).
	Log, ErrorLog io.Writer
	// Trace records timing events; nil records none.
	Trace *app.Trace
}

// App is the running desktop app: the window's ui.Controller and the
// jobs' app.Events.
type App struct {
	cfg       Config
	ctx       context.Context
	win       *ui.MainWindow
	jobs      *app.Jobs
	svc       *app.Service
	voice     *app.SwitchVoice
	sounds    *app.Sounds
	downloads *app.Downloads

	mu           sync.Mutex
	settings     ui.Settings
	translations map[string]*app.Model[app.Translator] // by language
	// hotkeysMu makes applying the hotkeys one change at a time; it
	// guards hk and grabbed.
	hotkeysMu sync.Mutex
	hk        Grabber
	grabbed   []hotkey.Combo
}

var (
	_ ui.Controller = (*App)(nil)
	_ app.Events    = (*App)(nil)
)

// New builds the app and its window (not yet shown) under ctx, which
// bounds the voice and the downloads.
func New(ctx context.Context, cfg Config) *App {
	a := &App{cfg: cfg, ctx: ctx, settings: cfg.Settings}
	i18n.Use(cfg.Settings.Lang()) // before the window: its words are in it
	a.setupModels()
	a.voice = a.newVoice()
	a.sounds = &app.Sounds{OnStart: func(_ time.Time) { cfg.Trace.Event("earcon") }}
	a.jobs = a.newJobs()
	a.win = ui.NewMainWindow(cfg.App, a, cfg.Settings, cfg.System)
	a.win.OnHighlight(func(s string) { cfg.Trace.Event("highlight " + oneLine(s)) })
	a.downloads = a.newDownloads()
	return a
}

// newJobs makes the jobs over the service, voice, earcons and history.
func (a *App) newJobs() *app.Jobs {
	s := a.cfg.Settings
	history := &app.History{OnError: func(err error) { a.tell(app.Sentence(err)) }, ErrorLog: a.cfg.ErrorLog,
		Legacy: a.cfg.LegacyHistory, KeepEntries: s.HistoryEntries, MaxAge: s.HistoryMaxAge()}
	if s.SaveHistory {
		history.Path = a.cfg.HistoryPath
	}
	return &app.Jobs{
		Service: a.svc, Desktop: a.cfg.Desktop, Voice: a.voice, Events: a, History: history,
		BeforeCapture: a.beforeCapture, Earcons: a.sounds, LoadImage: a.cfg.LoadImage,
		AutoSpeak: a.cfg.Settings.AutoSpeak, Log: a.cfg.Log, ErrorLog: a.cfg.ErrorLog,
		OnResultSpeech: func() { a.cfg.Trace.Event("result-speech") },
	}
}

// Window is the main window.
func (a *App) Window() *ui.MainWindow { return a.win }

// Describe starts a job asked for in the window (ui.Controller).
func (a *App) Describe(r ui.Request) {
	r.FromWindow = true
	a.jobs.Describe(r)
}

// DescribeFiles shows the window and describes files: those a second
// start of the app handed over.
func (a *App) DescribeFiles(files []string) {
	fyne.Do(func() {
		a.win.Window().Show()
		a.win.Window().RequestFocus()
	})
	for _, f := range files {
		a.Describe(ui.Request{Source: ui.SourceFile, Path: f})
	}
}

// Stop stops the job, speech and a download (ui.Controller).
func (a *App) Stop() {
	a.downloads.Stop()
	a.jobs.Stop()
}

// Say speaks a UI message (ui.Controller).
func (a *App) Say(text string) { a.jobs.Say(text) }

// Busy shows and says that a job started (app.Events).
func (a *App) Busy(what string) {
	a.win.SetBusy(what)
	a.Say(what) // short: the result, when it comes, cuts it off
}

// Done shows a result (app.Events).
func (a *App) Done(e app.Entry) {
	a.cfg.Trace.Event("described")
	a.win.ShowResult(toResult(e))
}

// Failed shows and says an error (app.Events).
func (a *App) Failed(err error) {
	if errors.Is(err, app.ErrNoQuestionModel) && a.cfg.Asker != nil {
		a.win.SetBusy("")
		a.downloads.OfferQuestion(a.ctx)
		return
	}
	a.win.ShowError(err)
}

// Stopped shows and says that the job and speech stopped (app.Events).
func (a *App) Stopped() {
	a.win.SpeechStopped()
	a.win.SetBusy("")
	a.tell(i18n.T("err.stopped"))
}

// Idle says the job is over (app.Events).
func (a *App) Idle() { a.win.SetBusy("") }

// tell shows msg in the status line and says it: for what a person must
// know even when they cannot see the window.
func (a *App) tell(msg string) {
	a.win.SetStatus(msg)
	a.Say(msg)
}

// Close stops the jobs and releases the hotkeys, the voice, the earcons
// and the models.
func (a *App) Close() error {
	var errs []error
	a.hotkeysMu.Lock()
	if a.hk != nil {
		// When the X server has gone (the session ended), every ungrab
		// fails with EOF; there is nothing left to release.
		if err := a.hk.Close(); err != nil && !errors.Is(err, io.EOF) {
			errs = append(errs, err)
		}
		a.hk = nil
	}
	a.hotkeysMu.Unlock()
	errs = append(errs, a.jobs.Close(), a.voice.Close(), a.sounds.Close(), a.svc.Close())
	return errors.Join(errs...)
}

func toResult(e app.Entry) ui.Result {
	r := ui.Result{Time: e.Time, Source: e.Source, Short: e.Short, Full: e.Full, Thumb: e.Thumb, Image: e.Image}
	for _, b := range (ocr.Result{Lines: e.Description.Lines}).Blocks() {
		r.Blocks = append(r.Blocks, b.Box())
	}
	return r
}

func toResults(es []app.Entry) []ui.Result {
	rs := make([]ui.Result, len(es))
	for i, e := range es {
		rs[i] = toResult(e)
	}
	return rs
}
