package inference

import (
	"encoding/json"
	"errors"
	"fmt"
	"image"
	"image/color"
	"math"
	"os"
	"strings"
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

// Defaults for the fields of PreprocessorConfig, as transformers'
// ViTImageProcessor has them.
const (
	// DefaultImageSize is the side, in pixels, images are resized to.
	DefaultImageSize = 224
	// DefaultRescaleFactor maps 8-bit values to 0…1.
	DefaultRescaleFactor = 1.0 / 255
	defaultMeanStd       = 0.5
	maxImageSide         = 8192 // refuse configs asking for absurd tensors
)

// PreprocessorConfig says how an image becomes a model's pixel_values
// tensor. It mirrors the Hugging Face preprocessor_config.json of
// ViT-style image processors; its zero value is ViTImageProcessor's
// defaults: resize to 224×224 with Bilinear, multiply by 1/255, then
// normalise each channel with mean 0.5 and std 0.5 (giving −1…1).
type PreprocessorConfig struct {
	// Width and Height are the size images are resized to, ignoring aspect
	// ratio ("size"); 0 means DefaultImageSize.
	Width, Height int
	// Resample is the resizing filter ("resample"); 0 means Bilinear.
	Resample ResampleFilter
	// NoResize keeps each image at its own size ("do_resize": false).
	NoResize bool
	// NoRescale leaves values in 0…255 ("do_rescale": false).
	NoRescale bool
	// RescaleFactor multiplies each 8-bit value ("rescale_factor");
	// 0 means DefaultRescaleFactor.
	RescaleFactor float64
	// NoNormalize skips the mean/std step ("do_normalize": false).
	NoNormalize bool
	// Mean and Std hold the R, G, B normalisation constants ("image_mean",
	// "image_std"): each value v becomes (v − Mean[c]) / Std[c]. Nil means
	// 0.5 for every channel.
	Mean, Std []float64
	// Type is the processor class the file names ("image_processor_type"
	// or "feature_extractor_type"); informational only.
	Type string
}

// hfPreprocessorConfig is the JSON layout of preprocessor_config.json.
type hfPreprocessorConfig struct {
	DoResize             *bool           `json:"do_resize"`
	Size                 json.RawMessage `json:"size"`
	Resample             *int            `json:"resample"`
	DoRescale            *bool           `json:"do_rescale"`
	RescaleFactor        *float64        `json:"rescale_factor"`
	DoNormalize          *bool           `json:"do_normalize"`
	ImageMean            json.RawMessage `json:"image_mean"`
	ImageStd             json.RawMessage `json:"image_std"`
	DoCenterCrop         *bool           `json:"do_center_crop"`
	ImageProcessorType   string          `json:"image_processor_type"`
	FeatureExtractorType string          `json:"feature_extractor_type"`
}

// LoadPreprocessorConfig reads and checks a Hugging Face
// preprocessor_config.json. Errors name the file.
func LoadPreprocessorConfig(path string) (PreprocessorConfig, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return PreprocessorConfig{}, fmt.Errorf("read preprocessor config: %w", err)
	}
	c, err := ParsePreprocessorConfig(data)
	if err != nil {
		return PreprocessorConfig{}, fmt.Errorf("%s is not usable: %w", path, err)
	}
	return c, nil
}

