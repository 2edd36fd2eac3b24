// Package app is Describer's use case in plain Go: turn an image into a
// description a person can listen to. It knows nothing of windows, ONNX
// Runtime or sound devices; those arrive through the small interfaces below.
package app

import (
	"context"
	"errors"
	"fmt"
	"image"
	"io/fs"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/describer/describer/app/filter"
	"github.com/describer/describer/app/i18n"
	"github.com/describer/describer/inference"
	"github.com/describer/describer/inference/imaging"
	"github.com/describer/describer/inference/ocr"
	"github.com/describer/describer/internal/usererr"
	"github.com/describer/describer/speech"
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

// StreamingReader is a TextReader that can hand over the text block by
// block while it reads, in reading order (ocr.Engine's ReadEach).
type StreamingReader interface {
	TextReader
	ReadEach(ctx context.Context, img image.Image, fn func(lines []ocr.Line) error) (ocr.Result, error)
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
	// Level is the caption's level of detail (0 brief; see
	// inference.DetailNames) and Levels how many the model has: 1 for the
	// small model, 3 for Florence-2.
	Level, Levels int
	// Lines is the text in the image in reading order; nil when OCR was
	// not asked for.
	Lines []ocr.Line
	// Timings of the caption.
	Timings inference.Timings
	// OCRTime is how long reading the text took.
	OCRTime time.Duration
	// Question and Answer are set for an answer about the image instead
	// of a description of it.
	Question, Answer string
	// Language is the language Caption and Answer were translated into
	// ("de"); "" when they are the model's English.
	Language string
	// EnglishCaption and EnglishAnswer are the model's English, kept
	// when Caption or Answer is a translation.
	EnglishCaption, EnglishAnswer string
	// Softened is set when the filter masked words of the caption (an
	// answer says so in its own text).
	Softened bool
	// Model names the caption model that made Caption (Service.ModelName).
	Model string
}

// At returns d with only the text block under p, in the image's pixels:
// what the read-block hotkey and describe --at say. Where there is no
// text near p, no text is left ("No text found.").
func (d Description) At(p image.Point) Description {
	b, ok := ocr.Result{Lines: d.Lines}.BlockAt(p)
	if d.Lines != nil {
		d.Lines = []ocr.Line{}
	}
	if ok {
		d.Lines = b.Lines()
	}
	return d
}

// Text returns the image's text, lines joined by newlines.
func (d Description) Text() string { return ocr.Result{Lines: d.Lines}.Text() }

// Service describes images. Models are loaded on first need, so blank
// images never wait for one; a nil model leaves that part out.
type Service struct {
	// Captioner is the caption model; nil means no caption.
	Captioner *Model[Captioner]
	// Reader is the text reader (the OCR models); nil means no text
	// reading.
	Reader *Model[TextReader]
	// Detail, when set, is the level of detail captions are made at, as
	// a number of inference.DetailNames, with a model that has levels
	// (Florence-2); nil leaves the model's own.
	Detail func() int
	// Asker answers questions about the image last described; nil means
	// no questions.
	Asker *Model[Asker]
	// Split, when set and true, cuts images into tiles for questions:
	// finer detail, several times slower.
	Split func() bool
	// MaxAnswerTokens bounds an answer (0: the model's default).
	MaxAnswerTokens int
	// Translation, when set, puts captions and answers into the user's
	// language.
	Translation *Translation
	// ModelName, when set, names the caption model for the history
	// ("Florence-2-base-ft").
	ModelName func() string
	// Filter, when set, returns the filter that softens offensive words
	// in captions and answers (nil or off: none). The screen's text is
	// never filtered.
	Filter func() *filter.Filter

	last    lastImage // for More
	subject subject   // for Ask
}

// Preload loads the configured models now rather than on first need, so
// the first description does not wait for them; the app calls it in the
// background at start-up. It returns the loading errors, which a later
// Describe returns again.
func (s *Service) Preload() error {
	var errs []error
	if s.Reader != nil {
		_, err := s.Reader.Get()
		errs = append(errs, err)
	}
	if s.Captioner != nil {
		_, err := s.Captioner.Get()
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

// LoadTime is how long loading the models took so far.
func (s *Service) LoadTime() time.Duration { return s.Captioner.LoadTime() + s.Reader.LoadTime() }

// Loaded reports whether a model has been loaded.
func (s *Service) Loaded() bool { return s.Captioner.Loaded() || s.Reader.Loaded() }

// LoadFailed reports whether err is a model's remembered loading failure,
// which every later image would hit too.
func (s *Service) LoadFailed(err error) bool {
	for _, e := range []error{s.Captioner.Err(), s.Reader.Err()} {
		if e != nil && errors.Is(err, e) {
			return true
		}
	}
	return false
}

// part is one configured model of a description: loaded, or unavailable
// with the reason.
type part[T any] struct {
	v           T
	on          bool
	unavailable error
}

// load gets m for a description.
func load[T any](m *Model[T]) (part[T], error) {
	if m == nil {
		return part[T]{}, nil
	}
	v, err := m.Get()
	switch {
	case errors.Is(err, ErrUnavailable):
		return part[T]{on: true, unavailable: err}, nil
	case err != nil:
		return part[T]{}, err
	}
	return part[T]{v: v, on: true}, nil
}

// Describe describes img: its text (when a reader is configured) and a
// caption (when a captioner is). A blank image gets Blank=true and no model
// runs for it.
func (s *Service) Describe(ctx context.Context, source string, img image.Image) (Description, error) {
	return s.DescribeEach(ctx, source, img, nil)
}

// DescribeEach is Describe that, when the reader can (a StreamingReader),
// hands onLines the text's lines block by block, in reading order, while
// the rest is still being read; onLines nil is Describe.
func (s *Service) DescribeEach(ctx context.Context, source string, img image.Image, onLines func([]ocr.Line)) (Description, error) {
	s.subject.remember(img, source)
	b := img.Bounds()
	d := Description{Source: source, Width: b.Dx(), Height: b.Dy()}
	start := time.Now()
	if blank, _ := imaging.IsBlank(img); blank {
		d.Blank = true
		d.Timings.Total = time.Since(start)
		return d, nil
	}
	if s.Captioner == nil && s.Reader == nil {
		return d, fmt.Errorf("%w: neither captions nor text reading are configured", ErrNoModel)
	}
	// Both models load before either runs, so a broken one fails at once.
	c, err := load(s.Captioner)
	if err != nil {
		return d, err
	}
	r, err := load(s.Reader)
	if err != nil {
		return d, err
	}
	var unavailable []error
	if r.on {
		r.unavailable = s.read(ctx, img, r, &d, onLines)
		if r.unavailable != nil && !errors.Is(r.unavailable, ErrUnavailable) {
			return d, r.unavailable
		}
		unavailable = appendErr(unavailable, r.unavailable) // Lines stay nil: the text was not read
	}
	if c.on {
		c.unavailable = s.caption(ctx, img, c, &d)
		if c.unavailable != nil && !errors.Is(c.unavailable, ErrUnavailable) {
			return d, c.unavailable
		}
		s.last.remember(img, source, d.Level) // More says why when the model is unavailable
		if err := s.finishCaption(ctx, &d); err != nil {
			return d, err
		}
		unavailable = appendErr(unavailable, c.unavailable)
	}
	if configured := btoi(r.on) + btoi(c.on); len(unavailable) == configured {
		return d, unavailable[0]
	}
	return d, nil
}

// read reads the text of img into d, or returns why it could not.
func (s *Service) read(ctx context.Context, img image.Image, r part[TextReader], d *Description, onLines func([]ocr.Line)) error {
	if r.unavailable != nil {
		return r.unavailable
	}
	start := time.Now()
	var res ocr.Result
	var err error
	if sr, ok := r.v.(StreamingReader); ok && onLines != nil {
		res, err = sr.ReadEach(ctx, img, func(lines []ocr.Line) error { onLines(lines); return nil })
	} else {
		res, err = r.v.Read(ctx, img)
	}
	if err != nil {
		return err
	}
	d.Lines, d.OCRTime = res.Lines, time.Since(start)
	if d.Lines == nil {
		d.Lines = []ocr.Line{}
	}
	return nil
}

// caption captions img into d, or returns why it could not. A model with
// levels captions at Detail's level, except that a mostly-text image
// (read first) gets the brief caption when Detail is set: one line that
// says what the screen is, before its text; say more gives the rest.
func (s *Service) caption(ctx context.Context, img image.Image, c part[Captioner], d *Description) error {
	if c.unavailable != nil {
		return c.unavailable
	}
	var cap inference.Caption
	var err error
	d.Level, d.Levels = s.level(c.v), 1
	if lc, ok := c.v.(LeveledCaptioner); ok {
		if d.Levels = lc.Levels(); s.Detail != nil && d.MostlyText() {
			d.Level = 0
		}
		cap, err = lc.CaptionLevel(ctx, img, d.Level)
	} else {
		cap, err = c.v.Caption(ctx, img)
	}
	if err != nil {
		return err
	}
	d.Caption, d.Confidence, d.Timings = cap.Text, cap.Confidence, cap.Timings
	if s.ModelName != nil {
		d.Model = s.ModelName()
	}
	return nil
}

func appendErr(errs []error, err error) []error {
	if err != nil {
		return append(errs, err)
	}
	return errs
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// Close releases the models that were loaded.
func (s *Service) Close() error {
	return errors.Join(s.Captioner.Close(), s.Reader.Close())
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

// Sentence is what a person hears for d, short first: the caption (hedged
// when unsure; left out for a mostly-text image when the model has one
// level, a photo captioner that invents scenes for screens), then "Text on
// screen:" and up to SpokenLines lines.
func (d Description) Sentence() string { return d.render(SpokenLines) }

// FullText is Sentence with every line of text.
func (d Description) FullText() string { return d.render(-1) }

func (d Description) render(limit int) string {
	if d.Question != "" {
		if limit < 0 {
			return i18n.T("answer.full", "Question", d.Question, "Answer", d.Answer)
		}
		return d.Answer
	}
	if d.Blank {
		if d.Screen {
			return i18n.T("blank.screen")
		}
		return i18n.T("blank.image")
	}
	var parts []string
	if d.Caption != "" && (!d.MostlyText() || d.Levels > 1) {
		caption := d.Caption
		if d.Confidence < LowConfidence {
			caption = hedge(caption)
		}
		if d.Softened {
			caption += " " + i18n.T("filter.note")
		}
		parts = append(parts, caption)
	}
	if len(d.Lines) > 0 {
		lines := ocr.Result{Lines: d.Lines}.Rows()
		more := 0
		if limit >= 0 && len(lines) > limit {
			lines, more = lines[:limit], len(lines)-limit
		}
		text := make([]string, 0, len(lines)+2)
		text = append(text, i18n.T("text.heading"))
		text = append(text, lines...)
		if more > 0 {
			text = append(text, i18n.N("text.more-lines", more))
		}
		parts = append(parts, strings.Join(text, "\n"))
	}
	if len(parts) == 0 {
		if d.Lines != nil && d.Caption == "" {
			return i18n.T("text.none")
		}
		return i18n.T("description.none")
	}
	return strings.Join(parts, "\n")
}

// hedge says an unsure caption as one: "Possibly a red car." Florence-2
// starts its captions with a capital and ends them with a full stop; the
// capital goes (unless the word is all capitals, as "TV"), and one full
// stop ends the sentence.
func hedge(caption string) string {
	caption = strings.TrimRight(strings.TrimSpace(caption), ".")
	if i18n.Current() == i18n.English {
		first, rest := firstWord(caption)
		if r, size := utf8.DecodeRuneInString(first); first != strings.ToUpper(first) || size == len(first) && first != "I" {
			first = string(unicode.ToLower(r)) + first[size:]
		}
		caption = first + rest
	}
	return i18n.T("caption.hedge", "Caption", caption)
}

// firstWord splits s after its first word.
func firstWord(s string) (word, rest string) {
	if i := strings.IndexAny(s, " ,;:"); i >= 0 {
		return s[:i], s[i:]
	}
	return s, ""
}

// LowConfidence is the confidence below which a caption is hedged.
const LowConfidence = 0.25

// IsBadInput reports whether err comes from what the user supplied or how
// the machine is set up (an unreadable or missing file, a missing or
// damaged model, no usable ONNX Runtime or device, nothing to say) rather
// than a failure while running: the command line's exit status 2.
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
	usererr.ErrRuntime, usererr.ErrDevice, fs.ErrNotExist, fs.ErrPermission, speech.ErrNothingToSay,
}
