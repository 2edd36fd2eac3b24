// Package app is Describer's use case in plain Go: turn an image into a
// description a person can listen to. It knows nothing of windows, ONNX
// Runtime or sound devices; those arrive through the small interfaces below.
package app

import (
	"context"
	"errors"
	"fmt"
	"image"
	"strings"
	"sync"
	"time"

	"github.com/describer/describer/inference"
	"github.com/describer/describer/inference/imaging"
	"github.com/describer/describer/inference/ocr"
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

// ErrUnavailable is returned (wrapped in a sentence) by a Captioner or
// TextReader that is configured but cannot run now — its model is not
// installed yet, or the user turned it off. Describe then leaves that part
// out and uses the other; when every configured part is unavailable, it
// returns the reader's error (or the captioner's).
var ErrUnavailable = errors.New("not available")

// TextReader reads the text in an image, in reading order (OCR).
type TextReader interface {
	Read(ctx context.Context, img image.Image) (ocr.Result, error)
}

// Description is what Describer says about one image.
type Description struct {
	// Source names the image: a file path, "-" for standard input.
	Source string
	// Width and Height are the image's size in pixels.
	Width, Height int
	// Blank is true for a near-uniform image; no model ran for it.
	Blank bool
	// Screen is true when the image is a capture of the screen or a
	// window, so a blank one is "The screen appears blank."
	Screen bool
	// Caption is the model's sentence; empty when Blank or not asked for.
	Caption string
	// Confidence is the caption's geometric-mean token probability, 0–1.
	Confidence float64
	// Lines is the text in the image in reading order; nil when OCR was
	// not asked for.
	Lines []ocr.Line
	// Timings of the caption.
	Timings inference.Timings
	// OCRTime is how long reading the text took.
	OCRTime time.Duration
}

// Text returns the image's text, lines joined by newlines.
func (d Description) Text() string { return ocr.Result{Lines: d.Lines}.Text() }

// lazy opens something on first need, once, remembering a failure.
type lazy[T any] struct {
	load func() (T, error)
	v    T
	err  error
	done bool
	took time.Duration
}

func (l *lazy[T]) get(what string) (T, error) {
	if !l.done {
		l.done = true
		if l.load == nil {
			l.err = fmt.Errorf("%w: no %s configured", ErrNoModel, what)
		} else {
			start := time.Now()
			l.v, l.err = l.load()
			l.took = time.Since(start)
		}
	}
	return l.v, l.err
}

func (l *lazy[T]) close() error {
	if c, ok := any(l.v).(interface{ Close() error }); ok && l.err == nil && l.done {
		return c.Close()
	}
	return nil
}

// Service describes images. Models are loaded on first need, so blank
// images never wait for one; a nil loader leaves that part out.
type Service struct {
	// LoadCaptioner opens the caption model; nil means no caption.
	LoadCaptioner func() (Captioner, error)
	// LoadReader opens the OCR models; nil means no text reading.
	LoadReader func() (TextReader, error)

	mu        sync.Mutex // guards the loaders
	captioner lazy[Captioner]
	reader    lazy[TextReader]
	init      bool
}

func (s *Service) setup() {
	if !s.init {
		s.init = true
		s.captioner.load, s.reader.load = s.LoadCaptioner, s.LoadReader
	}
}

// Preload loads the configured models now rather than on first need, so
// the first description does not wait for them; the app calls it in the
// background at start-up. It returns the first loading error, which a
// later Describe returns again.
func (s *Service) Preload() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.setup()
	var errs []error
	if s.LoadReader != nil {
		_, err := s.reader.get("text reader")
		errs = append(errs, err)
	}
	if s.LoadCaptioner != nil {
		_, err := s.captioner.get("caption model")
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

// models returns the loaded models, loading them first if need be.
func (s *Service) models() (c Captioner, r TextReader, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.setup()
	// Both models load before either runs, so a broken one fails at once.
	if s.LoadCaptioner != nil {
		if c, err = s.captioner.get("caption model"); err != nil {
			return nil, nil, err
		}
	}
	if s.LoadReader != nil {
		if r, err = s.reader.get("text reader"); err != nil {
			return nil, nil, err
		}
	}
	return c, r, nil
}

// LoadTime is how long loading the models took so far.
func (s *Service) LoadTime() time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.captioner.took + s.reader.took
}

// Describe describes img: its text (when a reader is configured) and a
// caption (when a captioner is). A blank image gets Blank=true and no model
// runs for it.
func (s *Service) Describe(ctx context.Context, source string, img image.Image) (Description, error) {
	b := img.Bounds()
	d := Description{Source: source, Width: b.Dx(), Height: b.Dy()}
	start := time.Now()
	if blank, _ := imaging.IsBlank(img); blank {
		d.Blank = true
		d.Timings.Total = time.Since(start)
		return d, nil
	}
	if s.LoadCaptioner == nil && s.LoadReader == nil {
		return d, fmt.Errorf("%w: neither captions nor text reading are configured", ErrNoModel)
	}
	c, r, err := s.models()
	if err != nil {
		return d, err
	}
	var unavailable []error
	if r != nil {
		ocrStart := time.Now()
		res, err := r.Read(ctx, img)
		switch {
		case errors.Is(err, ErrUnavailable):
			unavailable = append(unavailable, err) // Lines stay nil: the text was not read
		case err != nil:
			return d, err
		default:
			d.Lines, d.OCRTime = res.Lines, time.Since(ocrStart)
			if d.Lines == nil {
				d.Lines = []ocr.Line{}
			}
		}
	}
	if c != nil {
		cap, err := c.Caption(ctx, img)
		switch {
		case errors.Is(err, ErrUnavailable):
			unavailable = append(unavailable, err)
		case err != nil:
			return d, err
		default:
			d.Caption, d.Confidence, d.Timings = cap.Text, cap.Confidence, cap.Timings
		}
	}
	if configured := btoi(r != nil) + btoi(c != nil); len(unavailable) == configured {
		return d, unavailable[0]
	}
	return d, nil
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// Close releases the models that were loaded.
func (s *Service) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return errors.Join(s.captioner.close(), s.reader.close())
}

// MostlyText reports whether the image is mostly text — a document, a
// dialog, a terminal — where a photo caption misleads (NVDA's captioner
// called a Word document "people surfing").
func (d Description) MostlyText() bool {
	if len(d.Lines) >= 3 {
		return true
	}
	var area int
	for _, l := range d.Lines {
		r := l.Box()
		area += r.Dx() * r.Dy()
	}
	return d.Width > 0 && d.Height > 0 && float64(area) > 0.1*float64(d.Width*d.Height)
}

// SpokenLines is how many lines of text Sentence reads before saying how
// many more there are; FullText has them all.
const SpokenLines = 15

// Sentence is what a person hears for d, short first: the caption (unless
// the image is mostly text; hedged when unsure), then "Text on screen:" and
// up to SpokenLines lines.
func (d Description) Sentence() string { return d.render(SpokenLines) }

// FullText is Sentence with every line of text.
func (d Description) FullText() string { return d.render(-1) }

func (d Description) render(limit int) string {
	if d.Blank {
		if d.Screen {
			return "The screen appears blank."
		}
		return "The image appears blank."
	}
	var parts []string
	if d.Caption != "" && !d.MostlyText() {
		if d.Confidence < LowConfidence {
			parts = append(parts, "Possibly "+d.Caption+".")
		} else {
			parts = append(parts, d.Caption)
		}
	}
	if len(d.Lines) > 0 {
		lines := ocr.Result{Lines: d.Lines}.Rows()
		more := 0
		if limit >= 0 && len(lines) > limit {
			lines, more = lines[:limit], len(lines)-limit
		}
		text := make([]string, 0, len(lines)+2)
		text = append(text, "Text on screen:")
		text = append(text, lines...)
		if more > 0 {
			text = append(text, fmt.Sprintf("… and %d more lines.", more))
		}
		parts = append(parts, strings.Join(text, "\n"))
	}
	if len(parts) == 0 {
		if d.Lines != nil && d.Caption == "" {
			return "No text found."
		}
		return "No description."
	}
	return strings.Join(parts, "\n")
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
	inference.ErrNoModel, inference.ErrBadModel, inference.ErrBadOption, ocr.ErrNoModel,
	imaging.ErrEmptyImage, imaging.ErrUnsupportedImage, imaging.ErrDamagedImage, imaging.ErrImageTooLarge,
}
