package inference

import (
	"encoding/json"
	"errors"
	"image"
	"image/color"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

const imagesDir = "testdata/images"

// reference is testdata/images/reference.json, written by gen_reference.py.
type reference struct {
	Images []struct {
		Input           string `json:"input"`
		Mode            string `json:"mode"`
		Expected        string `json:"expected"`
		ExpectedBicubic string `json:"expected_bicubic"`
		Configs         []struct {
			Name          string    `json:"name"`
			RescaleFactor float64   `json:"rescale_factor"`
			ImageMean     []float64 `json:"image_mean"`
			ImageStd      []float64 `json:"image_std"`
			Samples       []struct {
				C, Y, X int
				Value   float64
			} `json:"samples"`
		} `json:"configs"`
	} `json:"images"`
}

func mustReadReference(tb testing.TB) reference {
	tb.Helper()
	data, err := os.ReadFile(filepath.Join(imagesDir, "reference.json"))
	if err != nil {
		tb.Fatal(err)
	}
	var ref reference
	if err := json.Unmarshal(data, &ref); err != nil {
		tb.Fatal(err)
	}
	if len(ref.Images) == 0 {
		tb.Fatal("reference.json lists no images")
	}
	return ref
}

func mustLoadImage(tb testing.TB, name string) image.Image {
	tb.Helper()
	img, _, err := LoadImage(filepath.Join(imagesDir, name))
	if err != nil {
		tb.Fatal(err)
	}
	return img
}

// rgbBytes returns the packed RGB of img, via the generic At path.
func rgbBytes(img image.Image) []byte {
	b := img.Bounds()
	out := make([]byte, 0, 3*b.Dx()*b.Dy())
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			c := rgbOf(img.At(x, y))
			out = append(out, c[:]...)
		}
	}
	return out
}

// compareRGB fails unless got equals want byte for byte, reporting the
// number of differing bytes and the largest difference.
func compareRGB(t *testing.T, got, want []byte) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %d bytes, want %d", len(got), len(want))
	}
	diff, maxDiff, first := 0, 0, -1
	for i := range got {
		d := int(got[i]) - int(want[i])
		if d != 0 {
			if first < 0 {
				first = i
			}
			diff++
			maxDiff = max(maxDiff, d, -d)
		}
	}
	if diff > 0 {
		t.Errorf("%d of %d bytes differ from Pillow (max abs diff %d, first at byte %d: got %d, want %d)",
			diff, len(got), maxDiff, first, got[first], want[first])
	}
}

func TestResizeRGBMatchesPillow(t *testing.T) {
	for _, im := range mustReadReference(t).Images {
		cases := []struct {
			want   string
			filter ResampleFilter
		}{{im.Expected, Bilinear}}
		if im.ExpectedBicubic != "" {
			cases = append(cases, struct {
				want   string
				filter ResampleFilter
			}{im.ExpectedBicubic, Bicubic})
		}
		for _, c := range cases {
			t.Run(im.Input+"/"+c.filter.String(), func(t *testing.T) {
				src := mustLoadImage(t, im.Input)
				got, err := ResizeRGB(src, 224, 224, c.filter)
				if err != nil {
					t.Fatal(err)
				}
				if got.Bounds() != image.Rect(0, 0, 224, 224) {
					t.Fatalf("bounds %v", got.Bounds())
				}
				compareRGB(t, rgbBytes(got), rgbBytes(mustLoadImage(t, c.want)))
			})
		}
	}
}

