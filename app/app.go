// Package app is Describer's use case in plain Go: turn an image into a
// description a person can listen to. It knows nothing of windows, ONNX
// Runtime or sound devices; those arrive through the small interfaces below.
package app

import (
	"context"
	"errors"
	"fmt"
	"image"
	"time"

	"github.com/describer/describer/inference"
)

// Captioner describes an image in one sentence.
type Captioner interface {
	Caption(ctx context.Context, img image.Image) (inference.Caption, error)
}

// CaptionerFunc adapts a function to Captioner.
type CaptionerFunc func(ctx context.Context, img image.Image) (inference.Caption, error)

// Caption calls f.
func (f CaptionerFunc) Caption(ctx context.Context, img image.Image) (inference.Caption, error) {
	return f(ctx, img)
}

// ErrNoModel means no caption model is installed or configured.
var ErrNoModel = inference.ErrNoModel

// Description is what Describer says about one image.
type Description struct {
	// Source names the image: a file path, "-" for standard input.
	Source string
	// Width and Height are the image's size in pixels.
	Width, Height int
	// Blank is true for a near-uniform image; no model ran for it.
	Blank bool
	// Caption is the model's sentence; empty when Blank.
	Caption string
	// Confidence is the caption's geometric-mean token probability, 0–1.
	Confidence float64
	// Timings of the caption; Load is set by the caller that loaded models.
	Timings inference.Timings
}

// Service describes images. Captioner is loaded on first need through
// LoadCaptioner, so blank images never wait for a model.
type Service struct {
	// LoadCaptioner opens the caption model; called at most once, on the
	// first image that is not blank.
	LoadCaptioner func() (Captioner, error)

	captioner Captioner
	loadErr   error
	loaded    bool
	// LoadTime is how long LoadCaptioner took.
	LoadTime time.Duration
}

// Describe describes img. A blank image gets Blank=true and no caption.
func (s *Service) Describe(ctx context.Context, source string, img image.Image) (Description, error) {
	b := img.Bounds()
	d := Description{Source: source, Width: b.Dx(), Height: b.Dy()}
	start := time.Now()
	if blank, _ := inference.IsBlank(img); blank {
		d.Blank = true
		d.Timings.Total = time.Since(start)
		return d, nil
	}
	c, err := s.captionerOnce()
	if err != nil {
		return d, err
	}
	cap, err := c.Caption(ctx, img)
	if err != nil {
		return d, err
	}
	d.Caption, d.Confidence, d.Timings = cap.Text, cap.Confidence, cap.Timings
	return d, nil
}

func (s *Service) captionerOnce() (Captioner, error) {
	if !s.loaded {
		s.loaded = true
		if s.LoadCaptioner == nil {
			s.loadErr = fmt.Errorf("%w: none configured", ErrNoModel)
		} else {
			start := time.Now()
			s.captioner, s.loadErr = s.LoadCaptioner()
			s.LoadTime = time.Since(start)
		}
	}
	return s.captioner, s.loadErr
}

// Close releases the captioner if it has a Close method.
func (s *Service) Close() error {
	if c, ok := s.captioner.(interface{ Close() error }); ok {
		return c.Close()
	}
	return nil
}

// Sentence is the text a person hears for d: the caption, or that the image
// is blank. A caption with low confidence is hedged.
func (d Description) Sentence() string {
	switch {
	case d.Blank:
		return "The image appears blank."
	case d.Caption == "":
		return "No description."
	case d.Confidence < LowConfidence:
		return "Possibly " + d.Caption + "."
	}
	return d.Caption
}

// LowConfidence is the confidence below which a caption is hedged.
const LowConfidence = 0.25

// IsBadInput reports whether err comes from what the user supplied (an
// unreadable image, a missing or damaged model) rather than a failure while
// running.
func IsBadInput(err error) bool {
	for _, target := range badInput {
		if errors.Is(err, target) {
			return true
		}
	}
	return false
}

// badInput lists the sentinel errors that mean "fix what you gave me".
var badInput = []error{
	inference.ErrNoModel, inference.ErrBadModel, inference.ErrBadOption,
	inference.ErrEmptyImage, inference.ErrUnsupportedImage, inference.ErrDamagedImage, inference.ErrImageTooLarge,
}
