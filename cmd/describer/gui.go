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
	"github.com/describer/describer/inference"
	"github.com/describer/describer/inference/ocr"
	"github.com/describer/describer/inference/ort"
	"github.com/describer/describer/models"
	"github.com/describer/describer/speech"
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
	if err := g.rf.validate(); err != nil {
		return err
	}
	if g.engine != "" && !validEngine(g.engine) {
		return usageError{"--engine must be auto, piper, espeak or screenreader"}
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

func validEngine(e string) bool {
	switch e {
	case engineAuto, enginePiper, engineEspeak, engineScreenReader:
		return true
	}
	return false
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
	capt   *optionalCaptioner
	voice  *switchVoice
	hk     *hotkey.Manager
	log    *os.File
	trace  *tracer

	mu           sync.Mutex
	settings     ui.Settings
	grabbed      []hotkey.Combo
	hotkeyErrSet bool
	includeCap   bool
	includeText  bool
	// cancelDownload cancels the download in progress, if any.
	cancelDownload context.CancelFunc
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
		fmt.Fprintf(d.m.Stderr, "describer: %s\n", sentence(err))
	} else {
		defer func() { err = errors.Join(err, inst.Close()) }()
	}
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
	d.includeCap, d.includeText = s.IncludeCaption, s.IncludeText
	d.setupJobs(s)
	d.win = ui.NewMainWindow(withoutTray(d.a), d, s)
	d.win.Window().Show()
	d.trace.event("window-shown")
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
	d.capt = &optionalCaptioner{d: d}
	d.svc = &app.Service{LoadCaptioner: d.captioner, LoadReader: d.reader}
	d.voice = &switchVoice{}
	history := &app.History{}
	if s.SaveHistory {
		history.Path = historyPath()
	}
	d.jobs = &app.Jobs{
		Service: d.svc, Desktop: capture.Desktop{}, Voice: d.voice, Events: d, History: history,
		BeforeCapture: d.beforeCapture,
		AutoSpeak:     s.AutoSpeak,
		LoadImage: func(path string) (image.Image, error) {
			img, _, err := inference.LoadImage(path)
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
	d.applyVoice(s)
	if p, err := oto.New(22050); err == nil {
		if e, err := newEarcons(p); err == nil {
			e.OnStart = func(time.Time) { d.trace.event("earcon") }
			d.jobs.Earcons = e
		}
	}
	d.applyHotkeys(s.Hotkeys)
	if s.SaveHistory {
		if err := d.jobs.History.Load(); err != nil {
			d.win.SetStatus(ui.ErrorSentence(err))
		}
		d.win.SetHistory(toResults(d.jobs.History.Entries()))
	}
	d.offerDownload()
	for _, f := range files {
		d.jobs.Describe(ui.Request{Source: ui.SourceFile, Path: f})
	}
	// Load the models in the background so the first description does
	// not wait for them.
	if err := d.svc.Preload(); err != nil {
		d.win.SetStatus(ui.ErrorSentence(err))
	}
	d.trace.event("models-loaded")
}

// missingSets lists the default model sets that are not installed and
// not replaced by a command-line folder.
func (d *desktopApp) missingSets() []models.Set {
	var missing []models.Set
	for _, s := range models.Defaults() {
		switch {
		case s.Kind == models.KindCaption && d.g.rf.model != "",
			s.Kind == models.KindOCR && d.g.ocrDir != "":
			continue
		case s.Kind == models.KindRuntime:
			if _, err := ort.FindLibrary(d.g.rf.ortOptions()); err == nil {
				continue
			}
		}
		if models.Status(s).State != models.Installed {
			missing = append(missing, s)
		}
	}
	return missing
}

// prefDownloadDeclined remembers "Not now" to the download question.
const prefDownloadDeclined = "download_declined"

// offerDownload says once what is missing, with the command that fetches
// it, and asks whether to download it now (unless the user said "Not
// now" before).
func (d *desktopApp) offerDownload() {
	missing := d.missingSets()
	if len(missing) == 0 {
		return
	}
	var names, sized []string
	for _, s := range missing {
		names = append(names, s.Name)
		sized = append(sized, fmt.Sprintf("%s (%s)", s.Name, models.FormatBytes(s.Size())))
	}
	note := fmt.Sprintf("Not installed: %s. Without them, %s. To fetch them, run: describer models pull %s.",
		strings.Join(sized, ", "), withoutThem(missing), strings.Join(names, " "))
	d.win.SetStatus(note)
	plan, err := models.PlanPull(missing, models.Options{})
	if err != nil || plan.Files == 0 || d.a.Preferences().Bool(prefDownloadDeclined) {
		d.Say(note)
		return
	}
	question := fmt.Sprintf("Not installed: %s. Without them, %s. Download %s now?", strings.Join(names, ", "),
		withoutThem(missing), models.FormatBytes(plan.Bytes))
	d.win.AskDownload(question, func() { go d.download(plan) }, func() {
		d.a.Preferences().SetBool(prefDownloadDeclined, true)
		d.Say("Not now. To download later, run: describer models pull.")
	})
}

// withoutThem says what the app does without the missing sets.
func withoutThem(missing []models.Set) string {
	var parts []string
	for _, s := range missing {
		switch s.Kind {
		case models.KindCaption:
			parts = append(parts, "Describer reads the text but does not caption pictures")
		case models.KindVoice:
			parts = append(parts, "speech uses eSpeak NG")
		case models.KindOCR:
			parts = append(parts, "Describer cannot read text")
		case models.KindRuntime:
			parts = append(parts, "no model can run")
		}
	}
	return strings.Join(parts, ", and ")
}

// download fetches plan, saying its progress every 25 %; Stop cancels it.
func (d *desktopApp) download(plan models.Plan) {
	ctx, cancel := context.WithCancel(d.ctx)
	d.mu.Lock()
	d.cancelDownload = cancel
	d.mu.Unlock()
	defer cancel()
	d.Say("Downloading " + models.FormatBytes(plan.Bytes) + ". Press Stop to cancel.")
	var mu sync.Mutex
	quarter := 0
	opt := models.Options{Progress: func(p models.Progress) {
		if p.Total <= 0 {
			return
		}
		pct := int(min(100, p.Done*100/p.Total))
		mu.Lock()
		defer mu.Unlock()
		d.win.SetStatus(fmt.Sprintf("Downloading models: %d%%", pct))
		if q := pct / 25; q > quarter && q < 4 {
			quarter = q
			d.Say(fmt.Sprintf("%d percent downloaded.", q*25))
		}
	}}
	err := models.PullPlan(ctx, plan, opt)
	switch {
	case ctx.Err() != nil:
		d.win.SetStatus("Download cancelled.")
		d.Say("Download cancelled.")
	case err != nil:
		msg := ui.ErrorSentence(err)
		d.win.SetStatus(msg)
		d.Say(msg)
	default:
		d.win.SetStatus("Download finished.")
		d.Say("Download finished.")
		d.mu.Lock()
		s := d.settings
		d.mu.Unlock()
		d.applyVoice(s) // a new Piper voice is used at once; a caption model on next use
	}
}

// optionalCaptioner captions when the caption model is installed and the
// settings ask for captions, and otherwise leaves the caption out, so a
// missing or broken caption model never stops the text from being read.
// It loads the model on first need, and again once a download installs it.
type optionalCaptioner struct {
	d      *desktopApp
	mu     sync.Mutex
	c      app.Captioner
	failed bool
}

// load opens the model if it is installed; it reports a broken one once.
func (o *optionalCaptioner) load() app.Captioner {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.c != nil || o.failed {
		return o.c
	}
	if _, _, err := inference.ModelFiles(o.d.g.rf.modelDir()); err != nil {
		return nil // not installed (yet): text only
	}
	c, err := o.d.loader.load()
	if err != nil {
		o.failed = true
		o.d.win.SetStatus("The caption model cannot be used: " + ui.ErrorSentence(err) + " Describer reads the text only.")
		return nil
	}
	o.c = c
	return c
}

// Caption captions img, or returns no caption.
func (o *optionalCaptioner) Caption(ctx context.Context, img image.Image) (inference.Caption, error) {
	o.d.mu.Lock()
	on := o.d.includeCap
	o.d.mu.Unlock()
	if !on {
		return inference.Caption{}, nil
	}
	c := o.load()
	if c == nil {
		return inference.Caption{}, nil
	}
	return c.Caption(ctx, img)
}

// captioner is the Service's caption loader: it loads the model now if it
// is installed (Preload runs it at start-up).
func (d *desktopApp) captioner() (app.Captioner, error) {
	d.capt.load()
	return d.capt, nil
}

// textReader skips the OCR when the settings leave the text out.
type textReader struct {
	d *desktopApp
	r app.TextReader
}

func (t textReader) Read(ctx context.Context, img image.Image) (ocr.Result, error) {
	t.d.mu.Lock()
	on := t.d.includeText
	t.d.mu.Unlock()
	if !on {
		return ocr.Result{}, nil
	}
	return t.r.Read(ctx, img)
}

func (d *desktopApp) reader() (app.TextReader, error) {
	r, err := d.loader.loadReader()
	if err != nil {
		return nil, err
	}
	return textReader{d, r}, nil
}

// applyVoice opens the speech engine the settings ask for. Without a
// sound device the app still runs and shows the text.
func (d *desktopApp) applyVoice(s ui.Settings) {
	sf := speakFlags{engine: s.Engine, voice: s.Voice, rate: s.Rate, volume: 1, rf: runtimeFlags{device: "cpu"}}
	if sf.engine == "" {
		sf.engine = engineAuto
	}
	eng, err := openEngine(d.ctx, sf)
	if err != nil {
		d.voice.set(nil)
		msg := ui.ErrorSentence(err)
		if errors.Is(err, speech.ErrNoAudioDevice) {
			msg = "No sound device was found; descriptions are shown as text."
		}
		d.win.SetStatus(msg)
		return
	}
	if sp, ok := eng.(*speech.Speaker); ok {
		sp.OnFirstAudio = func(time.Duration) { d.trace.event("first-audio") }
	}
	d.voice.set(eng)
}

// applyHotkeys grabs the global hotkeys, releasing the ones held before.
func (d *desktopApp) applyHotkeys(h ui.Hotkeys) {
	if d.hk == nil {
		m, err := hotkey.New()
		if err != nil {
			d.hotkeyProblem(err)
			return
		}
		d.hk = m
	}
	d.mu.Lock()
	old := d.grabbed
	d.grabbed = nil
	d.mu.Unlock()
	for _, c := range old {
		_ = d.hk.Unregister(c)
	}
	for _, b := range []struct {
		text string
		fn   func()
	}{
		{h.DescribeScreen, func() { d.hotkey(ui.SourceScreen) }},
		{h.DescribeWindow, func() { d.hotkey(ui.SourceWindow) }},
		{h.DescribeClipboard, func() { d.hotkey(ui.SourceClipboard) }},
		{h.Stop, func() { d.trace.event("hotkey-stop"); d.Stop() }},
	} {
		if b.text == "" {
			continue
		}
		c, err := hotkey.Parse(b.text)
		if err == nil {
			err = d.hk.Register(c, b.fn)
		}
		if err != nil {
			d.hotkeyProblem(err)
			continue
		}
		d.mu.Lock()
		d.grabbed = append(d.grabbed, c)
		d.mu.Unlock()
	}
}

func (d *desktopApp) hotkey(src ui.Source) {
	d.trace.event("hotkey")
	d.Describe(ui.Request{Source: src})
}

// hotkeyProblem shows and says why a hotkey is not available.
func (d *desktopApp) hotkeyProblem(err error) {
	msg := ui.ErrorSentence(err)
	d.win.SetStatus(msg)
	d.Say(msg)
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
	d.mu.Lock()
	cancel := d.cancelDownload
	d.mu.Unlock()
	if cancel != nil {
		cancel()
	}
	d.jobs.Stop()
}

// Say speaks a UI message (ui.Controller).
func (d *desktopApp) Say(text string) { d.jobs.Say(text) }

// SettingsChanged applies saved settings (ui.Controller).
func (d *desktopApp) SettingsChanged(s ui.Settings) {
	d.mu.Lock()
	old := d.settings
	d.settings = s
	d.includeCap, d.includeText = s.IncludeCaption, s.IncludeText
	d.mu.Unlock()
	d.jobs.SetAutoSpeak(s.AutoSpeak)
	if s.Engine != old.Engine || s.Voice != old.Voice || s.Rate != old.Rate {
		go d.applyVoice(s)
	}
	if s.Hotkeys != old.Hotkeys {
		go d.applyHotkeys(s.Hotkeys)
	}
	if s.SaveHistory != old.SaveHistory {
		if s.SaveHistory {
			d.jobs.History.Path = historyPath()
			_ = d.jobs.History.Save()
		} else {
			_ = d.jobs.History.Clear()
			d.jobs.History.Path = ""
		}
	}
	if s.Device != old.Device {
		d.win.SetStatus("The new device is used when Describer starts again.")
	}
}

// Busy shows that a job started (app.Events).
func (d *desktopApp) Busy(what string) { d.win.SetBusy(what) }

// Done shows a result (app.Events).
func (d *desktopApp) Done(e app.Entry) {
	d.trace.event("described")
	d.win.ShowResult(toResult(e))
}

// Failed shows and says an error (app.Events).
func (d *desktopApp) Failed(err error) { d.win.ShowError(err) }

// Stopped says the job and speech stopped (app.Events).
func (d *desktopApp) Stopped() {
	d.win.SetBusy("")
	d.win.SetStatus("Stopped.")
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
	errs = append(errs, d.jobs.Close(), d.voice.Close(), d.svc.Close(), d.loader.close())
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

// switchVoice is an app.Voice whose engine can be replaced while jobs
// run (the user changes the voice in Settings); nil means silent.
type switchVoice struct {
	mu  sync.Mutex
	eng speech.Engine
}

func (v *switchVoice) set(e speech.Engine) {
	v.mu.Lock()
	old := v.eng
	v.eng = e
	v.mu.Unlock()
	if old != nil {
		_ = old.Close()
	}
}

func (v *switchVoice) get() speech.Engine {
	v.mu.Lock()
	defer v.mu.Unlock()
	return v.eng
}

// Speak says text with the current engine.
func (v *switchVoice) Speak(ctx context.Context, text string) error {
	if e := v.get(); e != nil {
		return e.Speak(ctx, text)
	}
	return nil
}

// Stop stops the current engine.
func (v *switchVoice) Stop() error {
	if e := v.get(); e != nil {
		return e.Stop()
	}
	return nil
}

// Close closes the current engine.
func (v *switchVoice) Close() error {
	v.set(nil)
	return nil
}

// tracer appends "UNIXNANO EVENT" lines to a file, for measuring the app
// from outside (hotkey → earcon → first audio); nil writes nothing.
type tracer struct {
	mu sync.Mutex
	f  *os.File
}

func openTracer(path string) *tracer {
	if path == "" {
		return nil
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		return nil
	}
	return &tracer{f: f}
}

func (t *tracer) event(name string) {
	if t == nil {
		return
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	fmt.Fprintf(t.f, "%d %s\n", time.Now().UnixNano(), name)
}

func (t *tracer) close() {
	if t != nil {
		t.f.Close()
	}
}
