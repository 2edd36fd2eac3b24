package imaging

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"math/bits"
)

// Compression values of a BITMAPINFOHEADER.
const (
	biRGB            = 0
	biBitfields      = 3
	biJPEG           = 4
	biPNG            = 5
	biAlphaBitfields = 6
)

// errDIB is wrapped by every error of the bitmap decoder.
var errDIB = errors.New("bitmap")

// unsupportedDIB names a bitmap feature the decoder lacks, as against
// damage; it wraps errDIB.
type unsupportedDIB string

func (u unsupportedDIB) Error() string { return "bitmap: " + string(u) + " is not supported" }
func (u unsupportedDIB) Unwrap() error { return errDIB }

// decodeBMP decodes a BMP file: a 14-byte file header, then a DIB whose pixels start at the
// offset the file header gives.
func decodeBMP(b []byte) (image.Image, error) {
	if len(b) < 14 || b[0] != 'B' || b[1] != 'M' {
		return nil, fmt.Errorf("%w: no BMP file header", errDIB)
	}
	off := int64(binary.LittleEndian.Uint32(b[10:]))
	if off < 14 || off > int64(len(b)) {
		return nil, fmt.Errorf("%w: pixel offset %d outside the %d-byte file", errDIB, off, len(b))
	}
	return decodeDIBAt(b[14:], int(off-14))
}

// decodeDIB decodes a device-independent bitmap as Windows puts it on the clipboard
// (CF_DIB, CF_DIBV5): a BITMAPINFOHEADER or a V2–V5 header, colour masks, palette, pixels.
func decodeDIB(b []byte) (image.Image, error) { return decodeDIBAt(b, -1) }

// dibHeader holds the fields of a bitmap header this package uses.
type dibHeader struct {
	size          int
	width, height int
	topDown       bool
	bpp           int
	compression   uint32
	colorsUsed    int64
	masks         [4]uint32 // red, green, blue, alpha
}

// decodeDIBAt decodes a DIB whose pixels start at pixOff, or right after the header,
// masks and palette when pixOff is negative.
func decodeDIBAt(b []byte, pixOff int) (image.Image, error) {
	h, off, err := readDIBHeader(b)
	if err != nil {
		return nil, err
	}
	if h.compression == biJPEG || h.compression == biPNG {
		if pixOff >= 0 {
			off = pixOff
		}
		img, err := decodeEmbedded(b[off:], h.compression)
		if err != nil {
			return nil, fmt.Errorf("%w: embedded image: %w", errDIB, err)
		}
		return img, nil
	}
	var palette []color.NRGBA
	if h.bpp <= 8 {
		if palette, off, err = readPalette(b, off, h); err != nil {
			return nil, err
		}
	} else if h.colorsUsed > 0 && h.colorsUsed <= 256 {
		off += 4 * int(h.colorsUsed) // an optional palette that true-colour pixels ignore
	}
	stride := (int64(h.width)*int64(h.bpp) + 31) / 32 * 4
	need := stride * int64(h.height)
	switch {
	case pixOff >= 0:
		off = pixOff
	case h.size > 40 && h.compression != biRGB && int64(len(b)-off) == need+12:
		// Some programs write the three colour masks after a V4/V5 header as well.
		off += 12
	}
	if off > len(b) || int64(len(b)-off) < need {
		return nil, fmt.Errorf("%w: %d bytes of pixels, want %d", errDIB, max(len(b)-off, 0), need)
	}
	return readPixels(b[off:], h, int(stride), palette), nil
}

// readDIBHeader reads and checks the header and colour masks; off is where the palette or
// pixels begin.
func readDIBHeader(b []byte) (h dibHeader, off int, err error) {
	if len(b) < 40 {
		return h, 0, fmt.Errorf("%w: %d bytes is too short for a header", errDIB, len(b))
	}
	le := binary.LittleEndian
	h.size = int(le.Uint32(b))
	switch h.size {
	case 40, 52, 56, 108, 124:
	default:
		return h, 0, unsupportedDIB(fmt.Sprintf("header size %d", h.size))
	}
	if len(b) < h.size {
		return h, 0, fmt.Errorf("%w: header of %d bytes is cut short", errDIB, h.size)
	}
	w, ht := int64(int32(le.Uint32(b[4:]))), int64(int32(le.Uint32(b[8:])))
	h.topDown = ht < 0
	if ht < 0 {
		ht = -ht
	}
	if w <= 0 || ht <= 0 || w*ht > MaxPixels {
		return h, 0, fmt.Errorf("%w: unsupported size %d×%d", errDIB, w, ht)
	}
	h.width, h.height = int(w), int(ht)
	h.bpp = int(le.Uint16(b[14:]))
	h.compression = le.Uint32(b[16:])
	h.colorsUsed = int64(le.Uint32(b[32:]))
	off = h.size
	switch h.compression {
	case biRGB:
		h.masks = defaultMasks(h.bpp)
	case biBitfields, biAlphaBitfields:
		if h.bpp != 16 && h.bpp != 32 {
			return h, 0, unsupportedDIB(fmt.Sprintf("colour masks with %d bits per pixel", h.bpp))
		}
		n := 3
		if h.compression == biAlphaBitfields || h.size >= 56 {
			n = 4
		}
		src := off // after a BITMAPINFOHEADER the masks follow it
		if h.size > 40 {
			src = 40 // V2 and later headers hold them
		} else {
			off += 4 * n
		}
		if len(b) < src+4*n {
			return h, 0, fmt.Errorf("%w: colour masks are cut short", errDIB)
		}
		for i := range n {
			h.masks[i] = le.Uint32(b[src+4*i:])
		}
	case biJPEG, biPNG:
		return h, off, nil
	default:
		return h, 0, unsupportedDIB(fmt.Sprintf("compression %d", h.compression))
	}
	switch h.bpp {
	case 1, 4, 8, 16, 24, 32:
	default:
		return h, 0, unsupportedDIB(fmt.Sprintf("%d bits per pixel", h.bpp))
	}
	return h, off, nil
}

