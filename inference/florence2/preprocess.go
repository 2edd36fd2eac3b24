package florence2

import (
	"encoding/json"
	"fmt"
	"image"
	"os"

	"github.com/describer/describer/inference"
	"github.com/describer/describer/inference/imaging"
)

// Preprocessor turns an image into Florence-2's pixel_values as
// transformers.js' Florence2Processor does in Node (image_processors_utils.js,
// utils/image.js): RGB (alpha dropped, not composited), resized to the
// configured size ignoring the aspect ratio with sharp's bicubic affine
// (libvips' fixed-point Catmull-Rom; see resizeVips), rescaled and
// normalised per channel, CHW.
type Preprocessor struct {
	Width, Height int
	Rescale       float64
	Mean, Std     [3]float64
	// ImageTokens is image_seq_length: the vision encoder's tokens.
	ImageTokens int
	// Prompts maps each task token ("<CAPTION>") to its sentence.
	Prompts map[string]string
}

// LoadPreprocessor reads preprocessor_config.json.
func LoadPreprocessor(path string) (Preprocessor, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return Preprocessor{}, fmt.Errorf("florence2: %w", err)
	}
	var c struct {
		Size struct {
			Height, Width int
		} `json:"size"`
		Rescale     float64           `json:"rescale_factor"`
		Mean        []float64         `json:"image_mean"`
		Std         []float64         `json:"image_std"`
		ImageTokens int               `json:"image_seq_length"`
		Prompts     map[string]string `json:"task_prompts_without_inputs"`
		Resample    int               `json:"resample"`
	}
	if err := json.Unmarshal(data, &c); err != nil {
		return Preprocessor{}, fmt.Errorf("florence2: %s is damaged: %w", path, err)
	}
	if c.Size.Width <= 0 || c.Size.Height <= 0 || len(c.Mean) != 3 || len(c.Std) != 3 || c.Resample != 3 || c.Rescale <= 0 {
		return Preprocessor{}, fmt.Errorf("florence2: %s: want a size, a bicubic resample (3), a rescale factor and three means and deviations", path)
	}
	p := Preprocessor{Width: c.Size.Width, Height: c.Size.Height, Rescale: c.Rescale, ImageTokens: c.ImageTokens, Prompts: c.Prompts}
	copy(p.Mean[:], c.Mean)
	copy(p.Std[:], c.Std)
	return p, nil
}

// Tensor returns img's pixel_values, [1, 3, Height, Width] float32.
func (p Preprocessor) Tensor(img image.Image) inference.Tensor {
	rgb, w, h := imaging.PackedRGB(img)
	if w != p.Width || h != p.Height {
		rgb = resizeVips(rgb, w, h, p.Width, p.Height)
	}
	// transformers.js stores the rescaled value as float32, then
	// normalises it in double and stores float32 again: the same for every
	// byte value, so worked out once per value and channel.
	var lut [3][256]float32
	for c := range 3 {
		for v := range 256 {
			r := float32(float64(v) * p.Rescale)
			lut[c][v] = float32((float64(r) - p.Mean[c]) / p.Std[c])
		}
	}
	plane := p.Width * p.Height
	data := make([]float32, 3*plane)
	for c := range 3 {
		l, dst := &lut[c], data[c*plane:(c+1)*plane]
		for i := range dst {
			dst[i] = l[rgb[3*i+c]]
		}
	}
	return inference.NewFloat32([]int64{1, 3, int64(p.Height), int64(p.Width)}, data)
}
