package desktop

import (
	"context"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"

	"github.com/describer/describer/app"
	"github.com/describer/describer/app/i18n"
	"github.com/describer/describer/ui"
)

// Start does the slow parts after the window is shown: speech, earcons,
// hotkeys, history, the models, and then the files. What went wrong on
// the way is said once, together, before the download question or "ready"
// (one message would cut off another). Only what the user can act on is
// said: why the models run on the CPU goes to the log.
func (a *App) Start(files []string) {
	var notes []string
	note := func(msg ...string) {
		for _, m := range msg {
			if m != "" && !slices.Contains(notes, m) { // said once
				notes = append(notes, m)
			}
		}
	}
	s := a.cfg.Settings
	note(a.applyVoice(s))
	a.openSounds()
	note(a.applyHotkeys(s.Hotkeys)...)
	note(a.loadHistory(s))
	// Load the models now, in the background of the shown window, so the
	// first description does not wait for them.
	_ = a.svc.Preload()
	a.logDeviceNote()
	prefix := strings.Join(notes, " ")
	if prefix != "" {
		a.win.SetStatus(prefix)
	}
	if !a.downloads.Offer(a.ctx, prefix) {
		a.Say(strings.TrimSpace(prefix + " " + readyMessage(s)))
	}
	for _, f := range files {
		a.jobs.Describe(ui.Request{Source: ui.SourceFile, Path: f})
	}
	a.cfg.Trace.Event("models-loaded")
}

// openSounds opens the earcons' player. OpenSound gives a player even with
// no sound device yet: the earcons come back when a device does.
func (a *App) openSounds() {
	if a.cfg.OpenSound == nil {
		return
	}
	p, _ := a.cfg.OpenSound()
	if p == nil {
		return
	}
	if err := a.sounds.Open(p); err != nil {
		_ = p.Close()
	}
}

// loadHistory reads the kept history into the window, when it is kept; it
// returns the sentence of a failure, or "".
func (a *App) loadHistory(s ui.Settings) string {
	if !s.SaveHistory {
		return ""
	}
	h := a.jobs.History
	err := h.Load()
	a.win.SetHistory(toResults(h.Entries()))
	if err != nil {
		return app.Sentence(err)
	}
	return ""
}

// logDeviceNote logs why the models run on the CPU, when a GPU was asked
// for or "auto" found none: "doctor" says it too, the voice does not.
func (a *App) logDeviceNote() {
	if a.cfg.DeviceNote == nil {
		return
	}
	if note := a.cfg.DeviceNote(); note != "" {
		app.Logf(a.cfg.ErrorLog, "models run on the CPU: %s", note)
	}
}

// readyMessage is what the app says once it has started with everything
// installed: how to describe the screen, and how to hear every key.
func readyMessage(s ui.Settings) string {
	if s.Hotkeys.DescribeScreen == "" {
		return i18n.T("ready.no-hotkey")
	}
	return i18n.T("ready", "Hotkey", s.Hotkeys.DescribeScreen)
}

// ownWindowDelay is how long the window manager gets to hand the focus
// back to the window the user was in, once Describer's window is hidden.
const ownWindowDelay = 300 * time.Millisecond

// beforeCapture hides Describer's window while the screen or the active
// window is captured for a request made in that window, so the capture
// shows what the user was looking at; the window comes back after.
func (a *App) beforeCapture(ctx context.Context, r app.Request) func() {
	if !r.FromWindow || r.Source == app.SourceClipboard {
		return nil
	}
	fyne.DoAndWait(func() { a.win.Window().Hide() })
	select {
	case <-time.After(ownWindowDelay):
	case <-ctx.Done():
	}
	return func() { fyne.Do(func() { a.win.Window().Show() }) }
}
