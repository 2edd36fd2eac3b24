//go:build cgo

package main

import (
	"github.com/describer/describer/ui"
	"github.com/describer/describer/ui/hotkey"
)

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
