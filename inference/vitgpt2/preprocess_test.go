package vitgpt2

import (
	"errors"
	"image"
	"image/color"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/describer/describer/inference"
	"github.com/describer/describer/inference/imaging"
	"github.com/describer/describer/inference/imaging/imagingtest"
)

// imagesDir holds the images and Pillow references of package imaging.
const imagesDir = "../imaging/testdata"

func mustLoadImage(tb testing.TB, name string) image.Image {
	tb.Helper()
	img, _, err := imaging.LoadImage(filepath.Join(imagesDir, name))
	if err != nil {
		tb.Fatal(err)
	}
	return img
}

// rgbBytes returns the packed, non-premultiplied RGB of img.
func rgbBytes(img image.Image) []byte {
	b := img.Bounds()
	out := make([]byte, 0, 3*b.Dx()*b.Dy())
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			c := color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA)
			out = append(out, c.R, c.G, c.B)
		}
	}
	return out
}

func TestPreprocessTensorMatchesReference(t *testing.T) {
	for _, im := range imagingtest.ReadReference(t, imagesDir).Images {
		src := mustLoadImage(t, im.Input)
		for _, rc := range im.Configs {
			t.Run(im.Input+"/"+rc.Name, func(t *testing.T) {
				cfg := PreprocessorConfig{RescaleFactor: rc.RescaleFactor, Mean: rc.ImageMean, Std: rc.ImageStd}
				tensor, err := cfg.Tensor(src)
				if err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(tensor.Shape, []int64{1, 3, 224, 224}) || tensor.DType() != inference.Float32 {
					t.Fatalf("shape %v dtype %v", tensor.Shape, tensor.DType())
				}
				data := tensor.Float32s()
				for _, s := range rc.Samples {
					got := data[(s.C*224+s.Y)*224+s.X]
					if want := float32(s.Value); got != want {
						t.Errorf("[0,%d,%d,%d] = %v (%08x), want %v (%08x)", s.C, s.Y, s.X,
							got, math.Float32bits(got), want, math.Float32bits(want))
					}
				}
			})
		}
	}
}

// TestPreprocessTensorIsAffineMapOfResize checks every element, not just
// the samples: the tensor is the Pillow-identical resize put through the
// per-channel affine map.
func TestPreprocessTensorIsAffineMapOfResize(t *testing.T) {
	src := mustLoadImage(t, "input_photo_640x480.png")
	want := rgbBytes(mustLoadImage(t, "expected_photo_640x480.png"))
	tensor, err := PreprocessorConfig{}.Tensor(src)
	if err != nil {
		t.Fatal(err)
	}
	data := tensor.Float32s()
	for i := range 224 * 224 {
		for c := range 3 {
			v := float32(float64(want[3*i+c]) * (1.0 / 255))
			if exp, got := (v-0.5)/0.5, data[c*224*224+i]; got != exp {
				t.Fatalf("pixel %d channel %d = %v, want %v", i, c, got, exp)
			}
		}
	}
}

func TestPreprocessAlphaIsDroppedNotBlended(t *testing.T) {
	// A 2×1 image: opaque red, and fully transparent with stored green.
	n := image.NewNRGBA(image.Rect(0, 0, 2, 1))
	copy(n.Pix, []byte{255, 0, 0, 255, 0, 200, 0, 0})
	cfg := PreprocessorConfig{NoResize: true, NoRescale: true, NoNormalize: true}
	tensor, err := cfg.Tensor(n)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := tensor.Float32s(), []float32{255, 0, 0, 200, 0, 0}; !reflect.DeepEqual(got, want) {
		t.Errorf("NRGBA: got %v, want %v (planes R, G, B)", got, want)
	}
	// Premultiplied RGBA: half-transparent (100, 50, 0) is stored as (50, 25, 0).
	r := image.NewRGBA(image.Rect(0, 0, 1, 1))
	copy(r.Pix, []byte{50, 25, 0, 128})
	tensor, err = cfg.Tensor(r)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := tensor.Float32s(), []float32{99, 49, 0}; !reflect.DeepEqual(got, want) {
		t.Errorf("RGBA: got %v, want %v", got, want)
	}
}

func TestParsePreprocessorConfig(t *testing.T) {
	for _, tc := range []struct {
		name, json string
		want       PreprocessorConfig
	}{
		{"vit-gpt2", `{"do_normalize": true, "do_resize": true, "feature_extractor_type": "ViTFeatureExtractor",
			"image_mean": [0.5, 0.5, 0.5], "image_std": [0.5, 0.5, 0.5], "resample": 2, "size": 224}`,
			PreprocessorConfig{Width: 224, Height: 224, Resample: imaging.Bilinear, Mean: []float64{.5, .5, .5},
				Std: []float64{.5, .5, .5}, Type: "ViTFeatureExtractor"}},
		{"empty object gives defaults", `{}`, PreprocessorConfig{}},
		{"height and width", `{"size": {"height": 384, "width": 256}, "image_processor_type": "ViTImageProcessor",
			"feature_extractor_type": "X"}`, PreprocessorConfig{Width: 256, Height: 384, Type: "ViTImageProcessor"}},
		{"shortest edge", `{"size": {"shortest_edge": 336}}`, PreprocessorConfig{Width: 336, Height: 336}},
		{"legacy pair", `{"size": [300, 200]}`, PreprocessorConfig{Width: 200, Height: 300}},
		{"bicubic", `{"resample": 3}`, PreprocessorConfig{Resample: imaging.Bicubic}},
		{"switches off", `{"do_resize": false, "do_rescale": false, "do_normalize": false, "do_center_crop": false}`,
			PreprocessorConfig{NoResize: true, NoRescale: true, NoNormalize: true}},
		{"scalar mean", `{"image_mean": 0.25, "image_std": [1, 2, 3], "rescale_factor": 0.5}`,
			PreprocessorConfig{Mean: []float64{.25, .25, .25}, Std: []float64{1, 2, 3}, RescaleFactor: .5}},
		{"nulls", `{"size": null, "image_mean": null}`, PreprocessorConfig{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParsePreprocessorConfig([]byte(tc.json))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got %+v\nwant %+v", got, tc.want)
			}
		})
	}
}

