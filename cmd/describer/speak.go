package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/describer/describer/inference"
	"github.com/describer/describer/speech"
	"github.com/describer/describer/speech/engine"
)

// maxSpeakInput bounds what speak reads from standard input (16 MiB).
const maxSpeakInput = 16 << 20

// speakFlags are the speak command's settings.
type speakFlags struct {
	cfg engine.Config
	out string
	rf  runtimeFlags
}

func (m *Main) speak(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("speak", flag.ContinueOnError)
	var sf speakFlags
	fs.StringVar(&sf.cfg.Engine, "engine", engine.Auto, engine.NameList()+" (auto: your screen reader if one runs, else a Piper voice if installed, else eSpeak NG)")
	fs.StringVar(&sf.cfg.Voice, "voice", "", "a Piper voice's .onnx file, or an eSpeak NG voice name such as en-us")
	fs.StringVar(&sf.cfg.Language, "lang", "", "the text's language, such as de: with no --voice, an installed Piper voice of that language, else eSpeak NG's (default: English)")
	fs.IntVar(&sf.cfg.Rate, "rate", 0, "speaking rate in words per minute (default: the voice's normal rate, about 175)")
	fs.Float64Var(&sf.cfg.Volume, "volume", 1, "volume from 0.05 to 1")
	fs.StringVar(&sf.out, "out", "", "write a 16-bit PCM WAV file instead of playing")
	fs.StringVar(&sf.rf.ortLib, "ort-lib", "", "path of the ONNX Runtime shared library (for Piper voices)")
	fs.StringVar(&sf.rf.device, "device", "cpu", "where Piper voices run: "+inference.DeviceList())
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
	err = cliError(engine.Speak(ctx, sf.config(), text))
	if errors.Is(err, speech.ErrNoAudioDevice) {
		// Text still works: a braille display or a terminal can show it.
		fmt.Fprintln(m.Stdout, text)
	}
	if ctx.Err() != nil {
		return ctx.Err() // Ctrl+C: "stopped", exit 130
	}
	return err
}

// checkEngine refuses a speech engine name that is not one of ours.
func checkEngine(e string) error {
	if err := engine.Check(e); err != nil {
		return usageError{err.Error()}
	}
	return nil
}

func (sf speakFlags) validate() error {
	if err := checkEngine(sf.cfg.Engine); err != nil {
		return err
	}
	if r := sf.cfg.Rate; r != 0 && (r < 80 || r > 900) {
		return usageError{"--rate must be between 80 and 900 words per minute"}
	}
	if v := sf.cfg.Volume; v < 0.05 || v > 1 {
		return usageError{"--volume must be between 0.05 and 1"}
	}
	if l := sf.cfg.Language; l != "" && !languageCode.MatchString(l) {
		return usageError{fmt.Sprintf("--lang takes a two-letter language code such as de or fr, not %q", l)}
	}
	if sf.out != "" && sf.cfg.Engine == engine.ScreenReader {
		return usageError{"--out needs a voice of Describer's own (piper or espeak); a screen reader speaks for itself"}
	}
	if sf.out != "" && strings.ToLower(filepath.Ext(sf.out)) != ".wav" {
		return usageError{"--out writes WAV audio; give a file name ending in .wav"}
	}
	return sf.rf.validate()
}

// languageCode is an ISO 639-1 code, as --lang takes it.
var languageCode = regexp.MustCompile(`^[a-z]{2}$`)

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

// config is the engine configuration the flags ask for.
func (sf speakFlags) config() engine.Config {
	cfg := sf.cfg
	cfg.Device, cfg.Library, cfg.Threads = sf.rf.device, sf.rf.ortLib, sf.rf.threads
	return cfg
}

// cliError gives the engine's errors about the user's choice of voice exit
// status 2, and tells how to name a voice.
func cliError(err error) error {
	var ve *engine.VoiceError
	switch {
	case errors.Is(err, engine.ErrNoPiperVoice):
		return usageError{err.Error() + "; pass --voice FILE.onnx"}
	case errors.As(err, &ve):
		return badInputError{err}
	}
	return err
}

// speakToFile writes the speech to a WAV file (atomically: a failure
// leaves no file).
func (m *Main) speakToFile(ctx context.Context, sf speakFlags, text string) (err error) {
	if st, err := os.Stat(filepath.Dir(sf.out)); err != nil || !st.IsDir() {
		return usageError{fmt.Sprintf("cannot write %s: its folder does not exist", sf.out)}
	}
	syn, err := engine.OpenSynthesizer(sf.config())
	if err != nil {
		return cliError(err)
	}
	sp := speech.NewSpeaker(syn, nil, speech.Options{})
	defer func() { err = errors.Join(err, sp.Close()) }()
	secs, err := sp.SynthesizeToFile(ctx, text, sf.out)
	if err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "Wrote %.1f seconds of speech to %s.\n", secs, sf.out)
	return nil
}
