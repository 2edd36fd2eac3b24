package imaging

import (
	"image"
	"image/color"
)

// unpremultiply returns the colour of one premultiplied RGBA pixel without
// its alpha, with color.NRGBAModel's arithmetic.
func unpremultiply(px []byte) []byte {
	switch a := uint32(px[3]) * 0x101; a {
	case 0xffff:
		return px[:3]
	case 0:
		return []byte{0, 0, 0}
	default:
		var out [3]byte
		for i := range out {
			out[i] = uint8((uint32(px[i]) * 0x101 * 0xffff / a) >> 8)
		}
		return out[:]
	}
}

// PackedRGB returns img's pixels as packed RGB bytes, row by row, as
// transformers.js' RawImage.rgb() makes them: grey replicated, alpha
// dropped without compositing (a transparent pixel keeps its colour).
func PackedRGB(img image.Image) (rgb []byte, w, h int) {
	b := img.Bounds()
	w, h = b.Dx(), b.Dy()
	rgb = make([]byte, 0, 3*w*h)
	switch m := img.(type) {
	case *image.NRGBA:
		for y := range h {
			row := m.Pix[y*m.Stride : y*m.Stride+4*w]
			for x := range w {
				rgb = append(rgb, row[4*x], row[4*x+1], row[4*x+2])
			}
		}
		return rgb, w, h
	case *image.RGBA: // screenshots: premultiplied, undone as color.NRGBAModel does
		rgb = rgb[:3*w*h]
		for y := range h {
			row, out := m.Pix[y*m.Stride:y*m.Stride+4*w], rgb[3*w*y:3*w*(y+1)]
			for x := range w {
				if px := row[4*x : 4*x+4]; px[3] == 0xff {
					out[3*x], out[3*x+1], out[3*x+2] = px[0], px[1], px[2]
				} else {
					copy(out[3*x:3*x+3], unpremultiply(px))
				}
			}
		}
		return rgb, w, h
	}
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			c := color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA)
			rgb = append(rgb, c.R, c.G, c.B)
		}
	}
	return rgb, w, h
}
