package smolvlm

import (
	"encoding/json"
	"fmt"
	"image"
	"math"
	"os"
	"strconv"

	"github.com/describer/describer/inference"
	"github.com/describer/describer/inference/imaging"
)

// Preprocessor turns an image into SmolVLM's pixel_values as transformers.js'
// Idefics3ImageProcessor does in Node (models/idefics3/image_processing_idefics3.js,
// image_processors_utils.js): RGB, resized with sharp's Lanczos so that the
// longest edge is exactly LongestEdge (up as well as down), rescaled and
// normalised, then either split into TileSize tiles plus a global tile or
// squeezed into one tile, both with ONNX Runtime's bilinear Resize.
type Preprocessor struct {
	LongestEdge int
	TileSize    int
	Split       bool
	Rescale     float64
	Mean, Std   [3]float64
}

// preprocessorFile is preprocessor_config.json.
type preprocessorFile struct {
	Resize   bool `json:"do_resize"`
	Resample int  `json:"resample"`
	Size     struct {
		LongestEdge int `json:"longest_edge"`
	} `json:"size"`
	MaxImageSize struct {
		LongestEdge int `json:"longest_edge"`
	} `json:"max_image_size"`
	Split     *bool     `json:"do_image_splitting"`
	Rescale   float64   `json:"rescale_factor"`
	Normalize bool      `json:"do_normalize"`
	Mean      []float64 `json:"image_mean"`
	Std       []float64 `json:"image_std"`
}

// LoadPreprocessor reads preprocessor_config.json.
func LoadPreprocessor(path string) (Preprocessor, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return Preprocessor{}, fmt.Errorf("smolvlm: %w", err)
	}
	var c preprocessorFile
	if err := json.Unmarshal(data, &c); err != nil {
		return Preprocessor{}, fmt.Errorf("smolvlm: %s is damaged: %w", path, err)
	}
	if !c.Resize || c.Resample != 1 || c.Size.LongestEdge <= 0 || c.MaxImageSize.LongestEdge <= 0 ||
		c.Rescale <= 0 || !c.Normalize || len(c.Mean) != 3 || len(c.Std) != 3 {
		return Preprocessor{}, fmt.Errorf("smolvlm: %s: want a Lanczos resize (1) to a longest edge, a tile size, a rescale factor and three means and deviations", path)
	}
	p := Preprocessor{LongestEdge: c.Size.LongestEdge, TileSize: c.MaxImageSize.LongestEdge, Split: c.Split == nil || *c.Split, Rescale: c.Rescale}
	copy(p.Mean[:], c.Mean)
	copy(p.Std[:], c.Std)
	return p, nil
}

// Pixels is one image ready for the vision encoder.
type Pixels struct {
	// Values is pixel_values, [1, tiles, 3, TileSize, TileSize].
	Values inference.Tensor
	// Rows and Cols are the tile grid; both 0 when unsplit (one tile).
	Rows, Cols int
}

// Tiles is the number of tiles, the global one included.
func (p Pixels) Tiles() int { return int(p.Values.Shape[1]) }

// Mask returns pixel_attention_mask: all true, [1, tiles, TileSize, TileSize].
func (p Pixels) Mask() inference.Tensor {
	s := p.Values.Shape
	m := make([]bool, s[1]*s[3]*s[4])
	for i := range m {
		m[i] = true
	}
	return inference.NewBool([]int64{1, s[1], s[3], s[4]}, m)
}

// ResizedSize is the size the image is first resized to: the longest edge
// LongestEdge, the other kept in proportion, rounded as transformers.js'
// get_resize_output_image_size does (to two decimals, then down).
func (p Preprocessor) ResizedSize(w, h int) (int, int) {
	f := math.Min(float64(p.LongestEdge)/float64(w), float64(p.LongestEdge)/float64(h))
	round := func(v float64) int {
		s := strconv.FormatFloat(v, 'f', 2, 64)
		r, _ := strconv.ParseFloat(s, 64)
		return int(math.Floor(r))
	}
	return round(float64(w) * f), round(float64(h) * f)
}

// Tensor returns img's pixel values, split into tiles when split is set.
func (p Preprocessor) Tensor(img image.Image, split bool) Pixels {
	rgb, w, h := imaging.PackedRGB(img)
	ow, oh := p.ResizedSize(w, h)
	rgb = resizeLanczos(rgb, w, h, ow, oh)
	lut := p.table()
	full := lutImage{w: ow, h: oh, rgb: rgb, lut: &lut}
	t := p.TileSize
	if !split {
		return p.pack(1, 0, 0, func(dst []float32, _ int) { tile(dst, resize(full, t, t), 0, 0, t, t) })
	}
	gw, gh := p.gridSize(ow, oh)
	grid := resize(full, gw, gh)
	if gw <= t && gh <= t {
		return p.pack(1, 0, 0, func(dst []float32, _ int) { tile(dst, grid, 0, 0, gw, gh) })
	}
	rows, cols := ceilDiv(gh, t), ceilDiv(gw, t)
	th, tw := ceilDiv(gh, rows), ceilDiv(gw, cols)
	return p.pack(rows*cols+1, rows, cols, func(dst []float32, i int) {
		if i == rows*cols { // the global tile: the whole grid, resized
			tile(dst, resize(grid, t, t), 0, 0, t, t)
			return
		}
		r, c := i/cols, i%cols
		tile(dst, grid, min(c*tw, gw-tw), min(r*th, gh-th), tw, th)
	})
}

// gridSize is get_resize_for_vision_encoder: each side rounded up to a
// multiple of the tile size, the shorter one through the aspect ratio.
func (p Preprocessor) gridSize(w, h int) (int, int) {
	t, aspect := p.TileSize, float64(w)/float64(h)
	if w >= h {
		w = ceilDiv(w, t) * t
		h = ceilDiv(int(math.Floor(float64(w)/aspect)), t) * t
	} else {
		h = ceilDiv(h, t) * t
		w = ceilDiv(int(math.Floor(float64(h)*aspect)), t) * t
	}
	return w, h
}

func ceilDiv(a, b int) int { return (a + b - 1) / b }

// table holds each byte value's rescaled and normalised value, per
// channel, as transformers.js stores them: the rescaled value in float32,
// then normalised in double and stored in float32 again.
func (p Preprocessor) table() (lut [3][256]float32) {
	for c := range 3 {
		for v := range 256 {
			r := float32(float64(v) * p.Rescale)
			lut[c][v] = float32((float64(r) - p.Mean[c]) / p.Std[c])
		}
	}
	return lut
}

// pack makes pixel_values of n tiles, fill writing tile i into its part.
func (p Preprocessor) pack(n, rows, cols int, fill func(dst []float32, i int)) Pixels {
	size := 3 * p.TileSize * p.TileSize
	data := make([]float32, n*size)
	for i := range n {
		fill(data[i*size:(i+1)*size], i)
	}
	t := int64(p.TileSize)
	return Pixels{Values: inference.NewFloat32([]int64{1, int64(n), 3, t, t}, data), Rows: rows, Cols: cols}
}
