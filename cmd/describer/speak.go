package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/describer/describer/inference/ort"
	"github.com/describer/describer/models"
	"github.com/describer/describer/speech"
	"github.com/describer/describer/speech/espeak"
	"github.com/describer/describer/speech/oto"
	"github.com/describer/describer/speech/piper"
	"github.com/describer/describer/speech/screenreader"
)

// Engine names for --engine.
const (
	engineAuto         = "auto"
	enginePiper        = "piper"
	engineEspeak       = "espeak"
	engineScreenReader = "screenreader"
)

// maxSpeakInput bounds what speak reads from standard input (16 MiB).
const maxSpeakInput = 16 << 20

// speakFlags are the speak command's settings.
type speakFlags struct {
	engine string
	voice  string
	rate   int
	volume float64
	out    string
	rf     runtimeFlags
}

func (m *Main) speak(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("speak", flag.ContinueOnError)
	var sf speakFlags
	fs.StringVar(&sf.engine, "engine", engineAuto, "auto, piper, espeak or screenreader (auto: your screen reader if one runs, else a Piper voice if installed, else eSpeak NG)")
	fs.StringVar(&sf.voice, "voice", "", "a Piper voice's .onnx file, or an eSpeak NG voice name such as en-us")
	fs.IntVar(&sf.rate, "rate", 0, "speaking rate in words per minute (default: the voice's normal rate, about 175)")
	fs.Float64Var(&sf.volume, "volume", 1, "volume from 0.05 to 1")
	fs.StringVar(&sf.out, "out", "", "write a 16-bit PCM WAV file instead of playing")
	fs.StringVar(&sf.rf.ortLib, "ort-lib", "", "path of the ONNX Runtime shared library (for Piper voices)")
	fs.StringVar(&sf.rf.device, "device", "cpu", "where Piper voices run: auto, cpu, cuda, directml or coreml")
	fs.IntVar(&sf.rf.threads, "threads", 0, "CPU threads for Piper voices (0 = automatic)")
	words, err := parseInterspersed(fs, args, m.Stdout)
	if err != nil {
		return err
	}
	if err := sf.validate(); err != nil {
		return err
	}
	text, err := m.speakText(words)
	if err != nil {
		return err
	}
	if !speech.Speakable(text) {
		return usageError{"there is nothing to say in this text"}
	}
	if sf.out != "" {
		return m.speakToFile(ctx, sf, text)
	}
	eng, err := openEngine(ctx, sf)
	if errors.Is(err, speech.ErrNoAudioDevice) {
		// Text still works: a braille display or a terminal can show it.
		fmt.Fprintln(m.Stdout, text)
	}
	if err != nil {
		return err
	}
	defer eng.Close()
	err = eng.Speak(ctx, text)
	if ctx.Err() != nil {
		return ctx.Err() // Ctrl+C: "stopped", exit 130
	}
	return err
}

// checkEngine refuses a speech engine name that is not one of ours.
func checkEngine(e string) error {
	switch e {
	case engineAuto, enginePiper, engineEspeak, engineScreenReader:
		return nil
	}
	return usageError{fmt.Sprintf("unknown engine %q; use auto, piper, espeak or screenreader", e)}
}

func (sf speakFlags) validate() error {
	if err := checkEngine(sf.engine); err != nil {
		return err
	}
	if sf.rate != 0 && (sf.rate < 80 || sf.rate > 900) {
		return usageError{"--rate must be between 80 and 900 words per minute"}
	}
	if sf.volume < 0.05 || sf.volume > 1 {
		return usageError{"--volume must be between 0.05 and 1"}
	}
	if sf.out != "" && sf.engine == engineScreenReader {
		return usageError{"--out needs a voice of Describer's own (piper or espeak); a screen reader speaks for itself"}
	}
	if sf.out != "" && strings.ToLower(filepath.Ext(sf.out)) != ".wav" {
		return usageError{"--out writes WAV audio; give a file name ending in .wav"}
	}
	return sf.rf.validate()
}

// speakText joins the words given, or reads standard input for "-".
func (m *Main) speakText(words []string) (string, error) {
	if len(words) == 1 && words[0] == "-" {
		data, err := io.ReadAll(io.LimitReader(m.Stdin, maxSpeakInput+1))
		if err != nil {
			return "", fmt.Errorf("read standard input: %w", err)
		}
		if len(data) > maxSpeakInput {
			return "", usageError{"standard input holds more than 16 MiB of text; split it up"}
		}
		return string(data), nil
	}
	if len(words) == 0 {
		return "", usageError{"speak needs text to say, or - to read it from standard input"}
	}
	return strings.Join(words, " "), nil
}

