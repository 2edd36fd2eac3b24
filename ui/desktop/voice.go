package desktop

import (
	"strings"
	"time"

	"github.com/describer/describer/app"
	"github.com/describer/describer/speech"
	"github.com/describer/describer/ui"
)

// newVoice makes the app's switchable voice; the trace hears when speech
// starts and ends.
func (a *App) newVoice() *app.SwitchVoice {
	tr := a.cfg.Trace
	return &app.SwitchVoice{
		Open:     a.cfg.OpenVoice,
		Fallback: a.cfg.FallbackEngine,
		OnOpen: func(e speech.Engine) {
			if sp, ok := e.(*speech.Speaker); ok {
				sp.OnFirstAudio = func(time.Duration) { tr.Event("first-audio") }
				sp.OnSentence = a.sentenceHeard
			}
		},
		OnSpeak: func(e speech.Engine, text string) { tr.Event("speak " + voiceName(e) + " " + oneLine(text)) },
		OnEnd: func(err error) {
			if err == nil {
				tr.Event("spoken")
			} else {
				tr.Event("speech-cut")
			}
		},
	}
}

// sentenceHeard traces the sentence starting to be heard and has the
// window highlight it in the result.
func (a *App) sentenceHeard(sentence string) {
	a.cfg.Trace.Event("sentence " + oneLine(sentence))
	if a.win != nil {
		a.win.Speaking(sentence)
	}
}

// applyVoice opens the speech engine the settings ask for (falling back to
// eSpeak NG); it returns a sentence saying what went wrong, or "".
func (a *App) applyVoice(s ui.Settings) string {
	return a.voice.Apply(a.ctx, app.VoiceChoice{Engine: s.Engine, Voice: s.Voice, Rate: s.Rate, Language: s.Lang()})
}

// voiceName names an engine and its voice for the trace: "eSpeak NG/de".
func voiceName(e speech.Engine) string {
	if v, ok := e.(interface{ Voice() string }); ok && v.Voice() != "" {
		return e.Name() + "/" + v.Voice()
	}
	return e.Name()
}

// oneLine is text on one line, for the trace.
func oneLine(text string) string { return strings.Join(strings.Fields(text), " ") }
