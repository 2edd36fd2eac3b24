package app

import (
	"context"
	"errors"
	"fmt"
	"image"
	"image/color"
	"testing"

	"github.com/describer/describer/inference"
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
	s := &Service{LoadCaptioner: func() (Captioner, error) {
		loads++
		return nil, errors.New("must not load")
	}}
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
	s := &Service{LoadCaptioner: func() (Captioner, error) {
		loads++
		return CaptionerFunc(func(_ context.Context, img image.Image) (inference.Caption, error) {
			calls++
			return inference.Caption{Text: fmt.Sprintf("a %d pixel wide picture", img.Bounds().Dx()), Confidence: 0.8}, nil
		}), nil
	}}
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
	s := &Service{LoadCaptioner: func() (Captioner, error) {
		loads++
		return nil, fmt.Errorf("%w: no folder", inference.ErrNoModel)
	}}
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
	for _, err := range []error{inference.ErrBadModel, inference.ErrImageTooLarge, inference.ErrDamagedImage,
		fmt.Errorf("x.png: %w", inference.ErrUnsupportedImage), inference.ErrEmptyImage} {
		if !IsBadInput(err) {
			t.Errorf("%v not bad input", err)
		}
	}
}
