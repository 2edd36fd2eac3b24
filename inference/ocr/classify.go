package ocr

import (
	"context"
	"errors"
	"fmt"
	"image"
	"math"

	"github.com/describer/describer/inference"
	"github.com/describer/describer/inference/imaging"
)

// The angle classifier's input, as PaddleOCR's cls_image_shape "3,48,192".
const (
	clsHeight = 48
	clsWidth  = 192
	clsBatch  = 6
	// ClsThreshold is the score above which a crop the classifier labels
	// 180° is turned (PaddleOCR's cls_thresh).
	ClsThreshold = 0.9
)

// Classifier is PaddleOCR's text angle classifier (0° or 180°), e.g.
// ch_ppocr_mobile_v2.0_cls_infer.onnx.
type Classifier struct {
	sess      inference.Session
	in, out   string
	Threshold float64 // defaults to ClsThreshold
}

// LoadClassifier opens the angle classifier model at path.
func LoadClassifier(path string, open inference.SessionOpener) (*Classifier, error) {
	if open == nil {
		return nil, errors.New("ocr: no session opener")
	}
	s, err := open(path)
	if err != nil {
		return nil, fmt.Errorf("ocr: open the angle classifier: %w", err)
	}
	return newClassifier(s)
}

func newClassifier(s inference.Session) (*Classifier, error) {
	if len(s.Inputs()) != 1 || len(s.Outputs()) < 1 {
		s.Close()
		return nil, fmt.Errorf("ocr: the angle classifier has %d inputs and %d outputs; want 1 and 1", len(s.Inputs()), len(s.Outputs()))
	}
	return &Classifier{sess: s, in: s.Inputs()[0].Name, out: s.Outputs()[0].Name, Threshold: ClsThreshold}, nil
}

// Close releases the model.
func (c *Classifier) Close() error { return c.sess.Close() }

// Upright reports, for each crop, whether it is upright: false when the
// classifier labels it 180° with a score above the threshold, so it should
// be turned half a turn. A nil or empty crop counts as upright.
func (c *Classifier) Upright(ctx context.Context, crops []*image.RGBA) ([]bool, error) {
	up := make([]bool, len(crops))
	var idx []int
	for i, m := range crops {
		up[i] = true
		if m != nil && !m.Bounds().Empty() {
			idx = append(idx, i)
		}
	}
	thr := c.Threshold
	if thr == 0 {
		thr = ClsThreshold
	}
	for start := 0; start < len(idx); start += clsBatch {
		b := idx[start:min(start+clsBatch, len(idx))]
		plane := clsHeight * clsWidth
		data := make([]float32, len(b)*3*plane)
		for j, i := range b {
			if err := fillNormalised(data[j*3*plane:(j+1)*3*plane], crops[i], clsHeight, clsWidth, clsWidth); err != nil {
				return nil, fmt.Errorf("ocr: angle classifier: %w", err)
			}
		}
		outs, err := c.sess.Run(ctx, map[string]inference.Tensor{
			c.in: inference.NewFloat32([]int64{int64(len(b)), 3, clsHeight, clsWidth}, data),
		})
		if err != nil {
			return nil, fmt.Errorf("ocr: run the angle classifier: %w", err)
		}
		o := outs[c.out]
		p := o.Float32s()
		if len(o.Shape) != 2 || o.Shape[0] != int64(len(b)) || o.Shape[1] != 2 || len(p) != 2*len(b) {
			return nil, fmt.Errorf("ocr: the angle classifier returned shape %v; want [%d 2]", o.Shape, len(b))
		}
		for j, i := range b {
			if p[2*j+1] > p[2*j] && float64(p[2*j+1]) > thr {
				up[i] = false
			}
		}
	}
	return up, nil
}

// fillNormalised writes m into dst (3 planes of h × padW) as PaddleOCR's
// resize_norm_img does: resized to height h keeping its aspect ratio, the
// width ceil(h·w/h) capped at maxW, channels in BGR order (cv2's),
// normalised to (x/255 − 0.5)/0.5, zero on the right beyond the resized
// width.
func fillNormalised(dst []float32, m *image.RGBA, h, maxW, padW int) error {
	b := m.Bounds()
	rw := int(math.Ceil(float64(h) * float64(b.Dx()) / float64(b.Dy())))
	rw = max(1, min(rw, maxW, padW))
	r, err := imaging.ResizeRGB(m, rw, h, imaging.Bilinear)
	if err != nil {
		return err
	}
	plane := h * padW
	for y := range h {
		row := r.Pix[y*r.Stride:]
		for x := range rw {
			px := row[4*x : 4*x+3 : 4*x+3]
			o := y*padW + x
			dst[o] = normLUT[px[2]]         // B
			dst[plane+o] = normLUT[px[1]]   // G
			dst[2*plane+o] = normLUT[px[0]] // R
		}
	}
	return nil
}

// normLUT maps a byte to (x/255 − 0.5)/0.5.
var normLUT = func() (t [256]float32) {
	for i := range t {
		t[i] = float32((float64(i)/255 - 0.5) / 0.5)
	}
	return
}()