// options are the engine's settings. The engine applies the volume, so the
// Speaker around it is given none (it would apply it a second time).
func (sf speakFlags) options() speech.Options {
	return speech.Options{Rate: sf.rate, Volume: sf.volume}
}

// openSynth opens Describer's own voice: Piper when asked for or (auto)
// when a voice is installed, else eSpeak NG.
func openSynth(sf speakFlags) (speech.Synthesizer, error) {
	voice := sf.voice
	if sf.engine == enginePiper || (sf.engine == engineAuto && (strings.HasSuffix(voice, ".onnx") || voice == "")) {
		if voice == "" {
			voice = installedPiperVoice()
		}
		if voice != "" {
			return openPiper(sf, voice)
		}
		if sf.engine == enginePiper {
			return nil, usageError{fmt.Sprintf("no Piper voice is installed in %s; pass --voice FILE.onnx", voicesDir())}
		}
	}
	opt := sf.options()
	if !strings.HasSuffix(voice, ".onnx") {
		opt.Voice = voice
	}
	return espeak.New(opt)
}

func openPiper(sf speakFlags, voice string) (speech.Synthesizer, error) {
	opt := sf.rf.ortOptions()
	rt, err := ort.Open(opt)
	if err != nil {
		return nil, err
	}
	v, err := piper.LoadVoice(voice, rt.Opener())
	if err == nil {
		err = v.SetOptions(sf.options())
	}
	if err != nil {
		if v != nil {
			err = errors.Join(err, v.Close())
		}
		return nil, badInputError{errors.Join(err, rt.Close())}
	}
	return &closeBoth{Synthesizer: v, rt: rt}, nil
}

// closeBoth closes a Piper voice and then its runtime.
type closeBoth struct {
	speech.Synthesizer
	rt *ort.Runtime
}

func (c *closeBoth) Close() error { return errors.Join(c.Synthesizer.Close(), c.rt.Close()) }

// voicesDir is where installed Piper voices live.
func voicesDir() string { return filepath.Join(models.DataDir(), "voices") }

// installedPiperVoice returns the catalog's default voice when it is
// installed, else the first Piper voice (NAME.onnx with its NAME.onnx.json)
// in the voices folder, or "".
func installedPiperVoice() string {
	found, _ := filepath.Glob(filepath.Join(voicesDir(), "*.onnx"))
	sort.Strings(found)
	if def, ok := models.Lookup("voice"); ok {
		for _, f := range def.Files {
			if strings.HasSuffix(f.Path, ".onnx") {
				found = append([]string{filepath.Join(voicesDir(), filepath.FromSlash(f.Path))}, found...)
			}
		}
	}
	for _, f := range found {
		if _, err := os.Stat(f + ".json"); err == nil {
			return f
		}
	}
	return ""
}

// openEngine picks the engine: the screen reader when asked for, or (auto)
// when one runs; otherwise our own voice through the sound device.
func openEngine(ctx context.Context, sf speakFlags) (speech.Engine, error) {
	cfg := screenreader.Config{Voice: sf.options()}
	switch sf.engine {
	case engineScreenReader:
		return screenreader.Open(ctx, cfg)
	case engineAuto:
		if sf.voice == "" {
			eng, err := screenreader.Detect(ctx, cfg)
			if err == nil {
				return eng, nil
			}
			if !errors.Is(err, screenreader.ErrNoScreenReader) {
				return nil, err
			}
		}
	}
	syn, err := openSynth(sf)
	if err != nil {
		return nil, err
	}
	player, err := oto.New(syn.SampleRate())
	if err != nil {
		return nil, errors.Join(err, syn.Close())
	}
	return speech.NewSpeaker(syn, player, speech.Options{}), nil
}

// speakToFile writes the speech to a WAV file a sentence at a time (so
// memory stays bounded), atomically: a failure leaves no file.
func (m *Main) speakToFile(ctx context.Context, sf speakFlags, text string) (err error) {
	if st, err := os.Stat(filepath.Dir(sf.out)); err != nil || !st.IsDir() {
		return usageError{fmt.Sprintf("cannot write %s: its folder does not exist", sf.out)}
	}
	syn, err := openSynth(sf)
	if err != nil {
		return err
	}
	sp := speech.NewSpeaker(syn, nil, speech.Options{})
	defer func() { err = errors.Join(err, sp.Close()) }()
	wav, err := speech.CreateWAVFile(sf.out, syn.SampleRate())
	if err != nil {
		return err
	}
	var samples int
	_, err = sp.SynthesizeEach(ctx, text, func(s []int16) error {
		samples += len(s)
		return wav.Write(s)
	})
	if err != nil {
		return errors.Join(err, wav.Abort())
	}
	if err := wav.Commit(); err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "Wrote %.1f seconds of speech to %s.\n", float64(samples)/float64(syn.SampleRate()), sf.out)
	return nil
}