// ParsePreprocessorConfig parses the contents of a Hugging Face
// preprocessor_config.json. Absent fields take ViTImageProcessor's defaults;
// unknown fields are ignored. It refuses what it cannot honour: a resample
// filter other than bilinear or bicubic, center cropping, malformed sizes,
// and mean/std lists that are not three numbers (or a std of zero).
func ParsePreprocessorConfig(data []byte) (PreprocessorConfig, error) {
	var hf hfPreprocessorConfig
	if err := json.Unmarshal(data, &hf); err != nil {
		return PreprocessorConfig{}, jsonError(data, err)
	}
	var c PreprocessorConfig
	c.Type = hf.ImageProcessorType
	if c.Type == "" {
		c.Type = hf.FeatureExtractorType
	}
	if hf.DoCenterCrop != nil && *hf.DoCenterCrop {
		return c, errors.New("the config asks for center cropping (do_center_crop), which Describer does not do")
	}
	c.NoResize = hf.DoResize != nil && !*hf.DoResize
	c.NoRescale = hf.DoRescale != nil && !*hf.DoRescale
	c.NoNormalize = hf.DoNormalize != nil && !*hf.DoNormalize
	var err error
	if c.Height, c.Width, err = parseSize(hf.Size); err != nil {
		return c, err
	}
	if hf.Resample != nil {
		// Checked here because 0, PIL's NEAREST, is the struct's "default".
		c.Resample = ResampleFilter(*hf.Resample)
		if c.Resample != Bilinear && c.Resample != Bicubic {
			return c, unsupportedFilter(c.Resample)
		}
	}
	if hf.RescaleFactor != nil {
		c.RescaleFactor = *hf.RescaleFactor
		if c.RescaleFactor == 0 {
			return c, errors.New("rescale_factor is 0, which would turn every image black")
		}
	}
	if c.Mean, err = parseTriple("image_mean", hf.ImageMean); err != nil {
		return c, err
	}
	if c.Std, err = parseTriple("image_std", hf.ImageStd); err != nil {
		return c, err
	}
	return c, c.Validate()
}

// parseSize reads "size": 224, {"height": H, "width": W},
// {"shortest_edge": N} (taken as N×N, as ViTImageProcessor does), or the
// legacy [H, W]. Absent or null means the default.
func parseSize(raw json.RawMessage) (h, w int, err error) {
	s := strings.TrimSpace(string(raw))
	if s == "" || s == "null" {
		return 0, 0, nil
	}
	bad := func() (int, int, error) {
		return 0, 0, fmt.Errorf("size %s is not a size Describer understands (use 224, [224, 224], {\"height\": 224, \"width\": 224} or {\"shortest_edge\": 224})", compactJSON(raw))
	}
	var n int
	if json.Unmarshal(raw, &n) == nil {
		h, w = n, n
	} else if pair := []int(nil); json.Unmarshal(raw, &pair) == nil {
		if len(pair) != 2 {
			return bad()
		}
		h, w = pair[0], pair[1]
	} else {
		var m map[string]int
		if json.Unmarshal(raw, &m) != nil {
			return bad()
		}
		hh, okH := m["height"]
		ww, okW := m["width"]
		se, okS := m["shortest_edge"]
		switch {
		case okH && okW && len(m) == 2:
			h, w = hh, ww
		case okS && len(m) == 1:
			h, w = se, se
		default:
			return bad()
		}
	}
	if h <= 0 || w <= 0 || h > maxImageSide || w > maxImageSide {
		return bad()
	}
	return h, w, nil
}

// parseTriple reads an image_mean or image_std value: three numbers, or one
// number meaning the same value for each channel. Absent or null means nil.
func parseTriple(field string, raw json.RawMessage) ([]float64, error) {
	s := strings.TrimSpace(string(raw))
	if s == "" || s == "null" {
		return nil, nil
	}
	var one float64
	if json.Unmarshal(raw, &one) == nil {
		return []float64{one, one, one}, nil
	}
	var vs []float64
	if json.Unmarshal(raw, &vs) != nil {
		return nil, fmt.Errorf("%s %s is not a list of numbers", field, compactJSON(raw))
	}
	return vs, nil
}

// compactJSON shortens raw JSON for an error message.
func compactJSON(raw json.RawMessage) string {
	s := strings.Join(strings.Fields(string(raw)), " ")
	if len(s) > 60 {
		s = s[:57] + "..."
	}
	return s
}

