package imaging

import (
	"image"
	"testing"
)

// opaque hides an image's type, so PackedRGB takes its general path.
type opaque struct{ image.Image }

// PackedRGB's fast path for premultiplied RGBA (screenshots) gives the bytes of
// the general path, color.NRGBAModel's, for every alpha: opaque,
// transparent and in between.
func TestRGBOfPremultipliedPixels(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 64, 16))
	for i := range img.Pix {
		img.Pix[i] = byte(i * 37)
	}
	for i := 3; i < len(img.Pix); i += 4 {
		a := byte(i * 11)
		if i%3 == 0 {
			a = 0xff
		}
		img.Pix[i] = a
		for c := 1; c <= 3; c++ { // premultiplied: no channel above alpha
			img.Pix[i-c] = min(img.Pix[i-c], a)
		}
	}
	fast, w, h := PackedRGB(img)
	slow, _, _ := PackedRGB(opaque{img})
	if w != 64 || h != 16 || string(fast) != string(slow) {
		t.Errorf("fast path differs from color.NRGBAModel's (%dx%d)", w, h)
	}
}
