package imaging

import (
	"errors"
	"fmt"
	"image"
	"math"
)

// ResampleFilter is a resizing filter, numbered as Pillow numbers them (the
// "resample" field of a Hugging Face preprocessor_config.json).
type ResampleFilter int

// The filters Describer resizes with. Both are Pillow's antialiased
// convolution filters: when shrinking, their support widens with the
// shrink factor.
const (
	Bilinear ResampleFilter = 2 // PIL.Image.BILINEAR, a triangle filter
	Bicubic  ResampleFilter = 3 // PIL.Image.BICUBIC, Keys' cubic with a = -0.5
)

// String returns the filter's lower-case name.
func (f ResampleFilter) String() string {
	switch f {
	case 0:
		return "nearest"
	case 1:
		return "lanczos"
	case Bilinear:
		return "bilinear"
	case Bicubic:
		return "bicubic"
	case 4:
		return "box"
	case 5:
		return "hamming"
	}
	return fmt.Sprintf("filter %d", int(f))
}

// ResizeRGB converts img to 8-bit RGB (dropping alpha as Pillow's
// convert("RGB") does) and resizes it to width×height, ignoring aspect
// ratio, with the same result, byte for byte, as Pillow's
// Image.resize((width, height), filter) on an RGB image: separable
// convolution, horizontal pass then vertical pass, 22-bit fixed-point
// coefficients, rounding and clipping to 8 bits after each pass, a pass
// skipped when its dimension is unchanged. When shrinking, the filter's
// support grows with the shrink factor, so the result is antialiased. The
// returned image is opaque and its bounds start at (0, 0).
func ResizeRGB(img image.Image, width, height int, filter ResampleFilter) (*image.RGBA, error) {
	p, err := resize(img, width, height, filter)
	if err != nil {
		return nil, err
	}
	out := image.NewRGBA(image.Rect(0, 0, width, height))
	for i := range width * height {
		o := out.Pix[4*i : 4*i+4 : 4*i+4]
		o[0], o[1], o[2], o[3] = p.c[0][i], p.c[1][i], p.c[2][i], 0xff
	}
	return out, nil
}

// ChannelTable maps each 8-bit level of the R, G and B channels to the
// float32 value a model takes: t[c][v] for level v of channel c. A model's
// rescaling and normalisation, computed once for all 256 levels.
type ChannelTable [3][256]float32

// ResizeCHW resizes img as ResizeRGB does and returns the R, G and B planes
// one after another (the layout of one image in an NCHW tensor), each level
// mapped through t. A width and height equal to img's own size leave the
// pixels as they are, only converted.
func ResizeCHW(img image.Image, width, height int, filter ResampleFilter, t *ChannelTable) ([]float32, error) {
	p, err := resize(img, width, height, filter)
	if err != nil {
		return nil, err
	}
	plane := width * height
	data := make([]float32, 3*plane)
	for ch := range 3 {
		out, lut := data[ch*plane:(ch+1)*plane], &t[ch]
		for i, v := range p.c[ch] {
			out[i] = lut[v]
		}
	}
	return data, nil
}

// resize checks its arguments and runs resizePlanes, for ResizeRGB and
// ResizeCHW.
func resize(img image.Image, width, height int, filter ResampleFilter) (planes, error) {
	if filter != Bilinear && filter != Bicubic {
		return planes{}, fmt.Errorf("resize: %s is not supported; use Bilinear or Bicubic", filter)
	}
	if width <= 0 || height <= 0 || int64(width)*int64(height) > MaxPixels {
		return planes{}, fmt.Errorf("resize: cannot resize to %d×%d pixels", width, height)
	}
	if img == nil || img.Bounds().Empty() {
		return planes{}, errors.New("resize: the image has no pixels")
	}
	p, err := resizePlanes(img, width, height, filter)
	if err != nil {
		return planes{}, fmt.Errorf("resize: %w", err)
	}
	return p, nil
}

// precisionBits is Pillow's PRECISION_BITS for 8-bit images: 32 bits less
// 8 for the value and 2 for the overshoot of filters with negative lobes.
const precisionBits = 32 - 8 - 2

