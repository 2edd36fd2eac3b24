package ocr

import (
	"context"
	"errors"
	"fmt"
	"image"
	"math"
	"sort"

	"github.com/describer/describer/inference"
)

// The recogniser's input, as PaddleOCR's predict_rec for PP-OCRv4
// (rec_image_shape "3,48,320", rec_batch_num 6).
const (
	recHeight = 48
	recWidth  = 320 // the narrowest batch width
	// DefaultRecBatch is how many crops of similar aspect ratio run
	// together.
	DefaultRecBatch = 6
	// DefaultRecMaxWidth caps a batch's input width (PaddleOCR has no
	// cap); a longer crop is squeezed to it.
	DefaultRecMaxWidth = 3840
)

// Recognizer is PaddleOCR's CTC text recogniser, e.g.
// ch_PP-OCRv4_rec_infer.onnx with ppocr_keys_v1.txt.
type Recognizer struct {
	sess    inference.Session
	in, out string
	cs      *Charset

	// Classifier, when set, turns crops it finds upside down before
	// recognition.
	Classifier *Classifier
	// BatchSize is the number of crops run at once (DefaultRecBatch if 0).
	BatchSize int
	// MaxWidth caps the input width (DefaultRecMaxWidth if 0).
	MaxWidth int
	// MinWidth is the narrowest batch width: narrower crops are padded
	// to it (PaddleOCR's 320 if 0).
	MinWidth int
}

// LoadRecognizer opens the recognition model at modelPath with the
// character set in keysPath and checks that they agree.
func LoadRecognizer(modelPath, keysPath string, open inference.SessionOpener) (*Recognizer, error) {
	if open == nil {
		return nil, errors.New("ocr: no session opener")
	}
	cs, err := LoadCharset(keysPath)
	if err != nil {
		return nil, err
	}
	s, err := open(modelPath)
	if err != nil {
		return nil, fmt.Errorf("ocr: open the recogniser: %w", err)
	}
	return newRecognizer(s, cs)
}

func newRecognizer(s inference.Session, cs *Charset) (*Recognizer, error) {
	ins, outs := s.Inputs(), s.Outputs()
	if len(ins) != 1 || len(outs) < 1 {
		s.Close()
		return nil, fmt.Errorf("ocr: the recogniser has %d inputs and %d outputs; want 1 and 1", len(ins), len(outs))
	}
	if sh := outs[0].Shape; len(sh) == 3 && sh[2] > 0 && int(sh[2]) != cs.Classes() {
		s.Close()
		return nil, fmt.Errorf("ocr: the recogniser outputs %d classes but the character set has %d (blank, keys, space)", sh[2], cs.Classes())
	}
	return &Recognizer{sess: s, in: ins[0].Name, out: outs[0].Name, cs: cs}, nil
}

// Charset returns the recogniser's character set.
func (r *Recognizer) Charset() *Charset { return r.cs }

// Close releases the model (and the classifier, if any).
func (r *Recognizer) Close() error {
	err := r.sess.Close()
	if r.Classifier != nil {
		err = errors.Join(err, r.Classifier.Close())
	}
	return err
}

// Recognize reads the text of each region of img. It returns one Line per
// region, in the input order, with the region's quad and Block 0; a region
// that cannot be cropped (zero area, wholly outside img) gives a Line with
// empty text and confidence 0.
func (r *Recognizer) Recognize(ctx context.Context, img image.Image, regions []Region) ([]Line, error) {
	lines := make([]Line, len(regions))
	for i, reg := range regions {
		lines[i].Quad = reg.Quad
	}
	if len(regions) == 0 || img == nil || img.Bounds().Empty() {
		return lines, ctx.Err()
	}
	src := toRGBA(img)
	crops := make([]*image.RGBA, len(regions))
	for i, reg := range regions {
		crops[i] = cropRGBA(src, reg.Quad)
	}
	if err := r.recognizeCrops(ctx, crops, lines); err != nil {
		return nil, err
	}
	return lines, nil
}

// RecognizeCrops reads the text of crops already upright, one Line (with
// a zero Quad) per crop; a nil crop gives an empty Line.
func (r *Recognizer) RecognizeCrops(ctx context.Context, crops []*image.RGBA) ([]Line, error) {
	lines := make([]Line, len(crops))
	if err := r.recognizeCrops(ctx, crops, lines); err != nil {
		return nil, err
	}
	return lines, nil
}

