package vitgpt2

import (
	"encoding/json"
	"errors"
	"fmt"
	"image"
	"math"
	"os"
	"strings"

	"github.com/describer/describer/inference"
	"github.com/describer/describer/inference/imaging"
	"github.com/describer/describer/inference/internal/jsonerr"
)

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
	// Resample is the resizing filter ("resample"); 0 means imaging.Bilinear.
	Resample imaging.ResampleFilter
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
		return PreprocessorConfig{}, jsonerr.Describe(data, err)
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
		c.Resample = imaging.ResampleFilter(*hf.Resample)
		if c.Resample != imaging.Bilinear && c.Resample != imaging.Bicubic {
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
	case 0, imaging.Bilinear, imaging.Bicubic:
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

func unsupportedFilter(f imaging.ResampleFilter) error {
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
func (c PreprocessorConfig) lut() *imaging.ChannelTable {
	factor := c.RescaleFactor
	if factor == 0 {
		factor = DefaultRescaleFactor
	}
	var t imaging.ChannelTable
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
	return &t
}

// Tensor turns img into a float32 [1, 3, H, W] NCHW tensor the way a
// Hugging Face ViT image processor does after PIL's convert("RGB"): alpha
// is dropped without blending (a fully transparent pixel keeps its stored
// colour), the image is resized to H×W ignoring aspect ratio with Pillow's
// exact 8-bit algorithm (see imaging.ResizeRGB), then each value v becomes
// (v·RescaleFactor − Mean[c]) / Std[c].
func (c PreprocessorConfig) Tensor(img image.Image) (inference.Tensor, error) {
	if err := c.Validate(); err != nil {
		return inference.Tensor{}, fmt.Errorf("preprocess: %w", err)
	}
	if img == nil || img.Bounds().Empty() {
		return inference.Tensor{}, errors.New("preprocess: the image has no pixels")
	}
	h, w := c.size(img.Bounds())
	if int64(h)*int64(w) > imaging.MaxPixels {
		return inference.Tensor{}, fmt.Errorf("preprocess: a %d×%d tensor is larger than the %d-pixel limit", w, h, imaging.MaxPixels)
	}
	f := c.Resample
	if f == 0 {
		f = imaging.Bilinear
	}
	data, err := imaging.ResizeCHW(img, w, h, f, c.lut())
	if err != nil {
		return inference.Tensor{}, fmt.Errorf("preprocess: %w", err)
	}
	return inference.NewFloat32([]int64{1, 3, int64(h), int64(w)}, data), nil
}
