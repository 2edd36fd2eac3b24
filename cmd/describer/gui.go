//go:build cgo

package main

import (
	"context"
	"errors"
	"fmt"
	"image"
	"os"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"

	"github.com/describer/describer/app"
	"github.com/describer/describer/inference"
	"github.com/describer/describer/inference/imaging"
	"github.com/describer/describer/speech"
	"github.com/describer/describer/speech/engine"
	"github.com/describer/describer/speech/oto"
	"github.com/describer/describer/ui"
	"github.com/describer/describer/ui/capture"
	"github.com/describer/describer/ui/desktop"
	"github.com/describer/describer/ui/hotkey"
	"github.com/describer/describer/ui/instance"
	"github.com/describer/describer/ui/syslook"
)

// appID is the desktop app's ID, as in FyneApp.toml.
const appID = "app.describer.describer"

// gui runs the desktop app until it quits.
func (m *Main) gui(ctx context.Context, args []string) error {
	g, files, err := m.parseGUI(args)
	if err == nil {
		err = g.checkLook()
	}
	if err != nil {
		return err
	}
	if !desktop.HaveDisplay() {
		return usageError{"there is no display to show the window on (DISPLAY is not set); start Describer in your desktop session, or use a command such as \"describer describe --help\""}
	}
	return m.runDesktop(ctx, g, files)
}

// runDesktop makes this the only running app (or hands files to the one
// that runs), builds the adapters and runs the window until it quits.
func (m *Main) runDesktop(ctx context.Context, g guiFlags, files []string) (err error) {
	var d *desktop.App // set before inst.Ready lets messages through
	inst, err := instance.Claim(instance.SocketPath(), files, func(f []string) { d.DescribeFiles(f) })
	if errors.Is(err, instance.ErrAlreadyRunning) {
		fmt.Fprintln(m.Stdout, "Describer is already running; its window is shown.")
		return nil
	}
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, inst.Close()) }()
	cfg, closeAll, err := g.config()
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, closeAll()) }()
	d = desktop.New(ctx, cfg)
	d.Window().Window().Show()
	cfg.Trace.Event("window-shown")
	inst.Ready()
	defer func() { err = errors.Join(err, d.Close()) }()
	go d.Start(files)
	stop := context.AfterFunc(ctx, func() { fyne.Do(cfg.App.Quit) })
	defer stop()
	cfg.App.Run()
	return nil
}

// config builds the real adapters: the Fyne app, ONNX Runtime's models,
// speech, the sound device, the X11 hotkeys, the logs. closeAll closes
// what the desktop app does not.
func (g guiFlags) config() (cfg desktop.Config, closeAll func() error, err error) {
	var log *os.File
	if g.logFile != "" {
		if log, err = os.OpenFile(g.logFile, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600); err != nil {
			return cfg, nil, usageError{fmt.Sprintf("cannot open %s for the description log", g.logFile)}
		}
		cfg.Log = log
	}
	a := fyneapp.NewWithID(appID)
	a.SetIcon(ui.Icon)
	cfg.App = desktop.WithoutTray(a)
	cfg.System = syslook.Read(context.Background())
	cfg.Settings = g.settings(a.Preferences(), cfg.System)
	if !g.deviceSet {
		g.rf.device = cfg.Settings.Device
	}
	l := newLoader(g.rf, g.ocrDir, inference.CaptionOptions{}, "")
	l.QuestionDir, l.TranslationDir = g.askDir, g.trDir
	g.models(&cfg, l)
	cfg.Desktop = capture.Desktop{}
	cfg.HistoryPath, cfg.LegacyHistory = historyPaths()
	cfg.LoadImage = func(path string) (image.Image, error) { img, _, err := imaging.LoadImage(path); return img, err }
	cfg.OpenVoice = func(ctx context.Context, c app.VoiceChoice) (speech.Engine, error) {
		return engine.Open(ctx, engine.Config{Engine: c.Engine, Voice: c.Voice, Rate: c.Rate, Language: c.Language})
	}
	cfg.FallbackEngine = engine.Espeak
	cfg.OpenSound = func() (speech.Player, error) { return oto.Open(22050) }
	cfg.Hotkeys = func() (desktop.Grabber, error) { return hotkey.New() }
	cfg.Trace = app.OpenTrace(g.trace)
	return cfg, func() error {
		errs := []error{l.Close(), cfg.Trace.Close()}
		if log != nil {
			errs = append(errs, log.Close())
		}
		return errors.Join(errs...)
	}, nil
}

// checkLook checks --theme and --text-size.
func (g guiFlags) checkLook() error {
	switch {
	case g.theme != "" && !slices.Contains(ui.Themes, g.theme):
		return usageError{fmt.Sprintf("--theme must be %s, not %q", strings.Join(ui.Themes, ", "), g.theme)}
	case g.textSize != 0 && (g.textSize < ui.MinTextSize || g.textSize > ui.MaxTextSize):
		return usageError{fmt.Sprintf("--text-size must be from %d to %d percent, not %d", ui.MinTextSize, ui.MaxTextSize, g.textSize)}
	}
	return nil
}

// settings are the saved settings, started from the system's look (see
// syslook.Read) where none was saved, with this run's flags applied.
func (g guiFlags) settings(p fyne.Preferences, sys syslook.Look) ui.Settings {
	s := ui.LoadSettings(p).FollowSystem(p, sys)
	if g.engine != "" {
		s.Engine = g.engine
	}
	if g.voice != "" {
		s.Voice = g.voice
	}
	if g.theme != "" {
		s.Theme = g.theme
	}
	if g.textSize != 0 {
		s.TextSize = g.textSize
	}
	return s
}
