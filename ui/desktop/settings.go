package desktop

import (
	"strings"

	"github.com/describer/describer/app"
	"github.com/describer/describer/app/i18n"
	"github.com/describer/describer/ui"
)

// SettingsChanged applies saved settings (ui.Controller): the voice, the
// hotkeys and the history change at once, away from the window's
// goroutine; the device when Describer starts again.
func (a *App) SettingsChanged(s ui.Settings) {
	a.mu.Lock()
	old := a.settings
	a.settings = s
	a.mu.Unlock()
	a.jobs.SetAutoSpeak(s.AutoSpeak)
	switch {
	case s.Lang() != old.Lang():
		go a.languageChanged(s)
	case s.Engine != old.Engine || s.Voice != old.Voice || s.Rate != old.Rate:
		go a.tellIf(a.applyVoice(s))
	}
	if s.Hotkeys != old.Hotkeys {
		go func() { a.tellIf(strings.Join(a.applyHotkeys(s.Hotkeys), " ")) }()
	}
	a.jobs.History.SetBounds(s.HistoryEntries, s.HistoryMaxAge())
	if s.SaveHistory != old.SaveHistory {
		go a.keepHistory(s.SaveHistory)
	}
	if s.Device != old.Device {
		a.tell(i18n.T("settings.device-restart"))
	}
}

// keepHistory starts or stops keeping the history on disk; stopping
// deletes what was kept.
func (a *App) keepHistory(keep bool) {
	h := a.jobs.History
	var err error
	if keep {
		err = h.Keep(a.cfg.HistoryPath)
	} else {
		err = h.Forget()
	}
	if err != nil {
		a.tell(app.Sentence(err))
	}
}

// current returns the settings in use.
func (a *App) current() ui.Settings {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.settings
}

// tellIf tells msg unless it is empty.
func (a *App) tellIf(msg string) {
	if msg != "" {
		a.tell(msg)
	}
}