// defaultMasks returns the colour masks that uncompressed 16- and 32-bit pixels use. The
// format leaves the fourth byte of a 32-bit pixel unused, but many programs put alpha
// there, so it is read as alpha; readPixels makes an image whose alpha is all zero opaque.
func defaultMasks(bpp int) [4]uint32 {
	if bpp == 16 {
		return [4]uint32{0x7c00, 0x03e0, 0x001f, 0}
	}
	return [4]uint32{0xff0000, 0x00ff00, 0x0000ff, 0xff000000}
}

// readPalette reads the colour table of a 1-, 4- or 8-bit bitmap.
func readPalette(b []byte, off int, h dibHeader) ([]color.NRGBA, int, error) {
	n := int64(1) << h.bpp
	if h.colorsUsed > 0 && h.colorsUsed < n {
		n = h.colorsUsed
	}
	if int64(len(b)-off) < 4*n {
		return nil, 0, fmt.Errorf("%w: palette is cut short", errDIB)
	}
	p := make([]color.NRGBA, 1<<h.bpp) // indices past the table read as black
	for i := range int(n) {
		q := b[off+4*i:]
		p[i] = color.NRGBA{R: q[2], G: q[1], B: q[0], A: 0xff}
	}
	for i := int(n); i < len(p); i++ {
		p[i].A = 0xff
	}
	return p, off + 4*int(n), nil
}

// readPixels converts the rows of pix, which has room for every row, to an NRGBA image.
func readPixels(pix []byte, h dibHeader, stride int, palette []color.NRGBA) image.Image {
	img := image.NewNRGBA(image.Rect(0, 0, h.width, h.height))
	ch := [4]Channel{NewChannel(h.masks[0]), NewChannel(h.masks[1]), NewChannel(h.masks[2]), NewChannel(h.masks[3])}
	sawAlpha := false
	for y := range h.height {
		row := pix[y*stride:]
		dy := h.height - 1 - y
		if h.topDown {
			dy = y
		}
		out := img.Pix[dy*img.Stride:]
		for x := range h.width {
			c := pixelAt(row, x, h.bpp, palette, &ch)
			sawAlpha = sawAlpha || c.A != 0
			o := out[4*x : 4*x+4 : 4*x+4]
			o[0], o[1], o[2], o[3] = c.R, c.G, c.B, c.A
		}
	}
	if !sawAlpha { // an alpha mask with every pixel transparent means the alpha is unused
		for i := 3; i < len(img.Pix); i += 4 {
			img.Pix[i] = 0xff
		}
	}
	return img
}

// pixelAt decodes pixel x of a row.
func pixelAt(row []byte, x, bpp int, palette []color.NRGBA, ch *[4]Channel) color.NRGBA {
	switch bpp {
	case 1, 4, 8:
		bit := x * bpp
		v := row[bit/8] >> (8 - bpp - bit%8) & byte(1<<bpp-1)
		return palette[v]
	case 24:
		return color.NRGBA{R: row[3*x+2], G: row[3*x+1], B: row[3*x], A: 0xff}
	}
	var v uint32
	if bpp == 16 {
		v = uint32(binary.LittleEndian.Uint16(row[2*x:]))
	} else {
		v = binary.LittleEndian.Uint32(row[4*x:])
	}
	return color.NRGBA{R: ch[0].Get(v, 0), G: ch[1].Get(v, 0), B: ch[2].Get(v, 0), A: ch[3].Get(v, 0xff)}
}

// Channel extracts one colour from a packed pixel by its bit mask and
// scales it to 8 bits: a bitmap's colour masks, an X11 visual's.
type Channel struct {
	mask, max uint32
	shift     int
}

// NewChannel returns the Channel of mask; a zero mask means the pixels
// have no such channel.
func NewChannel(mask uint32) Channel {
	if mask == 0 {
		return Channel{}
	}
	shift := bits.TrailingZeros32(mask)
	return Channel{mask: mask, max: mask >> shift, shift: shift}
}

// Get returns the channel's value in the pixel v, or def if the pixels have
// no such channel.
func (c Channel) Get(v uint32, def uint8) uint8 {
	if c.mask == 0 {
		return def
	}
	x := uint64((v & c.mask) >> c.shift)
	return uint8((x*255 + uint64(c.max)/2) / uint64(c.max))
}

// decodeEmbedded decodes the PNG or JPEG that a bitmap of that compression
// holds, by that decoder alone: never DecodeImage, so a bitmap cannot nest
// another bitmap (each level would hold a copy of the file). The size is
// checked from the embedded header first.
func decodeEmbedded(b []byte, compression uint32) (image.Image, error) {
	config, decode := png.DecodeConfig, png.Decode
	if compression == biJPEG {
		config, decode = jpeg.DecodeConfig, jpeg.Decode
	}
	cfg, err := config(bytes.NewReader(b))
	if err != nil {
		return nil, classify(err)
	}
	if err := checkSize(cfg.Width, cfg.Height); err != nil {
		return nil, err
	}
	return decodeFull(decode, bytes.NewReader(b))
}
