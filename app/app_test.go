package app

import (
	"context"
	"errors"
	"fmt"
	"image"
	"image/color"
	"strings"
	"testing"

	"github.com/describer/describer/inference"
	"github.com/describer/describer/inference/imaging"
	"github.com/describer/describer/inference/ocr"
)

func uniform(c color.Color) image.Image {
	img := image.NewRGBA(image.Rect(0, 0, 320, 200))
	for y := range 200 {
		for x := range 320 {
			img.Set(x, y, c)
		}
	}
	return img
}

func withLine() image.Image {
	img := uniform(color.White).(*image.RGBA)
	for x := 10; x < 300; x++ {
		img.Set(x, 100, color.Black)
	}
	return img
}

func TestDescribeBlankRunsNoModel(t *testing.T) {
	loads := 0
	s := &Service{Captioner: &Model[Captioner]{Open: func() (Captioner, error) {
		loads++
		return nil, errors.New("must not load")
	}}}
	for _, c := range []color.Color{color.Black, color.White, color.RGBA{30, 60, 200, 255}} {
		d, err := s.Describe(context.Background(), "screen", uniform(c))
		if err != nil || !d.Blank || d.Caption != "" {
			t.Fatalf("uniform %v: %+v, %v", c, d, err)
		}
		if d.Sentence() != "The image appears blank." {
			t.Errorf("sentence %q", d.Sentence())
		}
	}
	if loads != 0 {
		t.Errorf("blank images loaded the model %d times", loads)
	}
}

func TestDescribeCaptionsAndLoadsOnce(t *testing.T) {
	loads, calls := 0, 0
	s := &Service{Captioner: &Model[Captioner]{Open: func() (Captioner, error) {
		loads++
		return CaptionerFunc(func(_ context.Context, img image.Image) (inference.Caption, error) {
			calls++
			return inference.Caption{Text: fmt.Sprintf("a %d pixel wide picture", img.Bounds().Dx()), Confidence: 0.8}, nil
		}), nil
	}}}
	for range 3 {
		d, err := s.Describe(context.Background(), "x.png", withLine())
		if err != nil {
			t.Fatal(err)
		}
		if d.Blank || d.Caption != "a 320 pixel wide picture" || d.Width != 320 || d.Height != 200 {
			t.Fatalf("got %+v", d)
		}
	}
	if loads != 1 || calls != 3 {
		t.Errorf("loads %d calls %d, want 1 and 3", loads, calls)
	}
}

func TestDescribeLoadErrorIsKept(t *testing.T) {
	loads := 0
	s := &Service{Captioner: &Model[Captioner]{Open: func() (Captioner, error) {
		loads++
		return nil, fmt.Errorf("%w: no folder", inference.ErrNoModel)
	}}}
	for range 2 {
		_, err := s.Describe(context.Background(), "x", withLine())
		if !errors.Is(err, ErrNoModel) || !IsBadInput(err) {
			t.Fatalf("err %v", err)
		}
	}
	if loads != 1 {
		t.Errorf("failed load retried %d times", loads)
	}
	if _, err := (&Service{}).Describe(context.Background(), "x", withLine()); !errors.Is(err, ErrNoModel) {
		t.Errorf("no loader: %v", err)
	}
}

func TestSentenceHedges(t *testing.T) {
	for _, tc := range []struct {
		d    Description
		want string
	}{
		{Description{Caption: "a dog on a sofa", Confidence: 0.7}, "a dog on a sofa"},
		{Description{Caption: "people surfing", Confidence: 0.1}, "Possibly people surfing."},
		{Description{Caption: "A red car.", Confidence: 0.1}, "Possibly a red car."},
		{Description{Caption: "Élan, a boat", Confidence: 0.1}, "Possibly élan, a boat."},
		{Description{Caption: "TV screen", Confidence: 0.1}, "Possibly TV screen."},
		{Description{Caption: "I see a cat", Confidence: 0.1}, "Possibly I see a cat."},
		{Description{}, "No description."},
		{Description{Blank: true}, "The image appears blank."},
	} {
		if got := tc.d.Sentence(); got != tc.want {
			t.Errorf("%+v: %q, want %q", tc.d, got, tc.want)
		}
	}
}