// Validate reports the first field of c that Tensor cannot honour.
func (c PreprocessorConfig) Validate() error {
	if c.Width < 0 || c.Height < 0 || c.Width > maxImageSide || c.Height > maxImageSide {
		return fmt.Errorf("the resize target %d×%d is outside 1…%d pixels", c.Width, c.Height, maxImageSide)
	}
	switch c.Resample {
	case 0, Bilinear, Bicubic:
	default:
		return unsupportedFilter(c.Resample)
	}
	if f := c.RescaleFactor; math.IsNaN(f) || math.IsInf(f, 0) || f < 0 {
		return fmt.Errorf("rescale_factor %v is not a positive number", f)
	}
	for _, v := range []struct {
		name string
		vals []float64
	}{{"image_mean", c.Mean}, {"image_std", c.Std}} {
		if v.vals == nil {
			continue
		}
		if len(v.vals) != 3 {
			return fmt.Errorf("%s has %d values; it needs one per colour channel (3)", v.name, len(v.vals))
		}
		for _, x := range v.vals {
			x32 := float64(float32(x)) // the arithmetic is float32
			if math.IsNaN(x32) || math.IsInf(x32, 0) {
				return fmt.Errorf("%s contains %v, which is not a usable number", v.name, x)
			}
			if v.name == "image_std" && x32 == 0 {
				return fmt.Errorf("image_std contains %v, which would divide by zero", x)
			}
		}
	}
	return nil
}

func unsupportedFilter(f ResampleFilter) error {
	return fmt.Errorf("resample %d (%s) is not supported; Describer resizes with 2 (bilinear) or 3 (bicubic)", int(f), f)
}

// size returns the tensor's height and width for an image of bounds b.
func (c PreprocessorConfig) size(b image.Rectangle) (h, w int) {
	if c.NoResize {
		return b.Dy(), b.Dx()
	}
	h, w = c.Height, c.Width
	if h == 0 {
		h = DefaultImageSize
	}
	if w == 0 {
		w = DefaultImageSize
	}
	return h, w
}

// lut returns, per channel, the float32 value of each 8-bit level, computed
// with transformers' dtypes: rescale in float64 then cast to float32,
// normalise in float32.
func (c PreprocessorConfig) lut() [3][256]float32 {
	factor := c.RescaleFactor
	if factor == 0 {
		factor = DefaultRescaleFactor
	}
	var t [3][256]float32
	for ch := range 3 {
		mean, std := float32(defaultMeanStd), float32(defaultMeanStd)
		if c.Mean != nil {
			mean = float32(c.Mean[ch])
		}
		if c.Std != nil {
			std = float32(c.Std[ch])
		}
		for v := range 256 {
			x := float32(v)
			if !c.NoRescale {
				x = float32(float64(v) * factor)
			}
			if !c.NoNormalize {
				x = float32(x-mean) / std
			}
			t[ch][v] = x
		}
	}
	return t
}