// coeffs are the fixed-point filter taps for resizing one axis.
type coeffs struct {
	ksize  int     // taps stored per output (some trailing ones unused)
	bounds []int   // per output: first input index, number of taps
	k      []int32 // outSize × ksize weights scaled by 1<<precisionBits
}

// filterSupport returns the filter's kernel and its radius at scale 1.
func filterSupport(f ResampleFilter) (func(float64) float64, float64) {
	if f == Bicubic {
		return bicubicFilter, 2
	}
	return bilinearFilter, 1
}

func bilinearFilter(x float64) float64 {
	if x < 0 {
		x = -x
	}
	if x < 1 {
		return 1 - x
	}
	return 0
}

// bicubicFilter is Keys' cubic convolution with a = −0.5. The explicit
// float64 conversions keep the compiler from fusing multiply-adds, so the
// rounding matches Pillow's C build.
func bicubicFilter(x float64) float64 {
	const a = -0.5
	if x < 0 {
		x = -x
	}
	if x < 1 { // ((a+2)x − (a+3))·x·x + 1
		t := float64((a + 2) * x)
		t = float64(float64(t-(a+3)) * x)
		return float64(t*x) + 1
	}
	if x < 2 { // (((x−5)x + 8)x − 4)·a
		t := float64((x - 5) * x)
		t = float64(float64(t+8) * x)
		return float64(t-4) * a
	}
	return 0
}

// precomputeCoeffs mirrors Pillow's precompute_coeffs followed by
// normalize_coeffs_8bpc for the box (0, inSize).
func precomputeCoeffs(inSize, outSize int, f ResampleFilter) coeffs {
	kernel, support := filterSupport(f)
	scale := float64(float32(inSize)) / float64(outSize)
	filterscale := scale
	if filterscale < 1 {
		filterscale = 1
	}
	support *= filterscale
	ksize := int(math.Ceil(support))*2 + 1
	c := coeffs{ksize: ksize, bounds: make([]int, 2*outSize), k: make([]int32, outSize*ksize)}
	w := make([]float64, ksize)
	ss := 1 / filterscale
	for xx := range outSize {
		center := (float64(xx) + 0.5) * scale
		xmin := int(center - support + 0.5)
		if xmin < 0 {
			xmin = 0
		}
		xmax := int(center + support + 0.5)
		if xmax > inSize {
			xmax = inSize
		}
		xmax -= xmin
		ww := 0.0
		for x := range xmax {
			w[x] = kernel((float64(x+xmin) - center + 0.5) * ss)
			ww += w[x]
		}
		k := c.k[xx*ksize : (xx+1)*ksize]
		for x := range xmax {
			v := w[x]
			if ww != 0 {
				v /= ww
			}
			if v < 0 {
				k[x] = int32(-0.5 + float64(v*(1<<precisionBits)))
			} else {
				k[x] = int32(0.5 + float64(v*(1<<precisionBits)))
			}
		}
		c.bounds[2*xx], c.bounds[2*xx+1] = xmin, xmax
	}
	return c
}

// clip8 rounds a fixed-point sum (which starts at one half) to 0…255.
func clip8(s int32) uint8 {
	s >>= precisionBits
	if s < 0 {
		return 0
	}
	if s > 255 {
		return 255
	}
	return uint8(s)
}

// maxResizeSide bounds each side of an image that is resized: the filter
// tables grow with the input size, and Pillow's horizontal-first order makes
// the intermediate image outW × inH, which a long thin strip turns huge.
const maxResizeSide = 1 << 20

// planes is an 8-bit RGB image held as three w×h planes, R, G and B.
type planes struct {
	w, h int
	c    [3][]byte
}

func newPlanes(w, h int) planes {
	buf := make([]byte, 3*w*h)
	return planes{w: w, h: h, c: [3][]byte{buf[:w*h], buf[w*h : 2*w*h], buf[2*w*h:]}}
}

// row returns row y of each plane.
func (p planes) row(y int) [3][]byte {
	i := y * p.w
	return [3][]byte{p.c[0][i : i+p.w], p.c[1][i : i+p.w], p.c[2][i : i+p.w]}
}

