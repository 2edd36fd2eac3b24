//go:build cgo

package main

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/describer/describer/speech"
	"github.com/describer/describer/speech/engine"
	"github.com/describer/describer/ui"
)

// applyVoice opens the speech engine the settings ask for. When it cannot
// be opened it falls back to eSpeak NG; without a sound device the app
// still runs and shows the text. It returns a sentence saying what went
// wrong, or "".
func (d *desktopApp) applyVoice(s ui.Settings) string {
	d.applyMu.Lock()
	defer d.applyMu.Unlock()
	cfg := engine.Config{Engine: s.Engine, Voice: s.Voice, Rate: s.Rate}
	eng, err := engine.Open(d.ctx, cfg)
	problem := ""
	if err != nil && !errors.Is(err, speech.ErrNoAudioDevice) && cfg.Engine != engine.Espeak {
		problem = "The chosen voice cannot be used: " + ui.ErrorSentence(err) + " Using eSpeak NG."
		cfg.Engine, cfg.Voice = engine.Espeak, ""
		eng, err = engine.Open(d.ctx, cfg)
	}
	if err != nil && eng == nil {
		d.voice.set(nil)
		return ui.ErrorSentence(err)
	}
	if sp, ok := eng.(*speech.Speaker); ok {
		sp.OnFirstAudio = func(time.Duration) { d.trace.event("first-audio") }
	}
	// Without a sound device the engine is kept: it speaks once one appears.
	d.voice.set(eng)
	if errors.Is(err, speech.ErrNoAudioDevice) {
		return "No sound device was found; descriptions are shown as text until one is."
	}
	return problem
}

// switchVoice is an app.Voice whose engine can be replaced while jobs
// run (the user changes the voice in Settings); nil means silent.
type switchVoice struct {
	mu  sync.Mutex
	eng speech.Engine
	// onEnd, when set, is called when a Speak ends: nil when the text was
	// spoken to the end, the error when it was cut off or failed.
	onEnd func(error)
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
		err := e.Speak(ctx, text)
		if v.onEnd != nil {
			v.onEnd(err)
		}
		return err
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
