package imaging

import (
	"bytes"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"
	"math/rand/v2"
	"testing"

	"golang.org/x/image/font"
	"golang.org/x/image/font/basicfont"
	"golang.org/x/image/math/fixed"
)

func flatScreen(c color.Color) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, 1920, 1080))
	draw.Draw(img, img.Bounds(), image.NewUniform(c), image.Point{}, draw.Src)
	return img
}

// withText draws one word in black at (x, y) with the 7×13 bitmap face: a
// line height of 13 pixels, capitals 9 pixels tall, one-pixel strokes — as
// small as screen text gets.
func withText(tb testing.TB, img draw.Image, word string, x, y int) draw.Image {
	tb.Helper()
	d := font.Drawer{Dst: img, Src: image.Black, Face: basicfont.Face7x13, Dot: fixed.P(x, y)}
	d.DrawString(word)
	return img
}

// jpegRoundTrip encodes img as a JPEG and decodes it with DecodeImage.
func jpegRoundTrip(tb testing.TB, img image.Image, quality int) image.Image {
	tb.Helper()
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: quality}); err != nil {
		tb.Fatal(err)
	}
	out, _, err := DecodeImage(&buf)
	if err != nil {
		tb.Fatal(err)
	}
	return out
}

// noisy returns a flat colour with ±amp uniform noise on every channel.
func noisy(c color.RGBA, amp int) *image.RGBA {
	img := flatScreen(c)
	rng := rand.New(rand.NewPCG(3, 4))
	for i := 0; i < len(img.Pix); i += 4 {
		for ch := range 3 {
			v := int(img.Pix[i+ch]) + rng.IntN(2*amp+1) - amp
			img.Pix[i+ch] = uint8(min(max(v, 0), 255))
		}
	}
	return img
}

func TestIsBlank(t *testing.T) {
	steel := color.RGBA{70, 130, 180, 255}
	for _, tc := range []struct {
		name  string
		img   func(testing.TB) image.Image
		blank bool
	}{
		{"black screen (screen curtain)", func(testing.TB) image.Image { return flatScreen(color.Black) }, true},
		{"white screen", func(testing.TB) image.Image { return flatScreen(color.White) }, true},
		{"flat colour", func(testing.TB) image.Image { return flatScreen(steel) }, true},
		{"flat colour with noise", func(testing.TB) image.Image { return noisy(steel, 6) }, true},
		{"JPEG flat colour", func(tb testing.TB) image.Image { return jpegRoundTrip(tb, noisy(steel, 3), 60) }, true},
		{"JPEG white", func(tb testing.TB) image.Image { return jpegRoundTrip(tb, flatScreen(color.White), 50) }, true},
		{"transparent RGBA", func(testing.TB) image.Image { return image.NewRGBA(image.Rect(0, 0, 800, 600)) }, true},
		{"one pixel", func(testing.TB) image.Image { return image.NewGray(image.Rect(0, 0, 1, 1)) }, true},
		{"four stray pixels", func(testing.TB) image.Image {
			img := flatScreen(color.White)
			for i := range 4 {
				img.Set(100+i*300, 500, color.Black)
			}
			return img
		}, true},
		{"five stray pixels", func(testing.TB) image.Image {
			img := flatScreen(color.White)
			for i := range 5 {
				img.Set(100+i*300, 500, color.Black)
			}
			return img
		}, false},
		{"one small word of 13 px text", func(tb testing.TB) image.Image {
			return withText(tb, flatScreen(color.White), "OK", 900, 540)
		}, false},
		{"one small word, JPEG", func(tb testing.TB) image.Image {
			return jpegRoundTrip(tb, withText(tb, flatScreen(color.White), "OK", 17, 1075), 75)
		}, false},
		{"thin horizontal line", func(testing.TB) image.Image {
			img := flatScreen(color.White)
			draw.Draw(img, image.Rect(0, 777, 1920, 778), image.NewUniform(color.Gray{160}), image.Point{}, draw.Src)
			return img
		}, false},
		{"thin vertical line", func(testing.TB) image.Image {
			img := flatScreen(color.Black)
			draw.Draw(img, image.Rect(1919, 0, 1920, 1080), image.NewUniform(color.Gray{90}), image.Point{}, draw.Src)
			return img
		}, false},
		{"smooth gradient", func(testing.TB) image.Image {
			img := image.NewGray(image.Rect(0, 0, 1920, 1080))
			for y := range 1080 {
				for x := range 1920 {
					img.Pix[y*1920+x] = uint8(x * 255 / 1919)
				}
			}
			return img
		}, false},
		{"gentle vertical gradient", func(testing.TB) image.Image {
			img := image.NewNRGBA(image.Rect(0, 0, 640, 480))
			for y := range 480 {
				for x := range 640 {
					copy(img.Pix[img.PixOffset(x, y):], []byte{30, 60, uint8(120 + y/6), 255})
				}
			}
			return img
		}, false},
		{"photo", func(tb testing.TB) image.Image { return mustLoadImage(tb, "input_photo_640x480.png") }, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			blank, st := IsBlank(tc.img(t))
			t.Logf("%+v", st)
			if blank != tc.blank {
				t.Errorf("IsBlank = %v, want %v (%+v)", blank, tc.blank, st)
			}
			if st.Pixels == 0 || st.Limit < 4 || (blank && st.Outliers > st.Limit) {
				t.Errorf("inconsistent stats %+v", st)
			}
		})
	}
}

func TestIsBlankDominantColour(t *testing.T) {
	blank, st := IsBlank(noisy(color.RGBA{200, 16, 100, 255}, 2))
	if !blank {
		t.Fatalf("not blank: %+v", st)
	}
	if d := st.Dominant; absDiffInt(int(d.R), 200) > 2 || absDiffInt(int(d.G), 16) > 2 || absDiffInt(int(d.B), 100) > 2 || d.A != 255 {
		t.Errorf("dominant %v, want about (200, 16, 100)", d)
	}
	if blank, _ := IsBlank(nil); !blank {
		t.Error("nil image is not blank")
	}
}

func BenchmarkIsBlank1080p(b *testing.B) {
	for _, tc := range []struct {
		name string
		img  image.Image
	}{
		{"blank RGBA", flatScreen(color.White)},
		{"blank YCbCr", jpegRoundTrip(b, flatScreen(color.White), 75)},
		{"screen RGBA", screen1080p(b)},
	} {
		b.Run(tc.name, func(b *testing.B) {
			for b.Loop() {
				IsBlank(tc.img)
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/op")
		})
	}
}
