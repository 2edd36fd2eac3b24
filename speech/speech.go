// Package speech turns text into sound a person hears: sentence splitting,
// PCM scaling and resampling, WAV writing, and the streaming speaker that
// synthesises sentence n+1 while sentence n plays. Engines live in
// sub-packages (piper, espeak, screenreader), speech/engine chooses and
// opens one, and only speech/oto imports oto.
package speech

import (
	"context"
	"errors"
)

// Audio is mono signed 16-bit PCM.
type Audio struct {
	// SampleRate is in samples per second.
	SampleRate int
	// Samples holds the waveform.
	Samples []int16
}

// Duration returns the length of a in seconds.
func (a Audio) Duration() float64 {
	if a.SampleRate <= 0 {
		return 0
	}
	return float64(len(a.Samples)) / float64(a.SampleRate)
}

// Synthesizer turns text into audio. Implementations need not be safe for
// concurrent use; the Speaker calls one at a time.
type Synthesizer interface {
	// Synthesize returns the audio for text, normally one sentence.
	// Text with nothing to say (only punctuation, only emoji) gives empty
	// audio and no error.
	Synthesize(ctx context.Context, text string) (Audio, error)
	// SampleRate is the rate of the audio Synthesize returns.
	SampleRate() int
	// Close releases the engine.
	Close() error
}

// Player plays PCM at one fixed sample rate.
type Player interface {
	// SampleRate is the only rate Play accepts.
	SampleRate() int
	// Play plays samples and returns once they have been heard, or as
	// soon as ctx is done (stopping the sound within 50 ms).
	Play(ctx context.Context, samples []int16) error
	// Close releases the audio device.
	Close() error
}

// Engine speaks text by whatever means it has: a synthesizer and a player,
// or the user's own screen reader.
type Engine interface {
	// Speak says text, interrupting anything still being said, and
	// returns when it has been said, ctx is done, or Stop is called. When
	// Stop or a newer Speak cuts it off it returns ErrInterrupted, or nil
	// from engines that cannot tell (a screen reader that only takes the
	// text). Text with nothing speakable gives ErrNothingToSay.
	Speak(ctx context.Context, text string) error
	// Stop silences the engine at once.
	Stop() error
	// Name says which engine this is, for messages ("eSpeak NG", "Piper",
	// "Orca", …).
	Name() string
	// Close releases the engine.
	Close() error
}

// Options are the voice settings common to every engine. The zero value
// means each engine's defaults.
type Options struct {
	// Rate is the speaking rate in words per minute; 0 = the voice's
	// normal rate (175 wpm for eSpeak NG, length_scale 1 for Piper).
	Rate int
	// Volume is from 0 to 1; 0 means full volume (1).
	Volume float64
	// Voice is an engine-specific voice: an eSpeak NG voice name such as
	// "en-us", or the path of a Piper voice's .onnx file.
	Voice string
}

// NormalRate is the words-per-minute rate that Options.Rate scales from.
const NormalRate = 175

// ErrNoAudioDevice means sound cannot be played on this machine; text
// output still works.
var ErrNoAudioDevice = errors.New("no sound device is available")

// ErrNothingToSay means the text had no speakable content.
var ErrNothingToSay = errors.New("there is nothing to say in this text")
