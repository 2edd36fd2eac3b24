package desktop_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/describer/describer/app"
	"github.com/describer/describer/app/apptest"
	"github.com/describer/describer/app/i18n"
	"github.com/describer/describer/inference"
	"github.com/describer/describer/inference/ocr"
	"github.com/describer/describer/internal/usererr"
	"github.com/describer/describer/models"
	"github.com/describer/describer/speech"
	"github.com/describer/describer/ui"
	"github.com/describer/describer/ui/desktop"
	"github.com/describer/describer/ui/hotkey"
)

// grabber is a fake Grabber: taken combos cannot be had; Press runs a
// held one's action.
type grabber struct {
	mu    sync.Mutex
	taken map[string]bool
	held  map[string]func()
}

func (g *grabber) Register(c hotkey.Combo, fn func()) error {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.taken[c.String()] {
		return usererr.New(c.String()+" is already used by another program; choose another in Settings.", hotkey.ErrTaken)
	}
	g.held[c.String()] = fn
	return nil
}

func (g *grabber) Unregister(c hotkey.Combo) error {
	g.mu.Lock()
	defer g.mu.Unlock()
	delete(g.held, c.String())
	return nil
}

func (g *grabber) Close() error { return nil }

func (g *grabber) holds(c string) bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.held[c] != nil
}

func (g *grabber) press(c string) {
	g.mu.Lock()
	fn := g.held[c]
	g.mu.Unlock()
	fn()
}

// rig is a desktop app over fakes: a voice that records, a captioner, a
// text reader, a grabber.
type rig struct {
	app     *desktop.App
	voice   *apptest.Engine
	keys    *grabber
	log     bytes.Buffer
	logMu   sync.Mutex
	caption chan struct{}
}

func (r *rig) Write(p []byte) (int, error) {
	r.logMu.Lock()
	defer r.logMu.Unlock()
	return r.log.Write(p)
}

func (r *rig) logged() string { r.logMu.Lock(); defer r.logMu.Unlock(); return r.log.String() }

func newRig(t *testing.T, change func(*desktop.Config)) *rig {
	t.Setenv("DESCRIBER_HOME", t.TempDir())
	r := &rig{voice: &apptest.Engine{Label: "fake"}, keys: &grabber{taken: map[string]bool{}, held: map[string]func(){}},
		caption: make(chan struct{}, 10)}
	screen := image.NewRGBA(image.Rect(0, 0, 200, 100))
	for i := range screen.Pix {
		screen.Pix[i] = byte(i * 7)
	}
	cfg := desktop.Config{
		App:      test.NewApp(),
		Settings: ui.DefaultSettings(),
		Captioner: &app.Model[app.Captioner]{Installed: func() bool { return true },
			Open: func() (app.Captioner, error) { return captioner{r.caption}, nil }},
		Reader: &app.Model[app.TextReader]{Installed: func() bool { return true },
			Open: func() (app.TextReader, error) { return textReader{}, nil }},
		Desktop:        &apptest.Desktop{ScreenImage: screen},
		OpenVoice:      func(context.Context, app.VoiceChoice) (speech.Engine, error) { return r.voice, nil },
		FallbackEngine: "espeak",
		Hotkeys:        func() (desktop.Grabber, error) { return r.keys, nil },
		ErrorLog:       r,
	}
	if change != nil {
		change(&cfg)
	}
	r.app = desktop.New(context.Background(), cfg)
	t.Cleanup(func() {
		if err := r.app.Close(); err != nil {
			t.Error(err)
		}
	})
	return r
}

type captioner struct{ called chan struct{} }

func (c captioner) Caption(context.Context, image.Image) (inference.Caption, error) {
	c.called <- struct{}{}
	return inference.Caption{Text: "a test pattern", Confidence: 0.9}, nil
}

type textReader struct{}