func (r *Recognizer) recognizeCrops(ctx context.Context, crops []*image.RGBA, lines []Line) error {
	if r.Classifier != nil {
		up, err := r.Classifier.Upright(ctx, crops)
		if err != nil {
			return err
		}
		crops = append([]*image.RGBA(nil), crops...)
		for i, ok := range up {
			if !ok {
				crops[i] = rot180(crops[i])
			}
		}
	}
	for _, b := range r.batches(crops) {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := r.runBatch(ctx, crops, b, lines); err != nil {
			return err
		}
	}
	return nil
}

// recBatch is one run of the recogniser: which crops, at what input width.
type recBatch struct {
	crops []int
	width int
}

// batches groups the non-empty crops by aspect ratio, as PaddleOCR's
// predict_rec does: sorted narrowest first, at most BatchSize a run, each
// run as wide as its widest crop (at least MinWidth, at most MaxWidth).
// A run also ends before its width times its count would pass BatchSize
// crops of recBudgetWidth, so that a batch of long lines holds fewer of
// them: the largest input, and so the memory ONNX Runtime keeps for it,
// is a third of six crops at the widest.
func (r *Recognizer) batches(crops []*image.RGBA) []recBatch {
	var idx []int
	for i, m := range crops {
		if m != nil && !m.Bounds().Empty() {
			idx = append(idx, i)
		}
	}
	ratio := func(i int) float64 {
		b := crops[i].Bounds()
		return float64(b.Dx()) / float64(b.Dy())
	}
	sort.SliceStable(idx, func(a, b int) bool { return ratio(idx[a]) < ratio(idx[b]) })
	bs, minW, maxW := r.limits()
	budget := bs * max(minW, recBudgetWidth)
	var out []recBatch
	for _, i := range idx {
		w := min(max(minW, int(recHeight*ratio(i))), maxW)
		if n := len(out); n > 0 && len(out[n-1].crops) < bs && (len(out[n-1].crops)+1)*w <= budget {
			out[n-1].crops = append(out[n-1].crops, i)
			out[n-1].width = w
			continue
		}
		out = append(out, recBatch{crops: []int{i}, width: w})
	}
	return out
}

// recBudgetWidth is the input width of which BatchSize crops make the
// largest batch (see batches).
const recBudgetWidth = 1280

// limits returns the batch size and the narrowest and widest input width,
// with their defaults.
func (r *Recognizer) limits() (bs, minW, maxW int) {
	bs, minW, maxW = r.BatchSize, r.MinWidth, r.MaxWidth
	if bs <= 0 {
		bs = DefaultRecBatch
	}
	if minW <= 0 {
		minW = recWidth
	}
	if maxW <= 0 {
		maxW = DefaultRecMaxWidth
	}
	return bs, minW, max(maxW, minW)
}

// runBatch recognises batch b of crops into lines.
func (r *Recognizer) runBatch(ctx context.Context, crops []*image.RGBA, b recBatch, lines []Line) error {
	w := b.width
	plane := recHeight * w
	data := make([]float32, len(b.crops)*3*plane)
	for j, i := range b.crops {
		if err := fillNormalised(data[j*3*plane:(j+1)*3*plane], crops[i], recHeight, w, w); err != nil {
			return fmt.Errorf("ocr: recogniser: %w", err)
		}
	}
	outs, err := r.sess.Run(ctx, map[string]inference.Tensor{
		r.in: inference.NewFloat32([]int64{int64(len(b.crops)), 3, recHeight, int64(w)}, data),
	})
	if err != nil {
		return fmt.Errorf("ocr: run the recogniser: %w", err)
	}
	o := outs[r.out]
	p := o.Float32s()
	if len(o.Shape) != 3 || o.Shape[0] != int64(len(b.crops)) || int(o.Shape[2]) != r.cs.Classes() || len(p) != o.Len() {
		return fmt.Errorf("ocr: the recogniser returned shape %v; want [%d T %d]", o.Shape, len(b.crops), r.cs.Classes())
	}
	per := int(o.Shape[1]) * int(o.Shape[2])
	for j, i := range b.crops {
		gaps := wordGaps(crops[i], w, int(o.Shape[1]))
		text, conf := r.cs.decode(p[j*per:(j+1)*per], int(o.Shape[2]), gaps)
		if math.IsNaN(conf) {
			conf = 0
		}
		lines[i].Text, lines[i].Confidence = text, conf
	}
	return nil
}
