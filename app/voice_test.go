package app_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/describer/describer/app"
	"github.com/describer/describer/app/apptest"
	"github.com/describer/describer/speech"
)

// opener opens fake engines: an engine named in fail fails to open, and
// with noDevice every engine opens without a sound device.
type opener struct {
	fail     map[string]error
	noDevice bool
	asked    []app.VoiceChoice
	opened   []*apptest.Engine
}

func (o *opener) open(_ context.Context, c app.VoiceChoice) (speech.Engine, error) {
	o.asked = append(o.asked, c)
	if err := o.fail[c.Engine]; err != nil {
		return nil, err
	}
	e := &apptest.Engine{Label: c.Engine}
	o.opened = append(o.opened, e)
	if o.noDevice {
		return e, fmt.Errorf("oto: open: %w", speech.ErrNoAudioDevice)
	}
	return e, nil
}

func TestSwitchVoiceApply(t *testing.T) {
	broken := errors.New("piper: the voice file is damaged")
	noData := errors.New("espeak: no data")
	for _, tc := range []struct {
		name     string
		choice   app.VoiceChoice
		o        opener
		want     string
		engine   string // the engine in use after, "" for silent
		attempts []string
	}{
		{"the chosen voice", app.VoiceChoice{Engine: "piper", Voice: "v.onnx"}, opener{}, "", "piper", []string{"piper"}},
		{"falls back to eSpeak NG", app.VoiceChoice{Engine: "piper", Voice: "v.onnx"},
			opener{fail: map[string]error{"piper": broken}},
			"The chosen voice cannot be used: " + app.Sentence(broken) + " Using eSpeak NG.", "espeak", []string{"piper", "espeak"}},
		{"eSpeak NG itself fails", app.VoiceChoice{Engine: "espeak"},
			opener{fail: map[string]error{"espeak": noData}}, app.Sentence(noData), "", []string{"espeak"}},
		{"the fallback fails too", app.VoiceChoice{Engine: "auto"},
			opener{fail: map[string]error{"auto": broken, "espeak": noData}}, app.Sentence(noData), "",
			[]string{"auto", "espeak"}},
		{"no sound device keeps the engine", app.VoiceChoice{Engine: "piper"}, opener{noDevice: true},
			"No sound device was found; descriptions are shown as text until one is.", "piper", []string{"piper"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var opened []speech.Engine
			v := &app.SwitchVoice{Open: tc.o.open, Fallback: "espeak", OnOpen: func(e speech.Engine) { opened = append(opened, e) }}
			if got := v.Apply(context.Background(), tc.choice); got != tc.want {
				t.Errorf("Apply() = %q, want %q", got, tc.want)
			}
			var attempts []string
			for _, c := range tc.o.asked {
				attempts = append(attempts, c.Engine)
			}
			if !slices.Equal(attempts, tc.attempts) {
				t.Errorf("opened %q, want %q", attempts, tc.attempts)
			}
			if fb := tc.o.asked[len(tc.o.asked)-1]; len(tc.o.asked) > 1 && fb.Voice != "" {
				t.Errorf("the fallback kept the voice %q", fb.Voice)
			}
			got := ""
			if e := v.Engine(); e != nil {
				got = e.Name()
				if len(opened) != 1 || opened[0] != e {
					t.Errorf("OnOpen saw %v", opened)
				}
			}
			if got != tc.engine {
				t.Errorf("engine %q, want %q", got, tc.engine)
			}
		})
	}
}

func TestSwitchVoiceSwitchesAndCloses(t *testing.T) {
	o := &opener{}
	var ends []error
	v := &app.SwitchVoice{Open: o.open, Fallback: "espeak", OnEnd: func(err error) { ends = append(ends, err) }}
	if err := v.Speak(context.Background(), "silent"); err != nil || len(ends) != 0 {
		t.Fatalf("with no engine: %v, %d ends", err, len(ends))
	}
	v.Apply(context.Background(), app.VoiceChoice{Engine: "piper"})
	_ = v.Speak(context.Background(), "one")
	v.Apply(context.Background(), app.VoiceChoice{Engine: "espeak"})
	_ = v.Speak(context.Background(), "two")
	_ = v.Stop()
	first, second := o.opened[0], o.opened[1]
	if first.Closes() != 1 || second.Closes() != 0 {
		t.Errorf("closes %d and %d, want the replaced engine closed once", first.Closes(), second.Closes())
	}
	if !slices.Equal(first.Said(), []string{"one"}) || !slices.Equal(second.Said(), []string{"two"}) || second.Stops() != 1 {
		t.Errorf("said %q then %q, stops %d", first.Said(), second.Said(), second.Stops())
	}
	if len(ends) != 2 {
		t.Errorf("OnEnd called %d times, want 2", len(ends))
	}
	if err := v.Close(); err != nil || second.Closes() != 1 || v.Engine() != nil {
		t.Errorf("Close: %v, closes %d", err, second.Closes())
	}
}
