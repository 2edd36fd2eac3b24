//go:build cgo

package main

import (
	"context"
	"time"

	"github.com/describer/describer/app"
	"github.com/describer/describer/speech"
	"github.com/describer/describer/speech/engine"
	"github.com/describer/describer/ui"
)

// newVoice makes the app's switchable voice over speech/engine; the trace
// hears when speech starts and ends.
func (d *desktopApp) newVoice() *app.SwitchVoice {
	return &app.SwitchVoice{
		Open: func(ctx context.Context, c app.VoiceChoice) (speech.Engine, error) {
			return engine.Open(ctx, engine.Config{Engine: c.Engine, Voice: c.Voice, Rate: c.Rate})
		},
		Fallback: engine.Espeak,
		OnOpen: func(e speech.Engine) {
			if sp, ok := e.(*speech.Speaker); ok {
				sp.OnFirstAudio = func(time.Duration) { d.trace.event("first-audio") }
			}
		},
		OnEnd: func(err error) {
			if err == nil {
				d.trace.event("spoken")
			} else {
				d.trace.event("speech-cut")
			}
		},
	}
}

// applyVoice opens the speech engine the settings ask for (falling back to
// eSpeak NG); it returns a sentence saying what went wrong, or "".
func (d *desktopApp) applyVoice(s ui.Settings) string {
	return d.voice.Apply(d.ctx, app.VoiceChoice{Engine: s.Engine, Voice: s.Voice, Rate: s.Rate})
}
