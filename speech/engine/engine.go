// Package engine chooses and opens the speech engine: the user's screen
// reader, a Piper voice or eSpeak NG, by the rule both the speak command
// and the app follow. It holds the list of engine names (Choices) that the
// --engine flag and the settings offer.
package engine

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/describer/describer/inference/ort"
	"github.com/describer/describer/models"
	"github.com/describer/describer/speech"
	"github.com/describer/describer/speech/espeak"
	"github.com/describer/describer/speech/oto"
	"github.com/describer/describer/speech/piper"
	"github.com/describer/describer/speech/screenreader"
)

// Config says which engine and voice to open. The zero value means Auto,
// each voice's normal rate, full volume, and Piper voices on the CPU.
type Config struct {
	// Engine is one of the names in Choices; "" means Auto.
	Engine string
	// Voice is a Piper voice's .onnx file or an eSpeak NG voice name such
	// as "en-us". "" means the installed Piper voice (InstalledPiperVoice)
	// for Auto and Piper, else eSpeak NG's default. With Auto, naming a
	// voice means Describer's own voice: the screen reader is not asked.
	Voice string
	// Rate is the speaking rate in words per minute; 0 means the voice's
	// normal rate (speech.NormalRate).
	Rate int
	// Volume is from 0 to 1; 0 means full volume. The engine applies it.
	Volume float64
	// Device is where Piper voices run, as ort.Options.Device; "" means
	// "cpu".
	Device string
	// Library is the ONNX Runtime shared library for Piper voices, as
	// ort.Options.LibraryPath; "" means ONNX Runtime's search.
	Library string
	// Threads is the number of CPU threads for Piper voices; 0 means
	// ONNX Runtime's default.
	Threads int
	// DataDir is Describer's data folder, holding voices/ (installed Piper
	// voices) and runtime/ (ONNX Runtime); "" means models.DataDir().
	DataDir string
	// Language is the text's language as an ISO 639-1 code ("de"); "" is
	// English. With no voice named, Describer's own voice follows it: an
	// installed Piper voice of that language, else eSpeak NG's voice of
	// that name. A screen reader gets the text as it is.
	Language string
}

// ErrNoPiperVoice means Piper was asked for with no voice named, and none
// is installed.
var ErrNoPiperVoice = errors.New("no Piper voice is installed")

// VoiceError is a Piper voice that cannot be loaded: its file is missing,
// damaged, or not a Piper voice. Its message is Err's, which names the file.
type VoiceError struct {
	// Path is the voice's .onnx file.
	Path string
	// Err is what went wrong.
	Err error
}

// Error returns Err's message.
func (e *VoiceError) Error() string { return e.Err.Error() }

// Unwrap returns Err.
func (e *VoiceError) Unwrap() error { return e.Err }

// Open opens the engine cfg asks for: the screen reader when asked for, or
// (Auto, no voice named) when one runs; otherwise Describer's own voice
// (see OpenSynthesizer) through the sound device. Without a sound device
// the error matches speech.ErrNoAudioDevice and the engine is returned as
// well: it speaks once a device appears (close it when it is not wanted).
// With an Engine not in Choices, the error is ErrUnknownEngine.
func Open(ctx context.Context, cfg Config) (speech.Engine, error) {
	return system.open(ctx, cfg)
}

// OpenSynthesizer opens Describer's own voice, for writing speech to a
// file: Piper when asked for, or (Auto) when the voice named is a .onnx
// file or a Piper voice is installed; else eSpeak NG. Piper with no voice
// named and none installed fails with ErrNoPiperVoice; a voice that does
// not load, with a *VoiceError. ScreenReader is refused: a screen reader
// speaks for itself.
func OpenSynthesizer(cfg Config) (speech.Synthesizer, error) {
	return system.synthesizer(cfg)
}

// openers are the constructors Open uses; tests put fakes in.
type openers struct {
	// detect opens the screen reader that runs, or fails with
	// screenreader.ErrNoScreenReader.
	detect func(context.Context, screenreader.Config) (speech.Engine, error)
	// screenReader opens the screen reader, or the speech server, even
	// when none is seen running.
	screenReader func(context.Context, screenreader.Config) (speech.Engine, error)
	// piper loads the Piper voice at path.
	piper func(path string, cfg Config) (speech.Synthesizer, error)
	// espeak opens eSpeak NG.
	espeak func(speech.Options) (speech.Synthesizer, error)
	// player opens the sound device at rate.
	player func(rate int) (speech.Player, error)
}