func TestPreprocessTensorMatchesReference(t *testing.T) {
	for _, im := range mustReadReference(t).Images {
		src := mustLoadImage(t, im.Input)
		for _, rc := range im.Configs {
			t.Run(im.Input+"/"+rc.Name, func(t *testing.T) {
				cfg := PreprocessorConfig{RescaleFactor: rc.RescaleFactor, Mean: rc.ImageMean, Std: rc.ImageStd}
				tensor, err := cfg.Tensor(src)
				if err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(tensor.Shape, []int64{1, 3, 224, 224}) || tensor.DType() != Float32 {
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

// hiddenType hides an image's concrete type so that the generic path runs.
type hiddenType struct{ image.Image }

func TestRGBRowFastPathsMatchGeneric(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	fill := func(p []byte) []byte {
		for i := range p {
			p[i] = byte(rng.IntN(256))
		}
		return p
	}
	r := image.Rect(-3, 5, 40, 31) // odd size, non-zero origin
	var imgs []image.Image
	nrgba := image.NewNRGBA(r)
	fill(nrgba.Pix)
	rgba := image.NewRGBA(r)
	for i := 0; i < len(rgba.Pix); i += 4 { // valid premultiplied values
		a := byte(rng.IntN(256))
		if i%40 == 0 {
			a = 0
		} else if i%12 == 0 {
			a = 255
		}
		rgba.Pix[i+3] = a
		for c := range 3 {
			rgba.Pix[i+c] = byte(rng.IntN(int(a) + 1))
		}
	}
	gray := image.NewGray(r)
	fill(gray.Pix)
	cmyk := image.NewCMYK(r)
	fill(cmyk.Pix)
	pal := image.NewPaletted(r, color.Palette{color.RGBA{1, 2, 3, 255}, color.NRGBA{200, 100, 50, 0}, color.Gray{77}})
	for i := range pal.Pix {
		pal.Pix[i] = byte(rng.IntN(3))
	}
	imgs = append(imgs, nrgba, rgba, gray, cmyk, pal, nrgba.SubImage(image.Rect(0, 7, 9, 20)))
	for _, ratio := range []image.YCbCrSubsampleRatio{
		image.YCbCrSubsampleRatio444, image.YCbCrSubsampleRatio422, image.YCbCrSubsampleRatio420,
		image.YCbCrSubsampleRatio440, image.YCbCrSubsampleRatio411, image.YCbCrSubsampleRatio410,
	} {
		y := image.NewYCbCr(r, ratio)
		fill(y.Y)
		fill(y.Cb)
		fill(y.Cr)
		imgs = append(imgs, y, y.SubImage(image.Rect(1, 8, 17, 22)))
		a := image.NewNYCbCrA(r, ratio)
		fill(a.Y)
		fill(a.Cb)
		fill(a.Cr)
		fill(a.A)
		imgs = append(imgs, a)
	}
	for _, img := range imgs {
		b := img.Bounds()
		name := reflect.TypeOf(img).String()
		if y, ok := img.(*image.YCbCr); ok {
			name += "/" + y.SubsampleRatio.String()
		}
		t.Run(name, func(t *testing.T) {
			fast, slow := rgbRowFunc(img), rgbRowFunc(hiddenType{img})
			got, want := newPlanes(b.Dx(), 1), newPlanes(b.Dx(), 1)
			for y := b.Min.Y; y < b.Max.Y; y++ {
				fast(y, got.row(0))
				slow(y, want.row(0))
				if !reflect.DeepEqual(got.c, want.c) {
					t.Fatalf("row %d differs:\n got %v\nwant %v", y, got.c, want.c)
				}
			}
		})
	}
}

func TestRGBRowPalettedOutOfRange(t *testing.T) {
	// image.Paletted.At panics on an index past the palette; the fast path
	// reads it as black instead.
	pal := image.NewPaletted(image.Rect(0, 0, 2, 1), color.Palette{color.Gray{9}})
	pal.Pix[1] = 7
	got := newPlanes(2, 1)
	rgbRowFunc(pal)(0, got.row(0))
	if want := [3][]byte{{9, 0}, {9, 0}, {9, 0}}; !reflect.DeepEqual(got.c, want) {
		t.Errorf("got %v, want %v", got.c, want)
	}
}

func TestYCbCrFastPathMatchesStdlibExhaustively(t *testing.T) {
	img := image.NewYCbCr(image.Rect(0, 0, 256, 256), image.YCbCrSubsampleRatio444)
	for i := range img.Cb {
		img.Cb[i], img.Cr[i] = byte(i%256), byte(i/256)
	}
	row := rgbRowFunc(img)
	p := newPlanes(256, 1)
	r, g, b := p.c[0], p.c[1], p.c[2]
	for yv := range 256 {
		for i := range img.Y {
			img.Y[i] = byte(yv)
		}
		for cr := range 256 {
			row(cr, p.row(0))
			for cb := range 256 {
				wr, wg, wb := color.YCbCrToRGB(byte(yv), byte(cb), byte(cr))
				if r[cb] != wr || g[cb] != wg || b[cb] != wb {
					t.Fatalf("YCbCr(%d,%d,%d): got %d,%d,%d want %d,%d,%d", yv, cb, cr, r[cb], g[cb], b[cb], wr, wg, wb)
				}
			}
		}
	}
}

func TestResizeRGBEdgeCases(t *testing.T) {
	src := image.NewNRGBA(image.Rect(10, 10, 13, 12))
	for i := 0; i < len(src.Pix); i += 4 { // transparent, stored colour kept
		copy(src.Pix[i:], []byte{10, 20, 30, 0})
	}
	for _, tc := range []struct {
		name string
		w, h int
	}{{"same size", 3, 2}, {"upscale", 50, 40}, {"to one pixel", 1, 1}, {"width only", 7, 2}, {"height only", 3, 9}} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ResizeRGB(src, tc.w, tc.h, Bilinear)
			if err != nil {
				t.Fatal(err)
			}
			for i := 0; i < len(got.Pix); i += 4 {
				if p := got.Pix[i : i+4]; p[0] != 10 || p[1] != 20 || p[2] != 30 || p[3] != 255 {
					t.Fatalf("pixel %d = %v, want flat (10,20,30,255)", i/4, p)
				}
			}
		})
	}
	for _, tc := range []struct {
		name   string
		img    image.Image
		w, h   int
		filter ResampleFilter
	}{
		{"zero width", src, 0, 5, Bilinear},
		{"too large", src, 20000, 20000, Bilinear},
		{"nearest", src, 5, 5, 0},
		{"empty image", image.NewRGBA(image.Rectangle{}), 5, 5, Bilinear},
		{"nil image", nil, 5, 5, Bilinear},
		{"long thin strip", image.NewGray(image.Rect(0, 0, 1, 2_000_000)), 224, 224, Bilinear},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := ResizeRGB(tc.img, tc.w, tc.h, tc.filter); err == nil {
				t.Error("no error")
			}
		})
	}
}

func TestParsePreprocessorConfig(t *testing.T) {
	for _, tc := range []struct {
		name, json string
		want       PreprocessorConfig
	}{
		{"vit-gpt2", `{"do_normalize": true, "do_resize": true, "feature_extractor_type": "ViTFeatureExtractor",
			"image_mean": [0.5, 0.5, 0.5], "image_std": [0.5, 0.5, 0.5], "resample": 2, "size": 224}`,
			PreprocessorConfig{Width: 224, Height: 224, Resample: Bilinear, Mean: []float64{.5, .5, .5},
				Std: []float64{.5, .5, .5}, Type: "ViTFeatureExtractor"}},
		{"empty object gives defaults", `{}`, PreprocessorConfig{}},
		{"height and width", `{"size": {"height": 384, "width": 256}, "image_processor_type": "ViTImageProcessor",
			"feature_extractor_type": "X"}`, PreprocessorConfig{Width: 256, Height: 384, Type: "ViTImageProcessor"}},
		{"shortest edge", `{"size": {"shortest_edge": 336}}`, PreprocessorConfig{Width: 336, Height: 336}},
		{"legacy pair", `{"size": [300, 200]}`, PreprocessorConfig{Width: 200, Height: 300}},
		{"bicubic", `{"resample": 3}`, PreprocessorConfig{Resample: Bicubic}},
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
	tensor, err = PreprocessorConfig{Width: 3, Height: 5, Resample: Bicubic}.Tensor(src)
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

// screen1080p is a 1920×1080 screenshot-like image: flat panels, text-like
// strokes, a photo-like gradient.
func screen1080p(tb testing.TB) *image.RGBA {
	tb.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 1920, 1080))
	for y := range 1080 {
		for x := range 1920 {
			i := img.PixOffset(x, y)
			v := byte(240)
			if y > 100 && x%9 < 2 && y%20 < 12 {
				v = 20
			}
			img.Pix[i], img.Pix[i+1], img.Pix[i+2], img.Pix[i+3] = v, v, byte(x/8), 255
		}
	}
	return img
}

func BenchmarkPreprocess1080p(b *testing.B) {
	for _, tc := range []struct {
		name string
		img  func(testing.TB) image.Image
	}{
		{"RGBA", func(tb testing.TB) image.Image { return screen1080p(tb) }},
		{"YCbCr420", func(tb testing.TB) image.Image {
			src := screen1080p(tb)
			y := image.NewYCbCr(src.Bounds(), image.YCbCrSubsampleRatio420)
			for i := range y.Y {
				y.Y[i] = src.Pix[4*i]
			}
			return y
		}},
		{"generic", func(tb testing.TB) image.Image { return hiddenType{screen1080p(tb)} }},
	} {
		b.Run(tc.name, func(b *testing.B) {
			img := tc.img(b)
			cfg := PreprocessorConfig{}
			b.ResetTimer()
			for b.Loop() {
				if _, err := cfg.Tensor(img); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/op")
		})
	}
}
