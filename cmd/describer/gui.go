//go:build cgo

package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"image"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"

	"github.com/describer/describer/app"
	"github.com/describer/describer/inference/imaging"
	"github.com/describer/describer/models"
	"github.com/describer/describer/speech/oto"
	"github.com/describer/describer/ui"
	"github.com/describer/describer/ui/capture"
	"github.com/describer/describer/ui/hotkey"
)

// appID is the desktop app's ID, as in FyneApp.toml.
const appID = "app.describer.describer"

// guiFlags are the desktop app's command-line settings; they override
// the saved Settings for this run.
type guiFlags struct {
	rf      runtimeFlags
	ocrDir  string
	logFile string
	engine  string
	voice   string
	trace   string
	// deviceSet is true when --device was given; otherwise the device
	// comes from the settings.
	deviceSet bool
}

// noTrayApp hides a fyne.App's tray (its desktop.App methods).
type noTrayApp struct{ fyne.App }

// withoutTray returns a unless the desktop cannot show a tray icon: on
// Linux and BSD the tray speaks D-Bus, and Fyne 2.7's tray crashes at
// quit when there is no session bus. Without a tray, closing the window
// quits the app.
func withoutTray(a fyne.App) fyne.App {
	switch runtime.GOOS {
	case "windows", "darwin":
		return a
	}
	if os.Getenv("DBUS_SESSION_BUS_ADDRESS") == "" {
		return noTrayApp{a}
	}
	return a
}

// haveDisplay reports whether a window can be shown.
func haveDisplay() bool {
	switch runtime.GOOS {
	case "windows", "darwin":
		return true
	}
	return os.Getenv("DISPLAY") != "" || os.Getenv("WAYLAND_DISPLAY") != ""
}

// gui runs the desktop app until it quits.
func (m *Main) gui(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("describer", flag.ContinueOnError)
	var g guiFlags
	g.rf.register(fs)
	fs.StringVar(&g.ocrDir, "ocr-models", "", "folder of the PP-OCRv4 models (default: "+models.Dir(models.OCR)+")")
	fs.StringVar(&g.logFile, "log-descriptions", "", "append each description to `FILE`, one line each")
	fs.StringVar(&g.engine, "engine", "", "speech engine for this run: auto, piper, espeak or screenreader")
	fs.StringVar(&g.voice, "voice", "", "voice for this run (a Piper .onnx file or an eSpeak NG voice name)")
	fs.StringVar(&g.trace, "trace", "", "append timing events (hotkey, earcon, first audio) to `FILE`")
	files, err := parseInterspersed(fs, args, m.Stdout)
	if err != nil {
		return err
	}
	fs.Visit(func(f *flag.Flag) { g.deviceSet = g.deviceSet || f.Name == "device" })
	if err := g.rf.validate(); err != nil {
		return err
	}
	if g.engine != "" {
		if err := checkEngine(g.engine); err != nil {
			return err
		}
	}
	for i, f := range files {
		abs, err := filepath.Abs(f)
		if err == nil {
			_, err = os.Stat(abs)
		}
		if err != nil {
			return usageError{fmt.Sprintf("%s: no such file", f)}
		}
		files[i] = abs
	}
	if !haveDisplay() {
		return usageError{"there is no display to show the window on (DISPLAY is not set); start Describer in your desktop session, or use a command such as \"describer describe --help\""}
	}
	d := &desktopApp{m: m, g: g, ctx: ctx}
	return d.run(files)
}

// desktopApp wires the window, the jobs, speech, hotkeys and models
// together; it is the window's ui.Controller and the jobs' app.Events.
type desktopApp struct {
	m   *Main
	g   guiFlags
	ctx context.Context

	a      fyne.App
	win    *ui.MainWindow
	jobs   *app.Jobs
	svc    *app.Service
	loader *loader
	capt   *app.Model[app.Captioner]
	ocr    *app.Model[app.TextReader]
	voice  *app.SwitchVoice
	// downloads offers and fetches the missing models.
	downloads *app.Downloads
	earcons   *earconSlot
	hk        *hotkey.Manager
	log       *os.File
	trace     *tracer

	mu          sync.Mutex
	settings    ui.Settings
	grabbed     []hotkey.Combo
	includeCap  bool
	includeText bool
	// applyMu makes applying the hotkeys one change at a time; it guards
	// hk and grabbed.
	applyMu sync.Mutex
	// loadMu makes loading the models one at a time.
	loadMu sync.Mutex
}

var (
	_ ui.Controller = (*desktopApp)(nil)
	_ app.Events    = (*desktopApp)(nil)
)

