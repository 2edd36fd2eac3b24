// Package imagingtest holds image helpers for tests of the packages that
// decode or capture images.
package imagingtest

import (
	"encoding/json"
	"image"
	"image/color"
	"image/png"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
)

// RandomNRGBA returns a w×h image of random pixels, opaque or not; the same
// size always gives the same pixels.
func RandomNRGBA(w, h int, opaque bool) *image.NRGBA {
	r := rand.New(rand.NewPCG(uint64(w), uint64(h)))
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for i := range img.Pix {
		img.Pix[i] = byte(r.UintN(256))
		if i%4 == 3 && opaque {
			img.Pix[i] = 0xff
		}
	}
	return img
}

// AssertSame fails tb unless got has want's size and, pixel for pixel,
// want's non-premultiplied colours.
func AssertSame(tb testing.TB, got, want image.Image) {
	tb.Helper()
	if got.Bounds().Size() != want.Bounds().Size() {
		tb.Fatalf("size = %v, want %v", got.Bounds().Size(), want.Bounds().Size())
	}
	g0, w0 := got.Bounds().Min, want.Bounds().Min
	for y := range want.Bounds().Dy() {
		for x := range want.Bounds().Dx() {
			gc := color.NRGBAModel.Convert(got.At(g0.X+x, g0.Y+y))
			wc := color.NRGBAModel.Convert(want.At(w0.X+x, w0.Y+y))
			if gc != wc {
				tb.Fatalf("pixel (%d, %d) = %v, want %v", x, y, gc, wc)
			}
		}
	}
}

// Reference is testdata/reference.json of package imaging, written by its
// gen_reference.py: for each input image, what Pillow's resize makes of it
// and exact samples of the ViTImageProcessor tensor.
type Reference struct {
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

// ReadReference reads reference.json from dir, failing tb if it is
// missing, malformed or empty.
func ReadReference(tb testing.TB, dir string) Reference {
	tb.Helper()
	data, err := os.ReadFile(filepath.Join(dir, "reference.json"))
	if err != nil {
		tb.Fatal(err)
	}
	var ref Reference
	if err := json.Unmarshal(data, &ref); err != nil {
		tb.Fatal(err)
	}
	if len(ref.Images) == 0 {
		tb.Fatal("reference.json lists no images")
	}
	return ref
}

// LoadPNG decodes the PNG file at path, failing the test when it cannot.
func LoadPNG(tb testing.TB, path string) image.Image {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		tb.Fatal(err)
	}
	return img
}
