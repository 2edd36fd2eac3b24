package ocr

import (
	"context"
	"errors"
	"fmt"
	"image"
	"math"
	"sort"

	"github.com/describer/describer/inference"
	"github.com/describer/describer/inference/imaging"
)

// DetectorOptions tune the DB text detector. The zero value of each field
// means its default: PaddleOCR's det_db_* defaults, and a side limit chosen
// for screens.
type DetectorOptions struct {
	// MaxSide is the longest side, in pixels, the image is shrunk to
	// before detection (default DefaultMaxSide). Larger keeps small text
	// detectable and costs time.
	MaxSide int
	// Thresh binarises the probability map (default 0.3).
	Thresh float64
	// BoxThresh drops boxes whose mean probability is lower (default 0.6).
	BoxThresh float64
	// UnclipRatio sets how far a box grows: area × ratio / perimeter
	// (default 1.5).
	UnclipRatio float64
	// MinSize drops boxes with a shorter side, in map pixels (default 3).
	MinSize float64
}

// DefaultMaxSide is the default side limit: a 1920×1080 screen is shrunk
// by two thirds. PaddleOCR's 960 halves such a screen and runs small UI
// text together. Measured by TestMaxSideRecall on a rendered 1920×1080 screen
// (menu words at 11–14 px plus dense 12–13 px lines 17 px apart; a box is
// found when 80% of it lies in regions that do not merge it with another
// line): recall 0.984 at 960, 1.000 at 1280, 1600 and 1920, with one
// region per line only from 1600 up. With 9–12 px text 14 px apart: 0.668
// at 960, 1.000 at 1280 and up, one region per line only at 1920. A
// 2560×1440 screen at 100% scale is halved. Detection time grows with the area (BenchmarkDetect1080pMaxSide,
// 2 CPU cores shared with other work, so ranges): 0.25–0.4 s at 960,
// 0.3–0.6 s at 1280, 0.5–1.0 s at 1600, 0.6–1.9 s at 1920. 1280 keeps full
// recall at about half the time of 1920, and the whole OCR of the test
// screens reads the same text (TestEngineReadsScreens: identical CER);
// callers that need the smallest, densest text split exactly one region per
// line can set MaxSide to 1920.
const DefaultMaxSide = 1280

func (o DetectorOptions) withDefaults() DetectorOptions {
	if o.MaxSide <= 0 {
		o.MaxSide = DefaultMaxSide
	}
	if o.Thresh <= 0 {
		o.Thresh = 0.3
	}
	if o.BoxThresh <= 0 {
		o.BoxThresh = 0.6
	}
	if o.UnclipRatio <= 0 {
		o.UnclipRatio = 1.5
	}
	if o.MinSize <= 0 {
		o.MinSize = 3
	}
	return o
}

// Detector finds text regions with PP-OCRv4's DB detection model.
type Detector struct {
	sess    inference.Session
	in, out string
	opts    DetectorOptions
}

// LoadDetector opens the DB detection model at path with open, with
// default options.
func LoadDetector(path string, open inference.SessionOpener) (*Detector, error) {
	return LoadDetectorOptions(path, open, DetectorOptions{})
}

// LoadDetectorOptions is LoadDetector with options.
func LoadDetectorOptions(path string, open inference.SessionOpener, opts DetectorOptions) (*Detector, error) {
	if open == nil {
		return nil, errors.New("ocr: load detector: no session opener")
	}
	s, err := open(path)
	if err != nil {
		return nil, fmt.Errorf("ocr: load detector %s: %w", path, err)
	}
	d, err := NewDetector(s, opts)
	if err != nil {
		s.Close()
		return nil, fmt.Errorf("ocr: load detector %s: %w", path, err)
	}
	return d, nil
}