func (textReader) Read(context.Context, image.Image) (ocr.Result, error) {
	q := ocr.Quad{{X: 10, Y: 10}, {X: 90, Y: 10}, {X: 90, Y: 20}, {X: 10, Y: 20}}
	return ocr.Result{Lines: []ocr.Line{{Text: "Quarterly budget", Quad: q, Confidence: 0.9}}}, nil
}

// said waits until the voice has said something holding want, and
// returns everything said.
func (r *rig) said(t *testing.T, want string) []string {
	t.Helper()
	return r.saidTimes(t, want, 1)
}

// saidTimes waits until the voice has said n messages holding want, and
// returns everything said.
func (r *rig) saidTimes(t *testing.T, want string, n int) []string {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		said := r.voice.Said()
		got := 0
		for _, s := range said {
			if strings.Contains(s, want) {
				got++
			}
		}
		if got >= n {
			return said
		}
		if time.Now().After(deadline) {
			t.Fatalf("said %q %d times, want %d; said %q", want, got, n, said)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// TestStartSaysWhatTheUserCanActOn: a hotkey that is taken is said before
// "ready"; why the models run on the CPU goes to the log, not to speech.
func TestStartSaysWhatTheUserCanActOn(t *testing.T) {
	const note = "CUDA unavailable in this ONNX Runtime build; using CPU"
	r := newRig(t, func(c *desktop.Config) { c.DeviceNote = func() string { return note } })
	r.keys.taken["Ctrl+Alt+W"] = true
	r.app.Start(nil)
	said := r.said(t, "Describer is ready")
	if len(said) != 1 {
		t.Fatalf("said %q; want one message", said)
	}
	want := "Ctrl+Alt+W is already used by another program; choose another in Settings. Describer is ready. Ctrl+Alt+D describes the screen; F1 lists the keys."
	if said[0] != want {
		t.Errorf("start said %q\nwant %q", said[0], want)
	}
	if !strings.Contains(r.logged(), note) {
		t.Errorf("the log lacks the CPU note:\n%s", r.logged())
	}
	for _, c := range []string{"Ctrl+Alt+D", "Ctrl+Alt+V", "Ctrl+Alt+S"} {
		if !r.keys.holds(c) {
			t.Errorf("%s is not held", c)
		}
	}
}

// TestHotkeyDescribesAndSettingsTurnTheCaptionOff: the screen hotkey
// describes the screen with caption and text; once the caption is turned
// off in Settings the next description leaves it out and its model is not
// asked.
func TestHotkeyDescribesAndSettingsTurnTheCaptionOff(t *testing.T) {
	r := newRig(t, nil)
	r.app.Start(nil)
	r.said(t, "Describer is ready")
	r.keys.press("Ctrl+Alt+D")
	r.said(t, "a test pattern")
	r.said(t, "Quarterly budget")
	<-r.caption
	s := ui.DefaultSettings()
	s.IncludeCaption = false
	r.app.SettingsChanged(s)
	r.keys.press("Ctrl+Alt+D")
	r.saidTimes(t, "Quarterly budget", 2)
	if len(r.caption) != 0 {
		t.Errorf("the caption model was asked with captions off")
	}
}

// TestSettingsChangesApplyAtOnce: new hotkeys are grabbed and the old ones
// released; a new device is said to need a restart.
func TestSettingsChangesApplyAtOnce(t *testing.T) {
	r := newRig(t, nil)
	r.app.Start(nil)
	r.said(t, "Describer is ready")
	s := ui.DefaultSettings()
	s.Hotkeys.DescribeScreen = "Ctrl+Alt+X"
	s.Device = "cpu"
	r.app.SettingsChanged(s)
	r.said(t, "The new device is used when Describer starts again.")
	deadline := time.Now().Add(10 * time.Second)
	for !r.keys.holds("Ctrl+Alt+X") && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	if !r.keys.holds("Ctrl+Alt+X") || r.keys.holds("Ctrl+Alt+D") {
		t.Errorf("after the change: holds Ctrl+Alt+X %v, Ctrl+Alt+D %v; want the new one only",
			r.keys.holds("Ctrl+Alt+X"), r.keys.holds("Ctrl+Alt+D"))
	}
}

// TestMissingModelIsOffered: a missing caption model is offered for
// download instead of "ready"; describing goes on without it.
func TestMissingModelIsOffered(t *testing.T) {
	r := newRig(t, func(c *desktop.Config) {
		c.Missing = func() []models.Set { return []models.Set{models.Caption} }
		c.Captioner.Installed = func() bool { return false }
	})
	r.app.Start(nil)
	said := r.said(t, "Not installed: caption.")
	for _, s := range said {
		if strings.Contains(s, "Describer is ready") {
			t.Errorf("said %q while a model is missing", s)
		}
	}
	r.keys.press("Ctrl+Alt+D")
	r.said(t, "Quarterly budget")
	if len(r.caption) != 0 {
		t.Errorf("the caption model was asked although it is not installed")
	}
}

// TestStandInCaptionModelIsSaidOnce: when the small caption model stands
// in for Florence-2, the first description says so, in one sentence, and
// later ones do not.
func TestStandInCaptionModelIsSaidOnce(t *testing.T) {
	note := "Florence-2 is not installed, so the small caption model describes the picture"
	r := newRig(t, func(c *desktop.Config) { c.Captioner.Note = func() string { return note } })
	r.app.Start(nil)
	r.said(t, "Describer is ready")
	r.keys.press("Ctrl+Alt+D")
	r.said(t, "a test pattern")
	r.keys.press("Ctrl+Alt+D")
	said := r.saidTimes(t, "a test pattern", 2)
	told := 0
	for _, s := range said {
		if strings.Contains(s, note) {
			told++
		}
	}
	if told != 1 {
		t.Errorf("said the stand-in note %d times; want once: %q", told, said)
	}
}

// TestReadBlockHotkeyReadsTextUnderThePointer: Ctrl+Alt+R reads the text
// block under the pointer, with no caption.
func TestReadBlockHotkeyReadsTextUnderThePointer(t *testing.T) {
	r := newRig(t, func(c *desktop.Config) { c.Desktop.(*apptest.Desktop).Pointer = image.Pt(50, 15) })
	r.app.Start(nil)
	r.said(t, "Describer is ready")
	r.keys.press("Ctrl+Alt+R")
	r.said(t, "Reading the text under the pointer")
	for _, got := range r.said(t, "Quarterly budget") {
		if strings.Contains(got, "Quarterly budget") && (got != "Text on screen:\nQuarterly budget" || len(r.caption) != 0) {
			t.Errorf("said %q (caption asked %v), want the block alone", got, len(r.caption) != 0)
		}
	}
}

// leveledCaptioner has three levels of detail and says which it used.
type leveledCaptioner struct{}

func (c leveledCaptioner) Caption(ctx context.Context, img image.Image) (inference.Caption, error) {
	return c.CaptionLevel(ctx, img, 0)
}
func (leveledCaptioner) Levels() int { return 3 }
func (leveledCaptioner) Level() int  { return 0 }
func (leveledCaptioner) CaptionLevel(_ context.Context, _ image.Image, level int) (inference.Caption, error) {
	return inference.Caption{Text: fmt.Sprintf("a caption at level %d", level), Confidence: 0.9}, nil
}

// TestDetailSettingThenMore: descriptions use the level of detail chosen
// in the settings, and Ctrl+Alt+M says more from there.
func TestDetailSettingThenMore(t *testing.T) {
	r := newRig(t, func(c *desktop.Config) {
		c.Settings.Detail = "detailed"
		c.Captioner.Open = func() (app.Captioner, error) { return leveledCaptioner{}, nil }
	})
	r.app.Start(nil)
	r.said(t, "Describer is ready")
	r.keys.press("Ctrl+Alt+D")
	r.said(t, "a caption at level 1")
	r.keys.press("Ctrl+Alt+M")
	r.said(t, "a caption at level 2")
}

// TestMoreHotkeyWithoutLevels: Ctrl+Alt+M is grabbed and, with a caption
// model of one level, says so in one sentence (app's tests cover a model
// with levels).
func TestMoreHotkeyWithoutLevels(t *testing.T) {
	r := newRig(t, nil)
	r.app.Start(nil)
	r.said(t, "Describer is ready")
	if !r.keys.holds("Ctrl+Alt+M") {
		t.Fatal("Ctrl+Alt+M is not held")
	}
	r.keys.press("Ctrl+Alt+M")
	r.said(t, "Nothing has been described yet; describe something first, then ask for more.")
	r.keys.press("Ctrl+Alt+D")
	r.said(t, "a test pattern")
	<-r.caption
	r.keys.press("Ctrl+Alt+M")
	r.said(t, "This caption model has one level of detail; Florence-2 has three.")
}

// TestPickingALanguage: picking German switches Describer's sentences
// and opens the voice for German; without its translation model the
// caption stays English and the user hears why, once, in German, and is
// offered the model with its size and licence.
func TestPickingALanguage(t *testing.T) {
	var choices []app.VoiceChoice
	var mu sync.Mutex
	voice := &apptest.Engine{Label: "fake"}
	r := newRig(t, func(c *desktop.Config) {
		c.OpenVoice = func(_ context.Context, vc app.VoiceChoice) (speech.Engine, error) {
			mu.Lock()
			choices = append(choices, vc)
			mu.Unlock()
			return voice, nil
		}
		c.Translator = func(string) (app.Translator, error) { return nil, errors.New("not wanted") }
		c.TranslatorInstalled = func(string) bool { return false }
		c.TranslationSet = func(lang string) (models.Set, bool) { return models.Translation(lang) }
	})
	t.Cleanup(func() { i18n.Use(i18n.English) })
	r.voice = voice
	r.app.Start(nil)
	r.said(t, "Describer is ready")
	s := ui.DefaultSettings()
	s.Language = "de"
	r.app.SettingsChanged(s)
	r.said(t, "Um Deutsch zu sprechen, braucht Describer ein Übersetzungsmodell (Lizenz CC-BY-4.0). Nicht installiert: translate-de")
	mu.Lock()
	last := choices[len(choices)-1]
	mu.Unlock()
	if last.Language != "de" || i18n.Current() != "de" {
		t.Errorf("voice opened for %q, messages in %q; want de", last.Language, i18n.Current())
	}
	r.keys.press("Ctrl+Alt+D")
	r.said(t, "Describer spricht Englisch, bis die Übersetzung für Deutsch installiert ist.")
	<-r.caption
}

// TestStartInGerman: in German, taken hotkeys and "ready" are said in
// German, in one message.
func TestStartInGerman(t *testing.T) {
	r := newRig(t, func(c *desktop.Config) { c.Settings.Language = "de" })
	t.Cleanup(func() { i18n.Use(i18n.English) })
	r.keys.taken["Ctrl+Alt+W"], r.keys.taken["Ctrl+Alt+V"] = true, true
	r.app.Start(nil)
	said := r.said(t, "Describer ist bereit")
	want := "Ctrl+Alt+W wird bereits von einem anderen Programm verwendet; wählen Sie in den Einstellungen ein anderes Tastenkürzel. " +
		"Ctrl+Alt+V wird bereits von einem anderen Programm verwendet; wählen Sie in den Einstellungen ein anderes Tastenkürzel. " +
		"Describer ist bereit. Ctrl+Alt+D beschreibt den Bildschirm; F1 listet die Tasten auf."
	if len(said) != 1 || said[0] != want {
		t.Errorf("start said %q\nwant %q", said, want)
	}
}