func TestParsePreprocessorConfigErrors(t *testing.T) {
	for _, tc := range []struct{ name, json, want string }{
		{"malformed", "{\n \"size\": 224,\n}", "the file is not valid JSON (invalid character '}' looking for beginning of object key string at line 3, column 1)"},
		{"not an object", `[1]`, "the file holds an array where an object is expected"},
		{"std underflows float32", `{"image_std": [1e-300, 1, 1]}`, "image_std contains 1e-300, which would divide by zero"},
		{"mean overflows float32", `{"image_mean": [1e300, 1, 1]}`, "image_mean contains 1e+300, which is not a usable number"},
		{"resample as a name", `{"resample": "bilinear"}`, `the field "resample" holds a string where a whole number is expected`},
		{"wrong type", `{"do_resize": "yes"}`, `the field "do_resize" holds a string where true or false is expected`},
		{"nearest", `{"resample": 0}`, "resample 0 (nearest) is not supported; Describer resizes with 2 (bilinear) or 3 (bicubic)"},
		{"lanczos", `{"resample": 1}`, "resample 1 (lanczos) is not supported"},
		{"mean length", `{"image_mean": [0.5, 0.5]}`, "image_mean has 2 values; it needs one per colour channel (3)"},
		{"std length", `{"image_std": [1, 1, 1, 1]}`, "image_std has 4 values"},
		{"std zero", `{"image_std": [0.5, 0, 0.5]}`, "image_std contains 0, which would divide by zero"},
		{"mean strings", `{"image_mean": ["a"]}`, `image_mean ["a"] is not a list of numbers`},
		{"size zero", `{"size": 0}`, "size 0 is not a size Describer understands"},
		{"size huge", `{"size": 100000}`, "size 100000 is not"},
		{"size odd keys", `{"size": {"longest_edge": 5}}`, "is not a size"},
		{"size triple", `{"size": [1, 2, 3]}`, "is not a size"},
		{"center crop", `{"do_center_crop": true}`, "center cropping"},
		{"rescale zero", `{"rescale_factor": 0}`, "rescale_factor is 0"},
		{"rescale negative", `{"rescale_factor": -1}`, "rescale_factor -1 is not a positive number"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParsePreprocessorConfig([]byte(tc.json))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want it to contain %q", err, tc.want)
			}
		})
	}
}

func TestLoadPreprocessorConfig(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "preprocessor_config.json")
	if err := os.WriteFile(good, []byte(`{"size": 224, "resample": 2, "feature_extractor_type": "ViTFeatureExtractor"}`), 0o600); err != nil {
		t.Fatal(err)
	}
	c, err := LoadPreprocessorConfig(good)
	if err != nil || c.Width != 224 || c.Type != "ViTFeatureExtractor" {
		t.Fatalf("got %+v, %v", c, err)
	}
	bad := filepath.Join(dir, "broken.json")
	if err := os.WriteFile(bad, []byte(`{"size": `), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err = LoadPreprocessorConfig(bad)
	if err == nil || !strings.Contains(err.Error(), bad+` is not usable: the file is not valid JSON`) {
		t.Errorf("error %v does not name the file", err)
	}
	_, err = LoadPreprocessorConfig(filepath.Join(dir, "missing.json"))
	if !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
}

func TestPreprocessorConfigTensorOptions(t *testing.T) {
	src := image.NewGray(image.Rect(0, 0, 4, 2))
	copy(src.Pix, []byte{0, 51, 102, 255, 0, 0, 0, 0})
	tensor, err := PreprocessorConfig{NoResize: true, NoNormalize: true}.Tensor(src)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(tensor.Shape, []int64{1, 3, 2, 4}) {
		t.Fatalf("shape %v", tensor.Shape)
	}
	if got := tensor.Float32s()[:4]; !reflect.DeepEqual(got, []float32{0, 0.2, 0.4, 1}) {
		t.Errorf("rescaled row %v", got)
	}
	tensor, err = PreprocessorConfig{Width: 3, Height: 5, Resample: imaging.Bicubic}.Tensor(src)
	if err != nil || !reflect.DeepEqual(tensor.Shape, []int64{1, 3, 5, 3}) {
		t.Errorf("shape %v, %v", tensor.Shape, err)
	}
	if _, err := (PreprocessorConfig{Std: []float64{1, 0, 1}}).Tensor(src); err == nil {
		t.Error("std 0 accepted by Tensor")
	}
	if _, err := (PreprocessorConfig{}).Tensor(nil); err == nil {
		t.Error("nil image accepted")
	}
}
