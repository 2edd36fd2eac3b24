package engine

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/describer/describer/models"
	"github.com/describer/describer/speech"
	"github.com/describer/describer/speech/screenreader"
)

// fakeSynth is a synthesizer that records being closed.
type fakeSynth struct {
	name   string
	opt    speech.Options
	closed bool
}

func (s *fakeSynth) Synthesize(context.Context, string) (speech.Audio, error) {
	return speech.Audio{SampleRate: 22050}, nil
}
func (s *fakeSynth) SampleRate() int { return 22050 }
func (s *fakeSynth) Close() error    { s.closed = true; return nil }

// fakeEngine is a screen reader.
type fakeEngine struct{ name string }

func (e fakeEngine) Speak(context.Context, string) error { return nil }
func (e fakeEngine) Stop() error                         { return nil }
func (e fakeEngine) Name() string                        { return e.name }
func (e fakeEngine) Close() error                        { return nil }

// fakePlayer is a sound device.
type fakePlayer struct{ rate int }

func (p fakePlayer) SampleRate() int                     { return p.rate }
func (p fakePlayer) Play(context.Context, []int16) error { return nil }
func (p fakePlayer) Close() error                        { return nil }

// world is a machine for Open: whether a screen reader runs, whether the
// sound device opens, and what was opened.
type world struct {
	screenReader error // nil: one runs
	noPlayer     bool
	// notYet: the device is missing but the player plays once it comes,
	// as oto.Open's is.
	notYet bool
	opened []string // "detect", "screenreader", "piper VOICE", "espeak VOICE"
	last   *fakeSynth
}

func (w *world) openers() openers {
	synth := func(what string, opt speech.Options) *fakeSynth {
		w.opened = append(w.opened, what)
		w.last = &fakeSynth{name: what, opt: opt}
		return w.last
	}
	return openers{
		detect: func(context.Context, screenreader.Config) (speech.Engine, error) {
			w.opened = append(w.opened, "detect")
			if w.screenReader != nil {
				return nil, w.screenReader
			}
			return fakeEngine{"Orca"}, nil
		},
		screenReader: func(context.Context, screenreader.Config) (speech.Engine, error) {
			w.opened = append(w.opened, "screenreader")
			return fakeEngine{"speech-dispatcher"}, nil
		},
		piper: func(path string, cfg Config) (speech.Synthesizer, error) {
			return synth("piper "+filepath.Base(path), cfg.options()), nil
		},
		espeak: func(opt speech.Options) (speech.Synthesizer, error) {
			return synth("espeak "+opt.Voice, opt), nil
		},
		player: func(rate int) (speech.Player, error) {
			if w.noPlayer {
				return nil, speech.ErrNoAudioDevice
			}
			if w.notYet {
				return fakePlayer{rate}, speech.ErrNoAudioDevice
			}
			return fakePlayer{rate}, nil
		},
	}
}

// installVoice puts a Piper voice (NAME.onnx and its .json) in dataDir's
// voices folder and returns its path.
func installVoice(t *testing.T, dataDir, name string) string {
	t.Helper()
	dir := VoicesDir(dataDir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, name)
	for _, p := range []string{path, path + ".json"} {
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return path
}

func TestOpenChooses(t *testing.T) {
	noReader := screenreader.ErrNoScreenReader
	tests := []struct {
		name         string
		cfg          Config
		screenReader error
		withVoice    bool // a Piper voice is installed
		want         string
	}{
		{"zero config, a screen reader runs", Config{}, nil, true, "detect"},
		{"auto, a screen reader runs", Config{Engine: Auto}, nil, false, "detect"},
		{"auto, none runs, a voice installed", Config{}, noReader, true, "detect, piper alan.onnx"},
		{"auto, none runs, no voice installed", Config{}, noReader, false, "detect, espeak "},
		{"auto with an eSpeak voice skips the screen reader", Config{Voice: "en-us"}, nil, true, "espeak en-us"},
		{"auto with a Piper voice skips the screen reader", Config{Voice: "/v/x.onnx"}, nil, false, "piper x.onnx"},
		{"screen reader, even when none is seen", Config{Engine: ScreenReader}, noReader, false, "screenreader"},
		{"piper, the installed voice", Config{Engine: Piper}, nil, true, "piper alan.onnx"},
		{"piper, a voice named", Config{Engine: Piper, Voice: "/v/x.onnx"}, nil, true, "piper x.onnx"},
		{"espeak, its default voice", Config{Engine: Espeak}, nil, true, "espeak "},
		{"espeak ignores a Piper voice", Config{Engine: Espeak, Voice: "/v/x.onnx"}, nil, true, "espeak "},
		{"espeak, a voice named", Config{Engine: Espeak, Voice: "de"}, nil, true, "espeak de"},
		{"German text, a German Piper voice installed", Config{Language: "de"}, noReader, true, "detect, piper de_DE-thorsten-medium.onnx"},
		{"French text, no French Piper voice", Config{Language: "fr"}, noReader, true, "detect, espeak fr"},
		{"German text, eSpeak NG", Config{Engine: Espeak, Language: "de"}, nil, true, "espeak de"},
		{"German text, a voice named wins", Config{Engine: Espeak, Language: "de", Voice: "en-gb"}, nil, true, "espeak en-gb"},
		{"German text, a screen reader gets it as it is", Config{Language: "de"}, nil, true, "detect"},
		{"English text never gets the German voice", Config{Language: "en"}, noReader, true, "detect, piper alan.onnx"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.cfg.DataDir = t.TempDir()
			if tt.withVoice {
				installVoice(t, tt.cfg.DataDir, "alan.onnx")
				installVoice(t, tt.cfg.DataDir, "de_DE-thorsten-medium.onnx")
			}
			w := &world{screenReader: tt.screenReader}
			eng, err := w.openers().open(context.Background(), tt.cfg)
			if err != nil {
				t.Fatal(err)
			}
			defer eng.Close()
			if got := strings.Join(w.opened, ", "); got != tt.want {
				t.Errorf("opened %q, want %q", got, tt.want)
			}
			if _, ok := eng.(*speech.Speaker); ok != (w.last != nil) {
				t.Errorf("Open gave a %T; want a Speaker exactly when a synthesizer was opened", eng)
			}
		})
	}
}