// resizePlanes is ResizeRGB's algorithm, producing planes.
func resizePlanes(img image.Image, outW, outH int, f ResampleFilter) (planes, error) {
	b := img.Bounds()
	inW, inH := b.Dx(), b.Dy()
	if inW > maxResizeSide || inH > maxResizeSide || int64(max(inW, outW))*int64(inH) > MaxPixels {
		return planes{}, fmt.Errorf("the image is %d×%d pixels, too long and thin to resize", inW, inH)
	}
	row := rgbRowFunc(img)
	vert := precomputeCoeffs(inH, outH, f)
	// Only the source rows the vertical pass reads are converted.
	first := vert.bounds[0]
	last := vert.bounds[2*outH-2] + vert.bounds[2*outH-1]
	for i := range outH {
		vert.bounds[2*i] -= first
	}
	var tmp planes
	if outW == inW {
		tmp = newPlanes(inW, last-first)
		for y := range tmp.h {
			row(b.Min.Y+first+y, tmp.row(y))
		}
	} else {
		tmp = horizontalPass(row, b.Min.Y+first, last-first, inW, outW, precomputeCoeffs(inW, outW, f))
	}
	if outH == inH {
		return tmp, nil // first == 0 and last == inH: every row is there
	}
	out := newPlanes(outW, outH)
	for c := range 3 {
		verticalPass(out.c[c], tmp.c[c], outW, outH, vert)
	}
	return out, nil
}

// horizontalPass resamples n source rows from y0 on (read through row) from
// inW to outW pixels.
func horizontalPass(row func(y int, rgb [3][]byte), y0, n, inW, outW int, c coeffs) planes {
	out := newPlanes(outW, n)
	src := newPlanes(inW, 1)
	for y := range n {
		row(y0+y, src.row(0))
		for ch := range 3 {
			in, o := src.c[ch], out.c[ch][y*outW:(y+1)*outW]
			for xx := range o {
				xmin, cnt := c.bounds[2*xx], c.bounds[2*xx+1]
				k := c.k[xx*c.ksize : xx*c.ksize+cnt]
				o[xx] = clip8(dot(in[xmin:xmin+cnt], k))
			}
		}
	}
	return out
}

// dot returns one half (for rounding) plus the dot product of px and k, in
// wrapping 32-bit arithmetic like Pillow's int sums; the order of the
// additions therefore does not change the result.
func dot(px []byte, k []int32) int32 {
	px = px[:len(k)]
	var s0, s1, s2, s3 int32 = 1 << (precisionBits - 1), 0, 0, 0
	i := 0
	for ; i+4 <= len(k); i += 4 {
		p, w := px[i:i+4:i+4], k[i:i+4:i+4]
		s0 += int32(p[0]) * w[0]
		s1 += int32(p[1]) * w[1]
		s2 += int32(p[2]) * w[2]
		s3 += int32(p[3]) * w[3]
	}
	for ; i < len(k); i++ {
		s0 += int32(px[i]) * k[i]
	}
	return s0 + s1 + s2 + s3
}

// verticalPass resamples the rows of one plane (each w bytes) to outH rows.
// The sums are accumulated row by row, which gives the same integers as
// Pillow's pixel-by-pixel order.
func verticalPass(dst, src []byte, w, outH int, c coeffs) {
	acc := make([]int32, w)
	for yy := range outH {
		ymin, cnt := c.bounds[2*yy], c.bounds[2*yy+1]
		for i := range acc {
			acc[i] = 1 << (precisionBits - 1)
		}
		for j, k := range c.k[yy*c.ksize : yy*c.ksize+cnt] {
			in := src[(ymin+j)*w : (ymin+j+1)*w]
			in = in[:len(acc)]
			for i, v := range in {
				acc[i] += int32(v) * k
			}
		}
		out := dst[yy*w : (yy+1)*w]
		out = out[:len(acc)]
		for i, s := range acc {
			out[i] = clip8(s)
		}
	}
}
