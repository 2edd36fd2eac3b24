package ocr

import (
	"context"
	"errors"
	"fmt"
	"image"
	"math"
	"os"
	"path/filepath"
	"unicode"
	"unicode/utf8"

	"github.com/describer/describer/inference"
)

// MinConfidence is the recogniser confidence below which a line is dropped
// as noise rather than read out.
const MinConfidence = 0.5

// Engine reads the text of images: detection, recognition and reading
// order. Read calls are serialised by the sessions.
type Engine struct {
	det *Detector
	rec *Recognizer
}

// Open loads the PP-OCRv4 detector and recogniser from dir.
func Open(dir string, open inference.SessionOpener) (e *Engine, err error) {
	for _, f := range []string{DetectorFile, RecognizerFile, KeysFile} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			return nil, fmt.Errorf("%w: %s has no %s", ErrNoModel, dir, f)
		}
	}
	e = &Engine{}
	defer func() {
		if err != nil {
			err = errors.Join(err, e.Close())
			e = nil
		}
	}()
	if e.det, err = LoadDetector(filepath.Join(dir, DetectorFile), open); err != nil {
		return e, err
	}
	e.rec, err = LoadRecognizer(filepath.Join(dir, RecognizerFile), filepath.Join(dir, KeysFile), open)
	return e, err
}

// Read returns the text of img in reading order. Lines the recogniser is
// unsure of (below MinConfidence), empty ones and lone letters (see
// dropLoneLetters) are left out.
func (e *Engine) Read(ctx context.Context, img image.Image) (Result, error) {
	return e.ReadEach(ctx, img, nil)
}

// ReadEach is Read that hands fn the first few lines as soon as they are
// recognised, then the next ones in larger chunks (whole rows), in
// reading order, so the first words can be spoken while the rest is still
// being read. The lines are put in reading order from the detected boxes,
// before recognition; the result holds them in the order fn saw them. An
// error from fn stops reading and is returned.
func (e *Engine) ReadEach(ctx context.Context, img image.Image, fn func(lines []Line) error) (Result, error) {
	regions, err := e.det.Detect(ctx, img)
	if err != nil || len(regions) == 0 {
		return Result{}, err
	}
	boxes := make([]Line, len(regions))
	for i, r := range regions {
		boxes[i].Quad = r.Quad
	}
	order := ordered(boxes)
	src := toRGBA(img)
	crops := make([]*image.RGBA, len(regions))
	for i, r := range regions {
		crops[i] = lineCrop(src, r.Quad)
	}
	var res Result
	for _, chunk := range chunks(order, fn != nil) {
		lines, err := e.recognize(ctx, chunk, regions, crops)
		if err != nil {
			return Result{}, err
		}
		res.Lines = append(res.Lines, lines...)
		if fn != nil && len(lines) > 0 {
			if err := fn(lines); err != nil {
				return Result{}, err
			}
		}
	}
	return res, nil
}

// ordered returns the lines in reading order, as Order does, each with its
// index in lines.
func ordered(lines []Line) []orderedLine {
	var out []orderedLine
	for _, lf := range orderLeaves(lines) {
		for _, i := range lf.idx {
			l := lines[i]
			l.Block = lf.block
			out = append(out, orderedLine{l, i})
		}
	}
	return out
}

// orderedLine is a line in reading order and its index among the
// detected regions.
type orderedLine struct {
	Line
	i int
}

// recognize reads the lines of chunk and keeps those worth saying, with
// the detector's box and their block.
func (e *Engine) recognize(ctx context.Context, chunk []orderedLine, regions []Region, crops []*image.RGBA) ([]Line, error) {
	sub := make([]*image.RGBA, len(chunk))
	for k, l := range chunk {
		sub[k] = crops[l.i]
	}
	got := make([]Line, len(sub))
	if err := e.rec.recognizeCrops(ctx, sub, got); err != nil {
		return nil, err
	}
	var kept []Line
	for k, l := range got {
		if l.Text != "" && l.Confidence >= MinConfidence {
			l.Quad, l.Block = regions[chunk[k].i].Quad, chunk[k].Block
			kept = append(kept, l)
		}
	}
	return dropLoneLetters(kept), nil
}