// Tensor turns img into a float32 [1, 3, H, W] NCHW tensor the way a
// Hugging Face ViT image processor does after PIL's convert("RGB"): alpha
// is dropped without blending (a fully transparent pixel keeps its stored
// colour), the image is resized to H×W ignoring aspect ratio with Pillow's
// exact 8-bit algorithm (see ResizeRGB), then each value v becomes
// (v·RescaleFactor − Mean[c]) / Std[c].
func (c PreprocessorConfig) Tensor(img image.Image) (Tensor, error) {
	if err := c.Validate(); err != nil {
		return Tensor{}, fmt.Errorf("preprocess: %w", err)
	}
	if img == nil || img.Bounds().Empty() {
		return Tensor{}, errors.New("preprocess: the image has no pixels")
	}
	h, w := c.size(img.Bounds())
	if int64(h)*int64(w) > MaxPixels {
		return Tensor{}, fmt.Errorf("preprocess: a %d×%d tensor is larger than the %d-pixel limit", w, h, MaxPixels)
	}
	f := c.Resample
	if f == 0 {
		f = Bilinear
	}
	p, err := resizePlanes(img, w, h, f)
	if err != nil {
		return Tensor{}, fmt.Errorf("preprocess: %w", err)
	}
	lut := c.lut()
	plane := w * h
	data := make([]float32, 3*plane)
	for ch := range 3 {
		out, t := data[ch*plane:(ch+1)*plane], &lut[ch]
		for i, v := range p.c[ch] {
			out[i] = t[v]
		}
	}
	return NewFloat32([]int64{1, 3, int64(h), int64(w)}, data), nil
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
	if filter != Bilinear && filter != Bicubic {
		return nil, fmt.Errorf("resize: %s is not supported; use Bilinear or Bicubic", filter)
	}
	if width <= 0 || height <= 0 || int64(width)*int64(height) > MaxPixels {
		return nil, fmt.Errorf("resize: cannot resize to %d×%d pixels", width, height)
	}
	if img == nil || img.Bounds().Empty() {
		return nil, errors.New("resize: the image has no pixels")
	}
	p, err := resizePlanes(img, width, height, filter)
	if err != nil {
		return nil, fmt.Errorf("resize: %w", err)
	}
	out := image.NewRGBA(image.Rect(0, 0, width, height))
	for i := range width * height {
		o := out.Pix[4*i : 4*i+4 : 4*i+4]
		o[0], o[1], o[2], o[3] = p.c[0][i], p.c[1][i], p.c[2][i], 0xff
	}
	return out, nil
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

// rgbRowFunc returns a function that writes row y of img (an absolute y in
// img.Bounds()) as 8-bit R, G and B into rgb[0], rgb[1] and rgb[2], each
// one byte a pixel.
// Colours are taken non-premultiplied with alpha dropped, as Pillow's
// convert("RGB") does; premultiplied types (image.RGBA) are un-premultiplied
// first, so a fully transparent pixel there is black. Common concrete types
// avoid per-pixel interface calls; the results equal those of the generic
// path.
func rgbRowFunc(img image.Image) func(y int, rgb [3][]byte) {
	switch m := img.(type) {
	case *image.NRGBA:
		return nrgbaRows(m)
	case *image.RGBA:
		return rgbaRows(m)
	case *image.Gray:
		return grayRows(m)
	case *image.YCbCr:
		return ycbcrRows(m)
	case *image.NYCbCrA:
		return ycbcrRows(&m.YCbCr) // non-premultiplied: dropping alpha leaves the YCbCr
	case *image.Paletted:
		return palettedRows(m)
	case *image.CMYK:
		return cmykRows(m)
	}
	return genericRows(img)
}

func nrgbaRows(m *image.NRGBA) func(y int, rgb [3][]byte) {
	x0, w := m.Rect.Min.X, m.Rect.Dx()
	return func(y int, rgb [3][]byte) {
		src := m.Pix[m.PixOffset(x0, y):][:4*w]
		r, g, b := rgb[0][:w], rgb[1][:w], rgb[2][:w]
		for x := range r {
			s := src[4*x : 4*x+3 : 4*x+3]
			r[x], g[x], b[x] = s[0], s[1], s[2]
		}
	}
}

// rgbaRows un-premultiplies as color.NRGBAModel does.
func rgbaRows(m *image.RGBA) func(y int, rgb [3][]byte) {
	x0, w := m.Rect.Min.X, m.Rect.Dx()
	return func(y int, rgb [3][]byte) {
		src := m.Pix[m.PixOffset(x0, y):][:4*w]
		r, g, b := rgb[0][:w], rgb[1][:w], rgb[2][:w]
		for x := range r {
			s := src[4*x : 4*x+4 : 4*x+4]
			switch a := uint32(s[3]); a {
			case 0xff:
				r[x], g[x], b[x] = s[0], s[1], s[2]
			case 0:
				r[x], g[x], b[x] = 0, 0, 0
			default:
				r[x] = uint8(uint32(s[0]) * 0xffff / a >> 8)
				g[x] = uint8(uint32(s[1]) * 0xffff / a >> 8)
				b[x] = uint8(uint32(s[2]) * 0xffff / a >> 8)
			}
		}
	}
}

func grayRows(m *image.Gray) func(y int, rgb [3][]byte) {
	x0, w := m.Rect.Min.X, m.Rect.Dx()
	return func(y int, rgb [3][]byte) {
		src := m.Pix[m.PixOffset(x0, y):][:w]
		copy(rgb[0], src)
		copy(rgb[1], src)
		copy(rgb[2], src)
	}
}

// palettedRows looks colours up in a table made once; an index past the
// palette (which image.Paletted.At would panic on) reads as black.
func palettedRows(m *image.Paletted) func(y int, rgb [3][]byte) {
	x0, w := m.Rect.Min.X, m.Rect.Dx()
	var lut [3][256]uint8
	for i, c := range m.Palette {
		if i < 256 {
			v := rgbOf(c)
			lut[0][i], lut[1][i], lut[2][i] = v[0], v[1], v[2]
		}
	}
	return func(y int, rgb [3][]byte) {
		src := m.Pix[m.PixOffset(x0, y):][:w]
		r, g, b := rgb[0][:w], rgb[1][:w], rgb[2][:w]
		for x, v := range src {
			r[x], g[x], b[x] = lut[0][v], lut[1][v], lut[2][v]
		}
	}
}

func cmykRows(m *image.CMYK) func(y int, rgb [3][]byte) {
	x0, w := m.Rect.Min.X, m.Rect.Dx()
	return func(y int, rgb [3][]byte) {
		src := m.Pix[m.PixOffset(x0, y):][:4*w]
		r, g, b := rgb[0][:w], rgb[1][:w], rgb[2][:w]
		for x := range r {
			s := src[4*x : 4*x+4 : 4*x+4]
			r[x], g[x], b[x] = color.CMYKToRGB(s[0], s[1], s[2], s[3])
		}
	}
}

// genericRows reads any image through At, one interface call a pixel.
func genericRows(img image.Image) func(y int, rgb [3][]byte) {
	bd := img.Bounds()
	return func(y int, rgb [3][]byte) {
		r, g, b := rgb[0][:bd.Dx()], rgb[1][:bd.Dx()], rgb[2][:bd.Dx()]
		for x := range r {
			c := rgbOf(img.At(bd.Min.X+x, y))
			r[x], g[x], b[x] = c[0], c[1], c[2]
		}
	}
}

// rgbOf returns the non-premultiplied 8-bit RGB of c, ignoring alpha.
func rgbOf(c color.Color) [3]uint8 {
	switch c := c.(type) {
	case color.NRGBA:
		return [3]uint8{c.R, c.G, c.B}
	case color.NRGBA64:
		return [3]uint8{uint8(c.R >> 8), uint8(c.G >> 8), uint8(c.B >> 8)}
	case color.NYCbCrA:
		r, g, b := color.YCbCrToRGB(c.Y, c.Cb, c.Cr)
		return [3]uint8{r, g, b}
	}
	r, g, b, a := c.RGBA()
	switch a {
	case 0xffff:
	case 0:
		return [3]uint8{}
	default:
		r, g, b = r*0xffff/a, g*0xffff/a, b*0xffff/a
	}
	return [3]uint8{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8)}
}

