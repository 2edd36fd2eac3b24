package desktop

import (
	"errors"

	"github.com/describer/describer/app"
	"github.com/describer/describer/app/i18n"
	"github.com/describer/describer/ui"
	"github.com/describer/describer/ui/hotkey"
)

// applyHotkeys grabs the global hotkeys, releasing the ones held before.
// It returns sentences saying which could not be had, and why.
func (a *App) applyHotkeys(h ui.Hotkeys) []string {
	a.hotkeysMu.Lock()
	defer a.hotkeysMu.Unlock()
	if a.cfg.Hotkeys == nil {
		return nil
	}
	if a.hk == nil {
		g, err := a.cfg.Hotkeys()
		if err != nil {
			return []string{hotkeySentence(err, "")}
		}
		a.hk = g
	}
	for _, c := range a.grabbed {
		_ = a.hk.Unregister(c)
	}
	a.grabbed = nil
	var problems []string
	for _, b := range a.bindings(h) {
		if b.text == "" {
			continue
		}
		c, err := hotkey.Parse(b.text)
		if err == nil {
			err = a.hk.Register(c, b.fn)
		}
		if err != nil {
			problems = append(problems, hotkeySentence(err, c.String()))
			continue
		}
		a.grabbed = append(a.grabbed, c)
	}
	return problems
}

// hotkeySentence words why the hotkey key (or all of them, for "") could
// not be had, in the user's language.
func hotkeySentence(err error, key string) string {
	switch {
	case errors.Is(err, hotkey.ErrTaken) && key != "":
		return i18n.T("hotkey.taken", "Key", key)
	case errors.Is(err, hotkey.ErrNoDisplay):
		return i18n.T("hotkey.no-display")
	case errors.Is(err, hotkey.ErrUnsupported):
		return i18n.T("hotkey.unsupported")
	}
	return app.Sentence(err)
}

// binding is one global hotkey and what it does.
type binding struct {
	text string
	fn   func()
}

// bindings are the hotkeys' actions. A hotkey leaves whatever window the
// user is in as it is (only requests from Describer's own window hide it).
func (a *App) bindings(h ui.Hotkeys) []binding {
	describe := func(src ui.Source) func() {
		return func() {
			a.cfg.Trace.Event("hotkey")
			a.jobs.Describe(ui.Request{Source: src})
		}
	}
	return []binding{
		{h.DescribeScreen, describe(ui.SourceScreen)},
		{h.DescribeWindow, describe(ui.SourceWindow)},
		{h.DescribeClipboard, describe(ui.SourceClipboard)},
		{h.ReadBlock, describe(ui.SourcePointer)},
		{h.More, func() { a.cfg.Trace.Event("hotkey"); a.jobs.Describe(ui.Request{More: true}) }},
		{h.Ask, func() { a.cfg.Trace.Event("hotkey-ask"); a.win.AskQuestion() }},
		{h.Find, func() { a.cfg.Trace.Event("hotkey-find"); a.win.ShowFind() }},
		{h.Stop, func() { a.cfg.Trace.Event("hotkey-stop"); a.Stop() }},
	}
}