func TestOpenPassesRateAndVolume(t *testing.T) {
	w := &world{screenReader: screenreader.ErrNoScreenReader}
	cfg := Config{Engine: Espeak, Rate: 300, Volume: 0.5, Voice: "en-us", DataDir: t.TempDir()}
	if _, err := w.openers().open(context.Background(), cfg); err != nil {
		t.Fatal(err)
	}
	if want := (speech.Options{Rate: 300, Volume: 0.5, Voice: "en-us"}); w.last.opt != want {
		t.Errorf("eSpeak NG got %+v, want %+v", w.last.opt, want)
	}
}

func TestOpenFails(t *testing.T) {
	failed := errors.New("the bus is down")
	tests := []struct {
		name   string
		cfg    Config
		world  world
		want   error
		closed bool // the synthesizer opened was closed again
	}{
		{"unknown engine", Config{Engine: "sam"}, world{}, ErrUnknownEngine, false},
		{"piper with no voice installed", Config{Engine: Piper}, world{}, ErrNoPiperVoice, false},
		{"the screen reader check fails", Config{}, world{screenReader: failed}, failed, false},
		{"no sound device", Config{Engine: Espeak}, world{noPlayer: true}, speech.ErrNoAudioDevice, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.cfg.DataDir = t.TempDir()
			eng, err := tt.world.openers().open(context.Background(), tt.cfg)
			if !errors.Is(err, tt.want) || eng != nil {
				t.Fatalf("Open = %v, %v; want an error matching %v", eng, err, tt.want)
			}
			if closed := tt.world.last != nil && tt.world.last.closed; closed != tt.closed {
				t.Errorf("synthesizer closed: %v, want %v", closed, tt.closed)
			}
		})
	}
}

func TestNoPiperVoiceNamesTheFolder(t *testing.T) {
	dir := t.TempDir()
	_, err := OpenSynthesizer(Config{Engine: Piper, DataDir: dir})
	if want := "no Piper voice is installed in " + VoicesDir(dir); err == nil || err.Error() != want {
		t.Errorf("error %v, want %q", err, want)
	}
}

func TestOpenSynthesizerRefusesTheScreenReader(t *testing.T) {
	w := &world{}
	if syn, err := w.openers().synthesizer(Config{Engine: ScreenReader}); err == nil || syn != nil {
		t.Errorf("OpenSynthesizer(screenreader) = %v, %v; want an error", syn, err)
	}
	if len(w.opened) != 0 {
		t.Errorf("opened %q", w.opened)
	}
}

func TestRuntimeDefaults(t *testing.T) {
	t.Setenv(models.EnvHome, t.TempDir())
	o := Config{}.runtime()
	if o.Device != "cpu" || o.DataDir == "" || o.LibraryPath != "" || o.Threads != 0 {
		t.Errorf("zero Config runs Piper with %+v; want the CPU and the data folder", o)
	}
	o = Config{Device: "cuda", Library: "/lib/ort.so", Threads: 3, DataDir: "/d"}.runtime()
	if o.Device != "cuda" || o.DataDir != "/d" || o.LibraryPath != "/lib/ort.so" || o.Threads != 3 {
		t.Errorf("runtime options %+v do not follow the Config", o)
	}
}

// TestOpenWithoutADeviceYet: when the sound device is missing but the
// player can wait for one, Open returns the engine with the error, so the
// app keeps it and speaks once a device appears.
func TestOpenWithoutADeviceYet(t *testing.T) {
	w := &world{screenReader: screenreader.ErrNoScreenReader, notYet: true}
	eng, err := w.openers().open(context.Background(), Config{Engine: Espeak})
	if !errors.Is(err, speech.ErrNoAudioDevice) || eng == nil {
		t.Fatalf("Open: %v, %v; want the engine and ErrNoAudioDevice", eng, err)
	}
	if err := eng.Close(); err != nil || !w.last.closed {
		t.Errorf("Close: %v; synthesizer closed %v", err, w.last.closed)
	}
}