// NewDetector wraps an open session of a DB detection model: one float32
// input [N,3,H,W] and a probability map output [N,1,H,W]. The detector
// owns s and closes it on Close.
func NewDetector(s inference.Session, opts DetectorOptions) (*Detector, error) {
	ins, outs := s.Inputs(), s.Outputs()
	if len(ins) != 1 || len(outs) < 1 {
		return nil, fmt.Errorf("want a model with 1 input and an output, got %d inputs and %d outputs", len(ins), len(outs))
	}
	if ins[0].DType != inference.Float32 || outs[0].DType != inference.Float32 {
		return nil, fmt.Errorf("want float32 input and output, got %s and %s", ins[0].DType, outs[0].DType)
	}
	if len(ins[0].Shape) != 4 || (ins[0].Shape[1] != 3 && ins[0].Shape[1] != -1) {
		return nil, fmt.Errorf("want input %q shaped [N,3,H,W], got %v", ins[0].Name, ins[0].Shape)
	}
	return &Detector{sess: s, in: ins[0].Name, out: outs[0].Name, opts: opts.withDefaults()}, nil
}

// Options returns the detector's options with defaults filled in.
func (d *Detector) Options() DetectorOptions { return d.opts }

// Close releases the model.
func (d *Detector) Close() error {
	if d == nil || d.sess == nil {
		return nil
	}
	err := d.sess.Close()
	d.sess = nil
	return err
}

// detSize returns the model input size for a w×h image: shrunk so that
// the longer side is at most maxSide, then each side rounded to a multiple
// of 32 (at least 32), as PaddleOCR's DetResizeForTest (limit_type max).
func detSize(w, h, maxSide int) (int, int) {
	ratio := 1.0
	if m := max(w, h); m > maxSide {
		ratio = float64(maxSide) / float64(m)
	}
	rw, rh := int(float64(w)*ratio), int(float64(h)*ratio)
	round32 := func(v int) int { return max(32, int(math.RoundToEven(float64(v)/32))*32) }
	return round32(rw), round32(rh)
}

// Normalisation of the det config (NormalizeImage): scale 1/255, then
// mean and std per channel, in the order of the image PaddleOCR reads
// with cv2, which is BGR. So mean[0] = 0.485 applies to blue.
var (
	detMean = [3]float32{0.485, 0.456, 0.406}
	detStd  = [3]float32{0.229, 0.224, 0.225}
)

// detTensor builds the [1,3,h,w] input from the resized RGBA image, in
// BGR channel order.
func detTensor(m *image.RGBA) inference.Tensor {
	w, h := m.Rect.Dx(), m.Rect.Dy()
	var lut [3][256]float32
	for c := range 3 {
		for v := range 256 {
			lut[c][v] = (float32(v)/255 - detMean[c]) / detStd[c]
		}
	}
	data := make([]float32, 3*w*h)
	plane := w * h
	for y := range h {
		row := m.Pix[y*m.Stride : y*m.Stride+4*w]
		for x := range w {
			i := y*w + x
			r, g, b := row[4*x], row[4*x+1], row[4*x+2]
			data[i] = lut[0][b]
			data[plane+i] = lut[1][g]
			data[2*plane+i] = lut[2][r]
		}
	}
	return inference.NewFloat32([]int64{1, 3, int64(h), int64(w)}, data)
}

