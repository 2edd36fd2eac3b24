//go:build cgo

package main

import (
	"github.com/describer/describer/app"
	"github.com/describer/describer/ui"
	"github.com/describer/describer/ui/hotkey"
)

// applyHotkeys grabs the global hotkeys, releasing the ones held before.
// It returns sentences saying which could not be had, and why.
func (d *desktopApp) applyHotkeys(h ui.Hotkeys) []string {
	d.applyMu.Lock()
	defer d.applyMu.Unlock()
	if d.hk == nil {
		m, err := hotkey.New()
		if err != nil {
			return []string{app.Sentence(err)}
		}
		d.hk = m
	}
	for _, c := range d.grabbed {
		_ = d.hk.Unregister(c)
	}
	d.grabbed = nil
	var problems []string
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
			problems = append(problems, app.Sentence(err))
			continue
		}
		d.grabbed = append(d.grabbed, c)
	}
	return problems
}

// hotkey starts a job for a global hotkey: whatever window the user is in
// stays as it is (only requests from Describer's own window hide it).
func (d *desktopApp) hotkey(src ui.Source) {
	d.trace.event("hotkey")
	d.jobs.Describe(ui.Request{Source: src})
}
