package imaging

import (
	"image"
	"image/color"
)

// rgbRowFunc returns a function that writes row y of img (an absolute y in
// img.Bounds()) as 8-bit R, G and B into rgb[0], rgb[1] and rgb[2], each
// one byte a pixel.
// Colours are taken non-premultiplied with alpha dropped, as Pillow's
// convert("RGB") does; premultiplied types (image.RGBA) are un-premultiplied
// first, so a fully transparent pixel there is black. Common concrete types
// avoid per-pixel interface calls; the results equal those of the generic
// path.
func rgbRowFunc(img image.Image) func(y int, rgb [3][]byte) {
	switch m := img.(type) {
	case *image.NRGBA:
		return nrgbaRows(m)
	case *image.RGBA:
		return rgbaRows(m)
	case *image.Gray:
		return grayRows(m)
	case *image.YCbCr:
		return ycbcrRows(m)
	case *image.NYCbCrA:
		return ycbcrRows(&m.YCbCr) // non-premultiplied: dropping alpha leaves the YCbCr
	case *image.Paletted:
		return palettedRows(m)
	case *image.CMYK:
		return cmykRows(m)
	}
	return genericRows(img)
}

func nrgbaRows(m *image.NRGBA) func(y int, rgb [3][]byte) {
	x0, w := m.Rect.Min.X, m.Rect.Dx()
	return func(y int, rgb [3][]byte) {
		src := m.Pix[m.PixOffset(x0, y):][:4*w]
		r, g, b := rgb[0][:w], rgb[1][:w], rgb[2][:w]
		for x := range r {
			s := src[4*x : 4*x+3 : 4*x+3]
			r[x], g[x], b[x] = s[0], s[1], s[2]
		}
	}
}

// rgbaRows un-premultiplies as color.NRGBAModel does.
func rgbaRows(m *image.RGBA) func(y int, rgb [3][]byte) {
	x0, w := m.Rect.Min.X, m.Rect.Dx()
	return func(y int, rgb [3][]byte) {
		src := m.Pix[m.PixOffset(x0, y):][:4*w]
		r, g, b := rgb[0][:w], rgb[1][:w], rgb[2][:w]
		for x := range r {
			s := src[4*x : 4*x+4 : 4*x+4]
			switch a := uint32(s[3]); a {
			case 0xff:
				r[x], g[x], b[x] = s[0], s[1], s[2]
			case 0:
				r[x], g[x], b[x] = 0, 0, 0
			default:
				r[x] = uint8(uint32(s[0]) * 0xffff / a >> 8)
				g[x] = uint8(uint32(s[1]) * 0xffff / a >> 8)
				b[x] = uint8(uint32(s[2]) * 0xffff / a >> 8)
			}
		}
	}
}

func grayRows(m *image.Gray) func(y int, rgb [3][]byte) {
	x0, w := m.Rect.Min.X, m.Rect.Dx()
	return func(y int, rgb [3][]byte) {
		src := m.Pix[m.PixOffset(x0, y):][:w]
		copy(rgb[0], src)
		copy(rgb[1], src)
		copy(rgb[2], src)
	}
}

// palettedRows looks colours up in a table made once; an index past the
// palette (which image.Paletted.At would panic on) reads as black.
func palettedRows(m *image.Paletted) func(y int, rgb [3][]byte) {
	x0, w := m.Rect.Min.X, m.Rect.Dx()
	var lut [3][256]uint8
	for i, c := range m.Palette {
		if i < 256 {
			v := rgbOf(c)
			lut[0][i], lut[1][i], lut[2][i] = v[0], v[1], v[2]
		}
	}
	return func(y int, rgb [3][]byte) {
		src := m.Pix[m.PixOffset(x0, y):][:w]
		r, g, b := rgb[0][:w], rgb[1][:w], rgb[2][:w]
		for x, v := range src {
			r[x], g[x], b[x] = lut[0][v], lut[1][v], lut[2][v]
		}
	}
}