// dropLoneLetters leaves out the lines, in reading order and whole rows,
// that are a single letter with nothing else read on their row: on screens
// nearly always an icon read as text (a magnifying glass as "Q"), while
// real letters come in rows (B I U, a calendar's M T W T F S S). A digit
// alone (a badge's count) stays.
func dropLoneLetters(lines []Line) []Line {
	var out []Line
	for k, l := range lines {
		mate := k > 0 && sameRow(lines[k-1], l) || k+1 < len(lines) && sameRow(l, lines[k+1])
		if mate || !oneLetter(l.Text) {
			out = append(out, l)
		}
	}
	return out
}

// oneLetter reports whether s is a single letter.
func oneLetter(s string) bool {
	r, size := utf8.DecodeRuneInString(s)
	return size == len(s) && unicode.IsLetter(r)
}

// When streaming, ReadEach recognises the first firstChunk lines (enough
// to know a screen is mostly text) on their own, then streamChunk at a
// time (full batches); chunks end where a row ends.
const (
	firstChunk  = 3
	streamChunk = 4 * DefaultRecBatch
)

// chunks splits the lines, in reading order, for recognition: all at
// once, or, when streaming, a few first and then larger chunks.
func chunks(lines []orderedLine, stream bool) [][]orderedLine {
	if !stream {
		return [][]orderedLine{lines}
	}
	var out [][]orderedLine
	start, size := 0, firstChunk
	for k := 1; k <= len(lines); k++ {
		rowEnds := k == len(lines) || !sameRow(lines[k-1].Line, lines[k].Line)
		if rowEnds && (k-start >= size || k == len(lines)) {
			out = append(out, lines[start:k])
			start, size = k, streamChunk
		}
	}
	return out
}

// Close releases the models.
func (e *Engine) Close() error {
	var errs []error
	if e.det != nil {
		errs = append(errs, e.det.Close())
	}
	if e.rec != nil {
		errs = append(errs, e.rec.Close())
	}
	return errors.Join(errs...)
}

// CropPad is the margin, as a fraction of a detected region's height, that
// Read adds on every side of the region before the recogniser sees it; the
// lines still report the detector's box. Across the text, the crop is
// then fitted to the line's ink (lineCrop in crop.go). PP-OCRv4's
// recogniser keeps the spaces between words far better with this margin
// than on the detector's tight boxes: on the test screens
// (testdata/screens) the mean CER fell from 0.048 to 0.006, and 20 px text
// stopped losing its spaces (0.15 to 0.01). 0.15 gave 0.021 and 0.35 gave
// 0.0064.
const CropPad = 0.25

// padQuad grows q by frac of its height on every side, along its own axes.
func padQuad(q Quad, frac float64) Quad {
	if !(frac > 0) {
		return q
	}
	ux, uy := q[1].X-q[0].X, q[1].Y-q[0].Y // along the text
	vx, vy := q[3].X-q[0].X, q[3].Y-q[0].Y // down the text
	w, h := math.Hypot(ux, uy), math.Hypot(vx, vy)
	if !(w > 0) || !(h > 0) || math.IsInf(w, 0) || math.IsInf(h, 0) {
		return q
	}
	d := frac * h
	ux, uy, vx, vy = ux/w*d, uy/w*d, vx/h*d, vy/h*d
	sign := [4][2]float64{{-1, -1}, {1, -1}, {1, 1}, {-1, 1}}
	var out Quad
	for i, p := range q {
		out[i] = Point{p.X + sign[i][0]*ux + sign[i][1]*vx, p.Y + sign[i][0]*uy + sign[i][1]*vy}
	}
	return out
}
