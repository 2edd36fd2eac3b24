package imaging

import (
	"image"
	"image/color"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/describer/describer/inference/imaging/imagingtest"
)

const imagesDir = "testdata"

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
	for _, im := range imagingtest.ReadReference(t, imagesDir).Images {
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
			b.ResetTimer()
			for b.Loop() {
				if _, err := ResizeCHW(img, 224, 224, Bilinear, vitTable()); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/op")
		})
	}
}

// vitTable is ViTImageProcessor's default rescaling and normalisation,
// (v/255 − 0.5) / 0.5, which maps every level into [−1, 1].
func vitTable() *ChannelTable {
	var t ChannelTable
	for c := range 3 {
		for v := range 256 {
			t[c][v] = (float32(float64(v)*(1.0/255)) - 0.5) / 0.5
		}
	}
	return &t
}
