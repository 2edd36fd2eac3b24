package app_test

import (
	"context"
	"image"
	"slices"
	"strings"
	"testing"

	"github.com/describer/describer/app"
	"github.com/describer/describer/app/filter"
	"github.com/describer/describer/inference"
	"github.com/describer/describer/inference/ocr"
)

// rude captions with a slur and reads an image whose text holds the same
// word: the caption is softened and says so; the screen's text is not.
func TestFilterSoftensCaptionsNotTheScreen(t *testing.T) {
	s := &app.Service{
		Captioner: &app.Model[app.Captioner]{Open: func() (app.Captioner, error) {
			return app.CaptionerFunc(func(context.Context, image.Image) (inference.Caption, error) {
				return inference.Caption{Text: "A fucking mess on a desk.", Confidence: 0.9}, nil
			}), nil
		}},
		Reader: &app.Model[app.TextReader]{Open: func() (app.TextReader, error) { return wordReader{"fucking"}, nil }},
		Filter: func() *filter.Filter { return filter.Default() },
	}
	d, err := s.Describe(context.Background(), "photo.png", checker())
	if err != nil {
		t.Fatal(err)
	}
	if d.Caption != "A (explicit word) mess on a desk." || !d.Softened || d.Text() != "fucking" {
		t.Errorf("caption %q (softened %v), text %q", d.Caption, d.Softened, d.Text())
	}
	if got := d.Sentence(); !strings.HasPrefix(got, "A (explicit word) mess on a desk. (Some words were softened.)") {
		t.Errorf("said %q", got)
	}
	s.Filter = func() *filter.Filter { return filter.Default().WithEnabled(false) }
	if d, _ := s.Describe(context.Background(), "photo.png", checker()); d.Caption != "A fucking mess on a desk." || d.Softened {
		t.Errorf("with the filter off: %q", d.Caption)
	}
}

// An answer is softened as it streams, and says so once.
func TestFilterSoftensAnswers(t *testing.T) {
	s := askService(&talker{pieces: []string{"It is a fucking", " mess. The fucking", " desk is full."}}, false)
	s.Filter = func() *filter.Filter { return filter.Default() }
	ctx := context.Background()
	s.Describe(ctx, "screen", checker())
	var streamed []string
	d, _, err := s.Ask(ctx, "What?", func(p string) { streamed = append(streamed, p) })
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"It is a (explicit word) mess. (Some words were softened.) ", "The (explicit word) desk is full. "}
	if !slices.Equal(streamed, want) || d.Answer != strings.TrimSpace(strings.Join(want, "")) {
		t.Errorf("streamed %q, answer %q", streamed, d.Answer)
	}
}

// wordReader reads one line of text.
type wordReader struct{ text string }

func (w wordReader) Read(context.Context, image.Image) (ocr.Result, error) {
	q := ocr.Quad{{X: 1, Y: 1}, {X: 30, Y: 1}, {X: 30, Y: 9}, {X: 1, Y: 9}}
	return ocr.Result{Lines: []ocr.Line{{Text: w.text, Quad: q, Confidence: 0.9}}}, nil
}