func (d *desktopApp) run(files []string) (err error) {
	d.trace = openTracer(d.g.trace)
	inst, err := claim(socketPath(), files, d.fromOtherInstance)
	if errors.Is(err, errAlreadyRunning) {
		fmt.Fprintln(d.m.Stdout, "Describer is already running; its window is shown.")
		return nil
	}
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, inst.Close()) }()
	if d.g.logFile != "" {
		if d.log, err = os.OpenFile(d.g.logFile, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600); err != nil {
			return usageError{fmt.Sprintf("cannot open %s for the description log", d.g.logFile)}
		}
		defer d.log.Close()
	}
	d.a = fyneapp.NewWithID(appID)
	d.a.SetIcon(ui.Icon)
	s := ui.LoadSettings(d.a.Preferences())
	if d.g.engine != "" {
		s.Engine = d.g.engine
	}
	if d.g.voice != "" {
		s.Voice = d.g.voice
	}
	d.settings = s
	if !d.g.deviceSet && s.Device != "" {
		d.g.rf.device = s.Device
	}
	d.includeCap, d.includeText = s.IncludeCaption, s.IncludeText
	d.setupJobs(s)
	d.win = ui.NewMainWindow(withoutTray(d.a), d, s)
	d.downloads = d.newDownloads()
	d.win.Window().Show()
	d.trace.event("window-shown")
	inst.Ready()
	defer func() { err = errors.Join(err, d.close()) }()
	go d.start(s, files)
	stop := context.AfterFunc(d.ctx, func() { fyne.Do(d.a.Quit) })
	defer stop()
	d.a.Run()
	return nil
}

// setupJobs builds the service, the voice, the earcons and the jobs.
func (d *desktopApp) setupJobs(s ui.Settings) {
	d.loader = &loader{flags: d.g.rf, stderr: io.Discard, quiet: true, ocrDir: d.g.ocrDir}
	d.setupModels()
	d.voice = d.newVoice()
	d.earcons = &earconSlot{}
	history := &app.History{OnError: func(err error) { d.tell(app.Sentence(err)) }}
	if s.SaveHistory {
		history.Path = historyPath()
	}
	d.jobs = &app.Jobs{
		Service: d.svc, Desktop: capture.Desktop{}, Voice: d.voice, Events: d, History: history,
		BeforeCapture: d.beforeCapture, Earcons: d.earcons,
		AutoSpeak: s.AutoSpeak,
		LoadImage: func(path string) (image.Image, error) {
			img, _, err := imaging.LoadImage(path)
			return img, err
		},
	}
	if d.log != nil {
		d.jobs.Log = d.log
	}
}

// start does the slow parts after the window is shown: speech, earcons,
// hotkeys, history, the models, and the files from the command line.
func (d *desktopApp) start(s ui.Settings, files []string) {
	// What went wrong on the way is said once, together, before the
	// download question or "ready" (one message would cut off another).
	var notes []string
	note := func(msg ...string) {
		for _, m := range msg {
			if m != "" {
				notes = append(notes, m)
			}
		}
	}
	note(d.applyVoice(s))
	// Open gives a player even with no sound device yet: the earcons come
	// back when a device does.
	if p, _ := oto.Open(22050); p != nil {
		if e, err := newEarcons(p); err == nil {
			e.OnStart = func(time.Time) { d.trace.event("earcon") }
			d.earcons.set(e)
		} else {
			_ = p.Close()
		}
	}
	note(d.applyHotkeys(s.Hotkeys)...)
	if s.SaveHistory {
		if err := d.jobs.History.Load(); err != nil {
			note(app.Sentence(err))
		}
		d.win.SetHistory(toResults(d.jobs.History.Entries()))
	}
	// Load the models now, in the background of the shown window, so the
	// first description does not wait for them.
	_ = d.svc.Preload()
	note(d.fallbackSentence())
	prefix := strings.Join(notes, " ")
	if len(notes) > 0 {
		d.win.SetStatus(prefix)
	}
	if !d.downloads.Offer(d.ctx, prefix) {
		d.Say(strings.TrimSpace(prefix + " " + readyMessage(s)))
	}
	for _, f := range files {
		d.jobs.Describe(ui.Request{Source: ui.SourceFile, Path: f})
	}
	d.trace.event("models-loaded")
}

// Describe starts a job asked for in the window (ui.Controller).
func (d *desktopApp) Describe(r ui.Request) {
	r.FromWindow = true
	d.jobs.Describe(r)
}

// ownWindowDelay is how long the window manager gets to hand the focus
// back to the window the user was in, once Describer's window is hidden.
const ownWindowDelay = 300 * time.Millisecond

// beforeCapture hides Describer's window while the screen or the active
// window is captured for a request made in that window, so the capture
// shows what the user was looking at; the window comes back after.
func (d *desktopApp) beforeCapture(ctx context.Context, r app.Request) func() {
	if !r.FromWindow || r.Source == app.SourceClipboard {
		return nil
	}
	fyne.DoAndWait(func() { d.win.Window().Hide() })
	select {
	case <-time.After(ownWindowDelay):
	case <-ctx.Done():
	}
	return func() { fyne.Do(func() { d.win.Window().Show() }) }
}

// Stop stops the job, speech and a download (ui.Controller).
func (d *desktopApp) Stop() {
	d.downloads.Stop()
	d.jobs.Stop()
}