func cmykRows(m *image.CMYK) func(y int, rgb [3][]byte) {
	x0, w := m.Rect.Min.X, m.Rect.Dx()
	return func(y int, rgb [3][]byte) {
		src := m.Pix[m.PixOffset(x0, y):][:4*w]
		r, g, b := rgb[0][:w], rgb[1][:w], rgb[2][:w]
		for x := range r {
			s := src[4*x : 4*x+4 : 4*x+4]
			r[x], g[x], b[x] = color.CMYKToRGB(s[0], s[1], s[2], s[3])
		}
	}
}

// genericRows reads any image through At, one interface call a pixel.
func genericRows(img image.Image) func(y int, rgb [3][]byte) {
	bd := img.Bounds()
	return func(y int, rgb [3][]byte) {
		r, g, b := rgb[0][:bd.Dx()], rgb[1][:bd.Dx()], rgb[2][:bd.Dx()]
		for x := range r {
			c := rgbOf(img.At(bd.Min.X+x, y))
			r[x], g[x], b[x] = c[0], c[1], c[2]
		}
	}
}

// rgbOf returns the non-premultiplied 8-bit RGB of c, ignoring alpha.
func rgbOf(c color.Color) [3]uint8 {
	switch c := c.(type) {
	case color.NRGBA:
		return [3]uint8{c.R, c.G, c.B}
	case color.NRGBA64:
		return [3]uint8{uint8(c.R >> 8), uint8(c.G >> 8), uint8(c.B >> 8)}
	case color.NYCbCrA:
		r, g, b := color.YCbCrToRGB(c.Y, c.Cb, c.Cr)
		return [3]uint8{r, g, b}
	}
	r, g, b, a := c.RGBA()
	switch a {
	case 0xffff:
	case 0:
		return [3]uint8{}
	default:
		r, g, b = r*0xffff/a, g*0xffff/a, b*0xffff/a
	}
	return [3]uint8{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8)}
}

// ycbcrRows converts rows of a YCbCr image, reading the subsampled
// chroma planes directly. The arithmetic is color.YCbCrToRGB's JFIF
// conversion with 16-bit fixed-point constants, written out so that it
// inlines.
func ycbcrRows(m *image.YCbCr) func(y int, rgb [3][]byte) {
	bd := m.Bounds()
	w := bd.Dx()
	sx, sy := 1, 1
	switch m.SubsampleRatio {
	case image.YCbCrSubsampleRatio422:
		sx = 2
	case image.YCbCrSubsampleRatio420:
		sx, sy = 2, 2
	case image.YCbCrSubsampleRatio440:
		sy = 2
	case image.YCbCrSubsampleRatio411:
		sx = 4
	case image.YCbCrSubsampleRatio410:
		sx, sy = 4, 2
	}
	cx := make([]int, w) // chroma column of each pixel, as image.YCbCr.COffset has it
	for x := range cx {
		cx[x] = (bd.Min.X+x)/sx - bd.Min.X/sx
	}
	return func(y int, rgb [3][]byte) {
		r, g, b := rgb[0][:w], rgb[1][:w], rgb[2][:w]
		yrow := m.Y[m.YOffset(bd.Min.X, y):][:w]
		crow := (y/sy - bd.Min.Y/sy) * m.CStride
		for x, yv := range yrow {
			ci := crow + cx[x]
			yy := int32(yv) * 0x10101
			cb, cr := int32(m.Cb[ci])-128, int32(m.Cr[ci])-128
			r[x] = clampFix16(yy + 91881*cr)
			g[x] = clampFix16(yy - 22554*cb - 46802*cr)
			b[x] = clampFix16(yy + 116130*cb)
		}
	}
}

// clampFix16 returns v >> 16 clamped to 0…255.
func clampFix16(v int32) uint8 {
	if uint32(v)&0xff000000 == 0 {
		return uint8(v >> 16)
	}
	return uint8(^(v >> 31))
}
