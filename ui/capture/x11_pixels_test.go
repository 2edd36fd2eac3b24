//go:build linux || freebsd || openbsd || netbsd

package capture

import (
	"encoding/binary"
	"image"
	"image/color"
	"testing"

	"github.com/describer/describer/inference/imaging"
)

func TestPixelConverter(t *testing.T) {
	want := []color.RGBA{{255, 0, 0, 255}, {0, 255, 0, 255}, {0, 0, 255, 255}}
	rgb := [3]imaging.Channel{imaging.NewChannel(0xff0000), imaging.NewChannel(0xff00), imaging.NewChannel(0xff)}
	tests := []struct {
		name string
		c    pixelConverter
		data []byte // one row of three pixels, padded
	}{
		{"32-bit BGRX", pixelConverter{bpp: 32, pad: 32, order: binary.LittleEndian, ch: rgb, bgrx: true},
			[]byte{0, 0, 255, 0, 0, 255, 0, 0, 255, 0, 0, 0}},
		{"32-bit big-endian", pixelConverter{bpp: 32, pad: 32, order: binary.BigEndian, ch: rgb},
			[]byte{0, 255, 0, 0, 0, 0, 255, 0, 0, 0, 0, 255}},
		{"24-bit packed", pixelConverter{bpp: 24, pad: 32, order: binary.LittleEndian, ch: rgb},
			[]byte{0, 0, 255, 0, 255, 0, 255, 0, 0, 0, 0, 0}},
		{"16-bit 5-6-5", pixelConverter{bpp: 16, pad: 32, order: binary.LittleEndian,
			ch: [3]imaging.Channel{imaging.NewChannel(0xf800), imaging.NewChannel(0x07e0), imaging.NewChannel(0x001f)}},
			[]byte{0x00, 0xf8, 0xe0, 0x07, 0x1f, 0x00, 0, 0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			img := image.NewRGBA(image.Rect(0, 0, 4, 2))
			data := append(append([]byte{}, tt.data...), tt.data...) // two rows
			if err := tt.c.copy(img, image.Pt(1, 0), image.Pt(3, 2), data); err != nil {
				t.Fatal(err)
			}
			for y := range 2 {
				for x, w := range want {
					got := img.RGBAAt(1+x, y)
					got.A = 255 // getImage sets alpha beforehand
					if got != w {
						t.Errorf("pixel (%d, %d) = %v, want %v", 1+x, y, got, w)
					}
				}
			}
			if err := tt.c.copy(img, image.Pt(1, 0), image.Pt(3, 2), data[:len(data)-1]); err == nil {
				t.Error("short data accepted")
			}
		})
	}
}