// Say speaks a UI message (ui.Controller).
func (d *desktopApp) Say(text string) { d.jobs.Say(text) }

// SettingsChanged applies saved settings (ui.Controller).
func (d *desktopApp) SettingsChanged(s ui.Settings) {
	d.mu.Lock()
	old := d.settings
	d.settings = s
	if !d.g.deviceSet && s.Device != "" {
		d.g.rf.device = s.Device
	}
	d.includeCap, d.includeText = s.IncludeCaption, s.IncludeText
	d.mu.Unlock()
	d.jobs.SetAutoSpeak(s.AutoSpeak)
	if s.Engine != old.Engine || s.Voice != old.Voice || s.Rate != old.Rate {
		go func() {
			if msg := d.applyVoice(s); msg != "" {
				d.tell(msg)
			}
		}()
	}
	if s.Hotkeys != old.Hotkeys {
		go func() {
			if problems := d.applyHotkeys(s.Hotkeys); len(problems) > 0 {
				d.tell(strings.Join(problems, " "))
			}
		}()
	}
	if s.SaveHistory != old.SaveHistory {
		h := d.jobs.History
		go func() { // away from the window's goroutine: this writes to disk
			var err error
			if s.SaveHistory {
				err = h.Keep(historyPath())
			} else {
				err = h.Forget()
			}
			if err != nil {
				d.tell(app.Sentence(err))
			}
		}()
	}
	if s.Device != old.Device {
		d.tell("The new device is used when Describer starts again.")
	}
}

// Busy shows and says that a job started (app.Events).
func (d *desktopApp) Busy(what string) {
	d.win.SetBusy(what)
	d.Say(what) // short: the result, when it comes, cuts it off
}

// Done shows a result (app.Events).
func (d *desktopApp) Done(e app.Entry) {
	d.trace.event("described")
	d.win.ShowResult(toResult(e))
}

// Failed shows and says an error (app.Events).
func (d *desktopApp) Failed(err error) { d.win.ShowError(err) }

// Stopped shows and says that the job and speech stopped (app.Events).
func (d *desktopApp) Stopped() {
	d.win.SetBusy("")
	d.tell("Stopped.")
}

// Idle says the job is over (app.Events).
func (d *desktopApp) Idle() { d.win.SetBusy("") }

// fromOtherInstance shows the window and describes the files a second
// start of the app was given.
func (d *desktopApp) fromOtherInstance(files []string) {
	fyne.Do(func() {
		if d.win != nil {
			d.win.Window().Show()
			d.win.Window().RequestFocus()
		}
	})
	for _, f := range files {
		d.Describe(ui.Request{Source: ui.SourceFile, Path: f})
	}
}

func (d *desktopApp) close() error {
	var errs []error
	if d.hk != nil {
		// When the X server has gone (the session ended), every ungrab
		// fails with EOF; there is nothing left to release.
		if err := d.hk.Close(); err != nil && !errors.Is(err, io.EOF) {
			errs = append(errs, err)
		}
	}
	errs = append(errs, d.jobs.Close(), d.voice.Close(), d.earcons.close(), d.svc.Close(), d.loader.close())
	d.trace.close()
	return errors.Join(errs...)
}

func toResult(e app.Entry) ui.Result {
	return ui.Result{Time: e.Time, Source: e.Source, Short: e.Short, Full: e.Full, Thumb: e.Thumb}
}

func toResults(es []app.Entry) []ui.Result {
	rs := make([]ui.Result, len(es))
	for i, e := range es {
		rs[i] = toResult(e)
	}
	return rs
}

// historyPath is where the history is saved when the user asks for it.
func historyPath() string { return filepath.Join(models.ConfigDir(), "history.json") }

// readyMessage is what the app says once it has started with everything
// installed: how to describe the screen, and how to hear every key.
func readyMessage(s ui.Settings) string {
	if s.Hotkeys.DescribeScreen == "" {
		return "Describer is ready. Press F1 to hear the keys."
	}
	return "Describer is ready. " + s.Hotkeys.DescribeScreen + " describes the screen; F1 lists the keys."
}

// prefFallbackSaid remembers the last reason said for running on the CPU.
const prefFallbackSaid = "fallback_said"

// fallbackSentence says why the models run on the CPU when a GPU was
// asked for (or "auto" found none) — once for each new reason, not at
// every start; otherwise it is "".
func (d *desktopApp) fallbackSentence() string {
	if d.loader.rt == nil {
		return ""
	}
	reason := d.loader.rt.FallbackReason()
	if reason == "" || d.a.Preferences().String(prefFallbackSaid) == reason {
		return ""
	}
	d.a.Preferences().SetString(prefFallbackSaid, reason)
	return app.Sentence(errors.New(reason))
}

// tell shows msg in the status line and says it: for what a person must
// know even when they cannot see the window.
func (d *desktopApp) tell(msg string) {
	d.win.SetStatus(msg)
	d.Say(msg)
}