// Detect returns the text regions of img in source-image coordinates,
// corners clockwise from the top left, sorted top to bottom then left to
// right. An image without text gives no regions.
func (d *Detector) Detect(ctx context.Context, img image.Image) ([]Region, error) {
	if d == nil || d.sess == nil {
		return nil, errors.New("ocr: detect: detector is closed")
	}
	if img == nil || img.Bounds().Empty() {
		return nil, errors.New("ocr: detect: the image has no pixels")
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	b := img.Bounds()
	sw, sh := b.Dx(), b.Dy()
	if uniform(img) {
		return nil, nil // nothing to detect, and no need to run the model
	}
	rw, rh := detSize(sw, sh, d.opts.MaxSide)
	m, err := imaging.ResizeRGB(img, rw, rh, imaging.Bilinear)
	if err != nil {
		return nil, fmt.Errorf("ocr: detect: %w", err)
	}
	outs, err := d.sess.Run(ctx, map[string]inference.Tensor{d.in: detTensor(m)})
	if err != nil {
		return nil, fmt.Errorf("ocr: detect: %w", err)
	}
	t, ok := outs[d.out]
	if !ok {
		return nil, fmt.Errorf("ocr: detect: the model gave no output %q", d.out)
	}
	prob := t.Float32s()
	if len(t.Shape) != 4 || t.Shape[0] < 1 || t.Shape[1] < 1 || prob == nil || len(prob) < t.Len() {
		return nil, fmt.Errorf("ocr: detect: want a float32 map [1,1,H,W], got %v", t.Shape)
	}
	mw, mh := int(t.Shape[3]), int(t.Shape[2])
	regs := dbPostprocess(prob[:mw*mh], mw, mh, dbParams{
		thresh: d.opts.Thresh, boxThresh: d.opts.BoxThresh,
		unclipRatio: d.opts.UnclipRatio, minSize: d.opts.MinSize,
		maxCandidates: maxCandidates,
	})
	// Map back: PaddleOCR scales by dest/src size of the map.
	sx, sy := float64(sw)/float64(mw), float64(sh)/float64(mh)
	out := regs[:0]
	for _, r := range regs {
		for i := range r.Quad {
			r.Quad[i].X = clamp(r.Quad[i].X*sx, 0, float64(sw)) + float64(b.Min.X)
			r.Quad[i].Y = clamp(r.Quad[i].Y*sy, 0, float64(sh)) + float64(b.Min.Y)
		}
		// PaddleOCR's filter_tag_det_res drops boxes 3 px or less.
		if math.Hypot(r.Quad[1].X-r.Quad[0].X, r.Quad[1].Y-r.Quad[0].Y) <= 3 ||
			math.Hypot(r.Quad[3].X-r.Quad[0].X, r.Quad[3].Y-r.Quad[0].Y) <= 3 {
			continue
		}
		out = append(out, r)
	}
	sortRegions(out)
	return out, nil
}

// uniform reports whether every pixel of img has the same colour (blank,
// all black, fully transparent).
func uniform(img image.Image) bool {
	b := img.Bounds()
	switch m := img.(type) {
	case *image.RGBA:
		return uniformPix(m.Pix, m.Stride, 4*b.Dx(), b.Dy(), 4)
	case *image.NRGBA:
		return uniformPix(m.Pix, m.Stride, 4*b.Dx(), b.Dy(), 4)
	case *image.Gray:
		return uniformPix(m.Pix, m.Stride, b.Dx(), b.Dy(), 1)
	case *image.Paletted:
		return uniformPix(m.Pix, m.Stride, b.Dx(), b.Dy(), 1)
	case *image.YCbCr:
		// Every stored sample equal is enough (a sub-image may store more).
		return allSame(m.Y) && allSame(m.Cb) && allSame(m.Cr)
	}
	r0, g0, b0, a0 := img.At(b.Min.X, b.Min.Y).RGBA()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bb, a := img.At(x, y).RGBA()
			if r != r0 || g != g0 || bb != b0 || a != a0 {
				return false
			}
		}
	}
	return true
}

func uniformPix(pix []byte, stride, rowBytes, rows, px int) bool {
	if rows == 0 || rowBytes == 0 {
		return true
	}
	first := pix[:px]
	for y := range rows {
		row := pix[y*stride : y*stride+rowBytes]
		for i := 0; i < len(row); i += px {
			for k := range px {
				if row[i+k] != first[k] {
					return false
				}
			}
		}
	}
	return true
}

// sortRegions orders regions top to bottom, then left to right within a
// line, as PaddleOCR's sorted_boxes: sort by the top-left corner, then
// swap neighbours whose tops are within half a box height of each other.
func sortRegions(rs []Region) {
	sort.SliceStable(rs, func(i, j int) bool {
		if rs[i].Quad[0].Y != rs[j].Quad[0].Y {
			return rs[i].Quad[0].Y < rs[j].Quad[0].Y
		}
		return rs[i].Quad[0].X < rs[j].Quad[0].X
	})
	height := func(r Region) float64 { return math.Hypot(r.Quad[3].X-r.Quad[0].X, r.Quad[3].Y-r.Quad[0].Y) }
	for i := 0; i < len(rs)-1; i++ {
		for j := i; j >= 0; j-- {
			a, c := rs[j], rs[j+1]
			tol := min(10, 0.5*min(height(a), height(c)))
			if math.Abs(c.Quad[0].Y-a.Quad[0].Y) < tol && c.Quad[0].X < a.Quad[0].X {
				rs[j], rs[j+1] = c, a
			} else {
				break
			}
		}
	}
}

func allSame(p []byte) bool {
	for _, v := range p {
		if v != p[0] {
			return false
		}
	}
	return true
}
