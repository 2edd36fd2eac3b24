package espeak

import (
	"context"
	"errors"
	"fmt"
	"math"
	"sync/atomic"

	"github.com/describer/describer/speech"
)

// The speaking rates, in words per minute, that [New] accepts; rates
// outside are clamped. eSpeak NG's own range ends at 450; above that it
// speeds its output up with its built-in Sonic time stretcher.
const (
	MinRate = 80
	MaxRate = 1000
)

// Engine is a [speech.Synthesizer] that speaks with eSpeak NG directly,
// through its synthesis callback. Make one with [New]; the zero Engine
// speaks with the defaults. It is safe for concurrent use: every Engine in
// the process shares the one goroutine that owns the library, so calls run
// one after another.
type Engine struct {
	voice  string
	rate   int // words per minute
	volume int // eSpeak NG's scale: 0-200, 100 normal
	closed atomic.Bool
}

var _ speech.Synthesizer = (*Engine)(nil)

// New returns an Engine speaking with opt's settings: Voice is an eSpeak NG
// voice name such as "en-us" or "de" ("" means [DefaultVoice]); Rate is in
// words per minute (0 means [speech.NormalRate], 175; others are clamped to
// [MinRate, MaxRate]); Volume is from 0 to 1 (0 means 1). New starts the
// library if it has not started yet. An unknown voice gives an error
// matching [ErrUnknownVoice]; a missing library, [ErrUnavailable].
func New(opt speech.Options) (*Engine, error) {
	e := &Engine{voice: opt.Voice, rate: opt.Rate}
	if e.voice == "" {
		e.voice = DefaultVoice
	}
	switch {
	case opt.Rate < 0:
		return nil, fmt.Errorf("espeak: the rate is %d words per minute; it must not be negative", opt.Rate)
	case opt.Rate == 0:
		e.rate = speech.NormalRate
	default:
		e.rate = min(max(opt.Rate, MinRate), MaxRate)
	}
	if opt.Volume < 0 || opt.Volume > 1 || math.IsNaN(opt.Volume) {
		return nil, fmt.Errorf("espeak: the volume is %v; it must be from 0 to 1", opt.Volume)
	}
	e.volume = 100
	if opt.Volume > 0 {
		e.volume = int(math.Round(opt.Volume * 100))
	}
	if err := checkVoice(e.voice); err != nil {
		return nil, err
	}
	return e, nil
}

// Name is "eSpeak NG", for messages (speech.Speaker.Name).
func (e *Engine) Name() string { return "eSpeak NG" }

// Voice returns the eSpeak NG voice the engine speaks with.
func (e *Engine) Voice() string { return e.voice }

// Rate returns the speaking rate in words per minute.
func (e *Engine) Rate() int { return e.rate }

// Synthesize renders text as 16-bit mono audio at [SampleRate], ending with
// eSpeak NG's pause after a sentence, so that sentences synthesised one by
// one sound as they would in one piece. Text with nothing to say (see
// [Speakable]) gives empty audio and no error. A cancelled ctx stops the
// synthesis within one block of audio and returns ctx.Err().
func (e *Engine) Synthesize(ctx context.Context, text string) (speech.Audio, error) {
	if e.closed.Load() {
		return speech.Audio{}, errors.New("espeak: the engine is closed")
	}
	audio := speech.Audio{SampleRate: e.SampleRate()}
	if !Speakable(text) {
		return audio, ctx.Err()
	}
	voice, rate, volume := e.voice, e.rate, e.volume
	if voice == "" { // a zero Engine speaks with the defaults
		voice, rate, volume = DefaultVoice, speech.NormalRate, 100
	}
	samples, err := synthesize(ctx, voice, cleanText(text), rate, volume)
	if err != nil {
		return speech.Audio{}, err
	}
	audio.Samples = samples
	return audio, nil
}

// SampleRate returns the rate of the audio Synthesize returns: 22050.
func (e *Engine) SampleRate() int {
	if rate, err := librarySampleRate(); err == nil {
		return rate
	}
	return SampleRate
}

// Close marks the engine closed. The library itself stays loaded for the
// rest of the process (eSpeak NG cannot be restarted safely).
func (e *Engine) Close() error {
	e.closed.Store(true)
	return nil
}
