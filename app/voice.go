package app

import (
	"context"
	"errors"
	"strings"
	"sync"

	"github.com/describer/describer/app/i18n"
	"github.com/describer/describer/speech"
)

// VoiceChoice is the speech the user chose in Settings.
type VoiceChoice struct {
	// Engine names the speech engine: auto, piper, espeak or
	// screenreader; "" means auto.
	Engine string
	// Voice names the voice within the engine; "" means its default.
	Voice string
	// Rate is the speaking rate in words per minute; 0 means normal.
	Rate int
	// Language is the language spoken ("de"): with no Voice, an
	// installed Piper voice of it or eSpeak NG's; "" means English.
	Language string
}

// SwitchVoice is a Voice whose engine can be replaced while jobs run (the
// user changes the voice in Settings); with no engine it is silent. Its
// methods are safe for concurrent use.
type SwitchVoice struct {
	// Open opens the engine for a choice. Without a sound device it
	// returns the engine together with an error matching
	// speech.ErrNoAudioDevice: the engine is kept, and speaks once a device
	// appears. speech/engine's Open, adapted, is the real one.
	Open func(ctx context.Context, c VoiceChoice) (speech.Engine, error)
	// Fallback names the always-available engine, eSpeak NG, used when the
	// chosen one cannot be opened.
	Fallback string
	// OnOpen, when set, sees each engine Apply opened, before it speaks.
	OnOpen func(speech.Engine)
	// OnEnd, when set, is called when a Speak ends: nil when the text was
	// spoken to the end, the error when it was cut off or failed.
	OnEnd func(error)
	// OnSpeak, when set, sees each text as it goes to the engine.
	OnSpeak func(e speech.Engine, text string)

	apply sync.Mutex // one Apply at a time
	mu    sync.Mutex // guards eng
	eng   speech.Engine
}

var _ Voice = (*SwitchVoice)(nil)

// Apply opens the engine c asks for and switches to it, closing the one
// before. When that engine cannot be opened it falls back to eSpeak NG;
// without a sound device the engine is kept and the text is shown. It
// returns a sentence saying what went wrong, or "".
func (v *SwitchVoice) Apply(ctx context.Context, c VoiceChoice) string {
	v.apply.Lock()
	defer v.apply.Unlock()
	eng, err := v.Open(ctx, c)
	problem := ""
	if err != nil && !errors.Is(err, speech.ErrNoAudioDevice) && c.Engine != v.Fallback {
		problem = i18n.T("voice.fallback", "Problem", Sentence(err))
		c.Engine, c.Voice = v.Fallback, ""
		eng, err = v.Open(ctx, c)
	}
	if err != nil && eng == nil {
		v.Set(nil)
		return Sentence(err)
	}
	if v.OnOpen != nil {
		v.OnOpen(eng)
	}
	v.Set(eng)
	if errors.Is(err, speech.ErrNoAudioDevice) {
		return strings.TrimSpace(problem + " " + i18n.T("voice.no-device"))
	}
	return problem
}

// Set switches to e (nil: silent) and closes the engine before.
func (v *SwitchVoice) Set(e speech.Engine) {
	v.mu.Lock()
	old := v.eng
	v.eng = e
	v.mu.Unlock()
	if old != nil {
		_ = old.Close()
	}
}

// Engine is the current engine, or nil.
func (v *SwitchVoice) Engine() speech.Engine {
	v.mu.Lock()
	defer v.mu.Unlock()
	return v.eng
}

// Speak says text with the current engine.
func (v *SwitchVoice) Speak(ctx context.Context, text string) error {
	e := v.Engine()
	if e == nil {
		return nil
	}
	if v.OnSpeak != nil {
		v.OnSpeak(e, text)
	}
	err := e.Speak(ctx, text)
	if v.OnEnd != nil {
		v.OnEnd(err)
	}
	return err
}

// Stop stops the current engine.
func (v *SwitchVoice) Stop() error {
	if e := v.Engine(); e != nil {
		return e.Stop()
	}
	return nil
}

// Close closes the current engine and leaves the voice silent.
func (v *SwitchVoice) Close() error {
	v.Set(nil)
	return nil
}