// system are the real engines.
var system = openers{
	detect:       screenreader.Detect,
	screenReader: screenreader.Open,
	piper:        loadPiper,
	espeak: func(opt speech.Options) (speech.Synthesizer, error) {
		e, err := espeak.New(opt)
		if err != nil {
			return nil, err
		}
		return e, nil
	},
	// oto.Open gives a player even with no sound device yet (with the
	// error): it plays once a device appears.
	player: func(rate int) (speech.Player, error) {
		p, err := oto.Open(rate)
		if p == nil {
			return nil, err
		}
		return p, err
	},
}

func (o openers) open(ctx context.Context, cfg Config) (speech.Engine, error) {
	name, err := cfg.engine()
	if err != nil {
		return nil, err
	}
	sr := screenreader.Config{Voice: cfg.options()}
	switch name {
	case ScreenReader:
		return o.screenReader(ctx, sr)
	case Auto:
		if cfg.Voice == "" {
			eng, err := o.detect(ctx, sr)
			if err == nil {
				return eng, nil
			}
			if !errors.Is(err, screenreader.ErrNoScreenReader) {
				return nil, err
			}
		}
	}
	syn, err := o.synthesizer(cfg)
	if err != nil {
		return nil, err
	}
	player, err := o.player(syn.SampleRate())
	if player == nil {
		return nil, errors.Join(err, syn.Close())
	}
	// The engine applies the volume, so the Speaker is given none (it
	// would apply it a second time). With err (no sound device yet) the
	// speaker is returned too: it speaks once a device appears.
	return speech.NewSpeaker(syn, player, speech.Options{}), err
}

func (o openers) synthesizer(cfg Config) (speech.Synthesizer, error) {
	name, err := cfg.engine()
	if err != nil {
		return nil, err
	}
	isPiper := strings.HasSuffix(cfg.Voice, ".onnx")
	switch {
	case name == ScreenReader:
		return nil, errors.New("a screen reader speaks for itself; it has no voice of Describer's own")
	case name == Piper || name == Auto && (isPiper || cfg.Voice == ""):
		voice := cfg.Voice
		if voice == "" {
			voice = InstalledPiperVoiceFor(cfg.DataDir, cfg.Language)
		}
		if voice != "" {
			return o.piper(voice, cfg)
		}
		if name == Piper {
			return nil, fmt.Errorf("%w in %s", ErrNoPiperVoice, VoicesDir(cfg.DataDir))
		}
	}
	opt := cfg.options()
	switch {
	case !isPiper && cfg.Voice != "":
		opt.Voice = cfg.Voice
	case !english(cfg.Language):
		opt.Voice = cfg.Language // eSpeak NG names its voices by language: de, fr, es
	}
	return o.espeak(opt)
}

// engine returns the engine's name, Auto for "", or Check's error.
func (cfg Config) engine() (string, error) {
	if cfg.Engine == "" {
		return Auto, nil
	}
	return cfg.Engine, Check(cfg.Engine)
}

// options are the rate and volume for the engine.
func (cfg Config) options() speech.Options {
	return speech.Options{Rate: cfg.Rate, Volume: cfg.Volume}
}

// runtime are the ONNX Runtime options for Piper voices.
func (cfg Config) runtime() ort.Options {
	o := ort.Options{LibraryPath: cfg.Library, DataDir: cfg.DataDir, Device: cfg.Device, Threads: cfg.Threads}
	if o.DataDir == "" {
		o.DataDir = models.DataDir()
	}
	o.GraphCache = models.GraphCacheDir(o.DataDir)
	if o.Device == "" {
		o.Device = ort.DeviceCPU
	}
	return o
}

// loadPiper loads the Piper voice at path on a runtime of its own.
func loadPiper(path string, cfg Config) (speech.Synthesizer, error) {
	rt, err := ort.Open(cfg.runtime())
	if err != nil {
		return nil, err
	}
	v, err := piper.LoadVoice(path, rt.Opener())
	if err == nil {
		err = v.SetOptions(cfg.options())
	}
	if err != nil {
		if v != nil {
			err = errors.Join(err, v.Close())
		}
		return nil, &VoiceError{Path: path, Err: errors.Join(err, rt.Close())}
	}
	return &piperVoice{Synthesizer: v, rt: rt}, nil
}

// piperVoice closes a Piper voice and then its runtime.
type piperVoice struct {
	speech.Synthesizer
	rt *ort.Runtime
}

func (p *piperVoice) Close() error { return errors.Join(p.Synthesizer.Close(), p.rt.Close()) }

// Speak opens the engine cfg asks for, says text with it and closes it:
// what "describer speak" does. Without a sound device it returns an error
// matching speech.ErrNoAudioDevice and says nothing.
func Speak(ctx context.Context, cfg Config, text string) error {
	eng, err := Open(ctx, cfg)
	if err != nil {
		if eng != nil {
			err = errors.Join(err, eng.Close())
		}
		return err
	}
	return errors.Join(eng.Speak(ctx, text), eng.Close())
}