func TestIsBadInput(t *testing.T) {
	if IsBadInput(errors.New("disk on fire")) || IsBadInput(context.Canceled) {
		t.Error("runtime failures reported as bad input")
	}
	for _, err := range []error{inference.ErrBadModel, imaging.ErrImageTooLarge, imaging.ErrDamagedImage,
		fmt.Errorf("x.png: %w", imaging.ErrUnsupportedImage), imaging.ErrEmptyImage} {
		if !IsBadInput(err) {
			t.Errorf("%v not bad input", err)
		}
	}
}

// fakeReader returns n lines of text, each 10 px high.
type fakeReader struct{ n, calls int }

func (f *fakeReader) Read(context.Context, image.Image) (ocr.Result, error) {
	f.calls++
	var r ocr.Result
	for i := range f.n {
		y := float64(10 * i)
		r.Lines = append(r.Lines, ocr.Line{Text: fmt.Sprintf("line %d", i+1), Confidence: 0.9,
			Quad: ocr.Quad{{X: 0, Y: y}, {X: 40, Y: y}, {X: 40, Y: y + 8}, {X: 0, Y: y + 8}}})
	}
	return r, nil
}

func captioner(text string, conf float64) func() (Captioner, error) {
	return func() (Captioner, error) {
		return CaptionerFunc(func(context.Context, image.Image) (inference.Caption, error) {
			return inference.Caption{Text: text, Confidence: conf}, nil
		}), nil
	}
}

func TestDescribeMergesTextAndCaption(t *testing.T) {
	for _, tc := range []struct {
		name  string
		lines int
		cap   string
		conf  float64
		want  string
	}{
		{"photo with a sign", 1, "a shop front", 0.7, "a shop front\nText on screen:\nline 1"},
		{"document: no caption", 4, "people surfing", 0.8, "Text on screen:\nline 1\nline 2\nline 3\nline 4"},
		{"unsure caption, no text", 0, "a cat", 0.1, "Possibly a cat."},
		{"text only asked for, none found", 0, "", 0, "No text found."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := &fakeReader{n: tc.lines}
			s := &Service{Reader: &Model[TextReader]{Open: func() (TextReader, error) { return r, nil }}}
			if tc.cap != "" {
				s.Captioner = &Model[Captioner]{Open: captioner(tc.cap, tc.conf)}
			}
			d, err := s.Describe(context.Background(), "x", withLine())
			if err != nil {
				t.Fatal(err)
			}
			if got := d.Sentence(); got != tc.want {
				t.Errorf("Sentence() = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestLongTextIsCappedUntilAskedFor(t *testing.T) {
	s := &Service{Reader: &Model[TextReader]{Open: func() (TextReader, error) { return &fakeReader{n: 40}, nil }}}
	d, err := s.Describe(context.Background(), "x", withLine())
	if err != nil {
		t.Fatal(err)
	}
	short, full := d.Sentence(), d.FullText()
	if !strings.HasSuffix(short, "line 15\n… and 25 more lines.") || strings.Contains(short, "line 16") {
		t.Errorf("short form ends %q", short[max(0, len(short)-60):])
	}
	if !strings.HasSuffix(full, "line 40") || strings.Count(full, "\n") != 40 {
		t.Errorf("full form has %d lines", strings.Count(full, "\n")+1)
	}
	if d.Text() != strings.TrimPrefix(full, "Text on screen:\n") {
		t.Error("Text() differs from the full form's lines")
	}
}

func TestBlankSkipsOCR(t *testing.T) {
	r := &fakeReader{n: 3}
	s := &Service{Reader: &Model[TextReader]{Open: func() (TextReader, error) { return r, nil }}}
	if d, _ := s.Describe(context.Background(), "x", uniform(color.Black)); !d.Blank || r.calls != 0 {
		t.Errorf("blank: %+v, reader called %d times", d, r.calls)
	}
}