// ycbcrRows converts rows of a YCbCr image, reading the subsampled
// chroma planes directly. The arithmetic is color.YCbCrToRGB's JFIF
// conversion with 16-bit fixed-point constants, written out so that it
// inlines.
func ycbcrRows(m *image.YCbCr) func(y int, rgb [3][]byte) {
	bd := m.Bounds()
	w := bd.Dx()
	sx, sy := 1, 1
	switch m.SubsampleRatio {
	case image.YCbCrSubsampleRatio422:
		sx = 2
	case image.YCbCrSubsampleRatio420:
		sx, sy = 2, 2
	case image.YCbCrSubsampleRatio440:
		sy = 2
	case image.YCbCrSubsampleRatio411:
		sx = 4
	case image.YCbCrSubsampleRatio410:
		sx, sy = 4, 2
	}
	cx := make([]int, w) // chroma column of each pixel, as image.YCbCr.COffset has it
	for x := range cx {
		cx[x] = (bd.Min.X+x)/sx - bd.Min.X/sx
	}
	return func(y int, rgb [3][]byte) {
		r, g, b := rgb[0][:w], rgb[1][:w], rgb[2][:w]
		yrow := m.Y[m.YOffset(bd.Min.X, y):][:w]
		crow := (y/sy - bd.Min.Y/sy) * m.CStride
		for x, yv := range yrow {
			ci := crow + cx[x]
			yy := int32(yv) * 0x10101
			cb, cr := int32(m.Cb[ci])-128, int32(m.Cr[ci])-128
			r[x] = clampFix16(yy + 91881*cr)
			g[x] = clampFix16(yy - 22554*cb - 46802*cr)
			b[x] = clampFix16(yy + 116130*cb)
		}
	}
}

// clampFix16 returns v >> 16 clamped to 0…255.
func clampFix16(v int32) uint8 {
	if uint32(v)&0xff000000 == 0 {
		return uint8(v >> 16)
	}
	return uint8(^(v >> 31))
}
