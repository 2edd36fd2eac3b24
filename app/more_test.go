package app_test

import (
	"context"
	"errors"
	"fmt"
	"image"
	"strings"
	"testing"

	"github.com/describer/describer/app"
	"github.com/describer/describer/app/apptest"
	"github.com/describer/describer/inference"
)

// leveled is a captioner with three levels that says which level and
// image it described.
type leveled struct{ calls []image.Image }

func (l *leveled) Caption(ctx context.Context, img image.Image) (inference.Caption, error) {
	return l.CaptionLevel(ctx, img, 0)
}
func (l *leveled) Levels() int { return 3 }
func (l *leveled) Level() int  { return 0 }
func (l *leveled) CaptionLevel(_ context.Context, img image.Image, level int) (inference.Caption, error) {
	l.calls = append(l.calls, img)
	return inference.Caption{Text: fmt.Sprintf("level %d of %dx%d", level, img.Bounds().Dx(), img.Bounds().Dy()), Confidence: 0.9}, nil
}

// Say more describes the image last described at the next level, then
// the most detailed one again; before any image, or with a one-level
// model, it says why there is no more.
func TestMoreGoesUpTheLevels(t *testing.T) {
	c := &leveled{}
	s := &app.Service{Captioner: &app.Model[app.Captioner]{Open: func() (app.Captioner, error) { return c, nil }}}
	if _, _, err := s.More(context.Background()); !errors.Is(err, app.ErrNothingDescribed) {
		t.Errorf("before any image: %v", err)
	}
	img := checker()
	if _, err := s.Describe(context.Background(), "screen", img); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"level 1 of 64x64", "level 2 of 64x64", "level 2 of 64x64"} {
		d, got, err := s.More(context.Background())
		if err != nil || d.Caption != want || got != img || d.Source != "screen" || d.Sentence() != want {
			t.Errorf("more: %q (%q), %v; want %q", d.Caption, d.Sentence(), err, want)
		}
	}
	one := &app.Service{Captioner: &app.Model[app.Captioner]{Open: func() (app.Captioner, error) {
		return app.CaptionerFunc(func(context.Context, image.Image) (inference.Caption, error) {
			return inference.Caption{Text: "a cat", Confidence: 0.9}, nil
		}), nil
	}}}
	if _, err := one.Describe(context.Background(), "screen", img); err != nil {
		t.Fatal(err)
	}
	if _, _, err := one.More(context.Background()); !errors.Is(err, app.ErrOneLevel) || app.Sentence(err) == "" {
		t.Errorf("one-level model: %v", err)
	}
}

// The level of detail chosen in the settings is the one descriptions use,
// capped at the model's most detailed; say more goes on from it.
func TestDetailSettingPicksTheLevel(t *testing.T) {
	c := &leveled{}
	detail := 1
	s := &app.Service{Captioner: &app.Model[app.Captioner]{Open: func() (app.Captioner, error) { return c, nil }},
		Detail: func() int { return detail }}
	img := checker()
	for _, tc := range []struct {
		detail     int
		want, more string
	}{{1, "level 1 of 64x64", "level 2 of 64x64"}, {2, "level 2 of 64x64", "level 2 of 64x64"}, {5, "level 2 of 64x64", "level 2 of 64x64"}, {0, "level 0 of 64x64", "level 1 of 64x64"}} {
		detail = tc.detail
		d, err := s.Describe(context.Background(), "screen", img)
		if err != nil || d.Caption != tc.want {
			t.Errorf("detail %d: %q, %v; want %q", tc.detail, d.Caption, err, tc.want)
		}
		if d, _, err := s.More(context.Background()); err != nil || d.Caption != tc.more {
			t.Errorf("detail %d, then more: %q, %v; want %q", tc.detail, d.Caption, err, tc.more)
		}
	}
}

// The say-more request runs as a job: it speaks the next level's caption
// and adds it to the history, without capturing anything.
func TestJobsSayMore(t *testing.T) {
	c := &leveled{}
	desk := &apptest.Desktop{ScreenImage: checker()}
	ev, voice := &apptest.Events{}, &apptest.Voice{}
	jobs := &app.Jobs{
		Service: &app.Service{Captioner: &app.Model[app.Captioner]{Open: func() (app.Captioner, error) { return c, nil }}},
		Desktop: desk, Events: ev, Voice: voice, AutoSpeak: true, History: &app.History{}, TickEvery: -1,
	}
	defer jobs.Close()
	jobs.Describe(app.Request{Source: app.SourceScreen})
	jobs.Wait()
	jobs.Describe(app.Request{More: true})
	jobs.Wait()
	busyTexts, done, failed, _ := ev.Record()
	if len(failed) != 0 || len(done) != 2 || done[1].Short != "level 1 of 64x64" || desk.Calls() != 1 {
		t.Fatalf("done %v, failed %v, captures %d", done, failed, desk.Calls())
	}
	if busyTexts[1] != "Saying more" {
		t.Errorf("busy %q", busyTexts)
	}
	if said := voice.Said(); len(said) == 0 || said[len(said)-1] != "level 1 of 64x64" {
		t.Errorf("said %q", said)
	}
}

// With the caption turned off, say more says so rather than that nothing
// was described.
func TestMoreWithTheCaptionOff(t *testing.T) {
	s := &app.Service{
		Captioner: &app.Model[app.Captioner]{Open: func() (app.Captioner, error) { return &leveled{}, nil },
			On: func() bool { return false }, Off: "describing the picture is turned off in Settings"},
		Reader: &app.Model[app.TextReader]{Open: func() (app.TextReader, error) { return linesReader(1), nil }},
	}
	if _, err := s.Describe(context.Background(), "screen", checker()); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.More(context.Background()); !errors.Is(err, app.ErrUnavailable) || errors.Is(err, app.ErrNothingDescribed) {
		t.Errorf("caption off: %v", err)
	}
}

// Screens: a mostly-text image gets Florence-2's brief caption, whatever
// the detail setting, spoken before its text (say more gives the detail);
// a picture with little text gets the level asked for; the small one-level
// model's caption is left out of a mostly-text image's sentence.
func TestMostlyTextGetsABriefCaption(t *testing.T) {
	service := func(lines int, c app.Captioner) *app.Service {
		return &app.Service{
			Captioner: &app.Model[app.Captioner]{Open: func() (app.Captioner, error) { return c, nil }},
			Reader:    &app.Model[app.TextReader]{Open: func() (app.TextReader, error) { return linesReader(lines), nil }},
			Detail:    func() int { return 2 },
		}
	}
	ctx := context.Background()
	for _, tc := range []struct {
		lines      int
		want, more string
	}{{3, "level 0 of 64x64\nText on screen:\n", "level 1 of 64x64"}, {1, "level 2 of 64x64\nText on screen:\n", "level 2 of 64x64"}} {
		s := service(tc.lines, &leveled{})
		d, err := s.Describe(ctx, "screen", checker())
		if err != nil || !strings.HasPrefix(d.Sentence(), tc.want) {
			t.Errorf("%d lines: %q, %v; want it to start %q", tc.lines, d.Sentence(), err, tc.want)
		}
		if d, _, err := s.More(ctx); err != nil || d.Caption != tc.more {
			t.Errorf("%d lines, then more: %q, %v; want %q", tc.lines, d.Caption, err, tc.more)
		}
	}
	small := service(3, app.CaptionerFunc(func(context.Context, image.Image) (inference.Caption, error) {
		return inference.Caption{Text: "people surfing", Confidence: 0.9}, nil
	}))
	if d, err := small.Describe(ctx, "screen", checker()); err != nil || !strings.HasPrefix(d.Sentence(), "Text on screen:") {
		t.Errorf("the small model on a mostly-text image: %q, %v; want the text alone", d.Sentence(), err)
	}
}
