package imaging

import (
	"bytes"
	"encoding/binary"
	"errors"
	"image"
	"image/color"
	"image/draw"
	"io"
	"testing"
	"testing/iotest"

	"golang.org/x/image/bmp"

	"github.com/describer/describer/inference/imaging/imagingtest"
)

// dib builds a device-independent bitmap for tests.
type dib struct {
	headerSize int
	w, h       int32
	bpp        uint16
	comp       uint32
	masks      []uint32 // written inside a V2+ header, or after a 40-byte one
	palette    []uint32 // 0x00RRGGBB
	pix        []byte
	gap        int // bytes of padding before the pixels
}

func (d dib) bytes() []byte {
	hdr := make([]byte, d.headerSize)
	le := binary.LittleEndian
	le.PutUint32(hdr, uint32(d.headerSize))
	le.PutUint32(hdr[4:], uint32(d.w))
	le.PutUint32(hdr[8:], uint32(d.h))
	le.PutUint16(hdr[12:], 1)
	le.PutUint16(hdr[14:], d.bpp)
	le.PutUint32(hdr[16:], d.comp)
	le.PutUint32(hdr[32:], uint32(len(d.palette)))
	var out bytes.Buffer
	if d.headerSize > 40 {
		for i, m := range d.masks {
			if 40+4*i+4 <= d.headerSize {
				le.PutUint32(hdr[40+4*i:], m)
			}
		}
		out.Write(hdr)
	} else {
		out.Write(hdr)
		for _, m := range d.masks {
			binary.Write(&out, le, m)
		}
	}
	for _, c := range d.palette {
		binary.Write(&out, le, c)
	}
	out.Write(make([]byte, d.gap))
	out.Write(d.pix)
	return out.Bytes()
}

func TestDecodeBMPRoundTrip(t *testing.T) {
	gray := image.NewGray(image.Rect(0, 0, 7, 3))
	for i := range gray.Pix {
		gray.Pix[i] = byte(i * 11)
	}
	pal := image.NewPaletted(image.Rect(0, 0, 5, 4), color.Palette{color.Black, color.White,
		color.NRGBA{200, 10, 30, 255}})
	for i := range pal.Pix {
		pal.Pix[i] = byte(i % 3)
	}
	tests := []struct {
		name string
		img  image.Image
	}{
		{"24-bit odd width", imagingtest.RandomNRGBA(13, 5, true)},
		{"32-bit with alpha", imagingtest.RandomNRGBA(9, 4, false)},
		{"8-bit grey", gray},
		{"8-bit palette", pal},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := bmp.Encode(&buf, tt.img); err != nil {
				t.Fatal(err)
			}
			got, format, err := DecodeImage(bytes.NewReader(buf.Bytes()))
			if err != nil || format != "bmp" {
				t.Fatalf("decode: %v (format %q)", err, format)
			}
			imagingtest.AssertSame(t, got, tt.img)
		})
	}
}

func TestDecodeDIB(t *testing.T) {
	want2x2 := image.NewNRGBA(image.Rect(0, 0, 2, 2))
	copy(want2x2.Pix, []byte{
		255, 0, 0, 255, 0, 255, 0, 128,
		0, 0, 255, 0, 10, 20, 30, 255,
	})
	// Pixels as BGRA, top row first.
	topDownBGRA := []byte{0, 0, 255, 255, 0, 255, 0, 128, 255, 0, 0, 0, 30, 20, 10, 255}
	bottomUpBGRA := append(append([]byte{}, topDownBGRA[8:]...), topDownBGRA[:8]...)
	argb := []uint32{0x00ff0000, 0x0000ff00, 0x000000ff, 0xff000000}

	opaque := image.NewNRGBA(image.Rect(0, 0, 2, 2))
	draw.Draw(opaque, opaque.Rect, want2x2, image.Point{}, draw.Src)
	for i := 3; i < len(opaque.Pix); i += 4 {
		opaque.Pix[i] = 255
	}
	// 1-bit, 3 pixels wide: rows padded to 4 bytes, bottom row first.
	mono := image.NewNRGBA(image.Rect(0, 0, 3, 2))
	white, black := color.NRGBA{255, 255, 255, 255}, color.NRGBA{0, 0, 0, 255}
	mono.Set(0, 0, white)
	mono.Set(1, 0, black)
	mono.Set(2, 0, white)
	mono.Set(0, 1, black)
	mono.Set(1, 1, black)
	mono.Set(2, 1, white)
	// 16-bit 5-6-5: red, green / blue, white.
	rgb565 := image.NewNRGBA(image.Rect(0, 0, 2, 2))
	rgb565.Set(0, 0, color.NRGBA{255, 0, 0, 255})
	rgb565.Set(1, 0, color.NRGBA{0, 255, 0, 255})
	rgb565.Set(0, 1, color.NRGBA{0, 0, 255, 255})
	rgb565.Set(1, 1, color.NRGBA{255, 255, 255, 255})
	pix565 := []byte{0x1f, 0x00, 0xff, 0xff, 0x00, 0xf8, 0xe0, 0x07} // bottom row first
	// 4-bit with a 2-colour palette, 3 pixels wide.
	nib := image.NewNRGBA(image.Rect(0, 0, 3, 1))
	nib.Set(0, 0, color.NRGBA{1, 2, 3, 255})
	nib.Set(1, 0, color.NRGBA{4, 5, 6, 255})
	nib.Set(2, 0, color.NRGBA{1, 2, 3, 255})

	tests := []struct {
		name string
		d    dib
		want image.Image
	}{
		{"V5 bitfields top-down with alpha", dib{headerSize: 124, w: 2, h: -2, bpp: 32, comp: biBitfields, masks: argb, pix: topDownBGRA}, want2x2},
		{"V5 bitfields masks repeated after header", dib{headerSize: 124, w: 2, h: -2, bpp: 32, comp: biBitfields, masks: argb, pix: topDownBGRA, gap: 12}, want2x2},
		{"info header 32-bit RGB bottom-up", dib{headerSize: 40, w: 2, h: 2, bpp: 32, comp: biRGB, pix: bottomUpBGRA}, want2x2},
		{"info header 32-bit RGB without alpha", dib{headerSize: 40, w: 2, h: 2, bpp: 32, comp: biRGB, pix: zeroAlpha(bottomUpBGRA)}, opaque},
		{"info header bitfields 5-6-5", dib{headerSize: 40, w: 2, h: 2, bpp: 16, comp: biBitfields, masks: []uint32{0xf800, 0x07e0, 0x001f}, pix: pix565}, rgb565},
		{"1-bit palette", dib{headerSize: 40, w: 3, h: 2, bpp: 1, palette: []uint32{0x000000, 0xffffff}, pix: []byte{0b001_00000, 0, 0, 0, 0b101_00000, 0, 0, 0}}, mono},
		{"4-bit palette", dib{headerSize: 40, w: 3, h: 1, bpp: 4, palette: []uint32{0x010203, 0x040506}, pix: []byte{0x01, 0x00, 0, 0}}, nib},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := decodeDIB(tt.d.bytes())
			if err != nil {
				t.Fatalf("decodeDIB: %v", err)
			}
			imagingtest.AssertSame(t, got, tt.want)
		})
	}
}

func zeroAlpha(p []byte) []byte {
	q := append([]byte{}, p...)
	for i := 3; i < len(q); i += 4 {
		q[i] = 0
	}
	return q
}

func TestDecodeDIBErrors(t *testing.T) {
	ok := dib{headerSize: 40, w: 2, h: 2, bpp: 24, pix: make([]byte, 16)}
	if _, err := decodeDIB(ok.bytes()); err != nil {
		t.Fatalf("valid bitmap: %v", err)
	}
	mod := func(f func(*dib)) []byte {
		d := ok
		f(&d)
		return d.bytes()
	}
	tests := []struct {
		name string
		data []byte
	}{
		{"empty", nil},
		{"short header", ok.bytes()[:30]},
		{"truncated pixels", ok.bytes()[:50]},
		{"header size 12", append([]byte{12, 0, 0, 0}, ok.bytes()[4:]...)},
		{"zero width", mod(func(d *dib) { d.w = 0 })},
		{"negative width", mod(func(d *dib) { d.w = -2 })},
		{"huge", mod(func(d *dib) { d.w, d.h = 1<<20, 1<<20 })},
		{"2 bits per pixel", mod(func(d *dib) { d.bpp = 2 })},
		{"RLE8", mod(func(d *dib) { d.bpp, d.comp = 8, 1 })},
		{"bitfields at 24 bits", mod(func(d *dib) { d.comp = biBitfields })},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := decodeDIB(tt.data); !errors.Is(err, errDIB) {
				t.Errorf("decodeDIB error = %v, want a bitmap error", err)
			}
		})
	}
	if _, err := decodeBMP([]byte("BM\x00\x00")); !errors.Is(err, errDIB) {
		t.Errorf("short BMP file: err = %v", err)
	}
}

func FuzzDecodeDIB(f *testing.F) {
	f.Add(dib{headerSize: 40, w: 2, h: 2, bpp: 24, pix: make([]byte, 16)}.bytes())
	f.Add(dib{headerSize: 124, w: 2, h: -2, bpp: 32, comp: biBitfields, masks: []uint32{0xff0000, 0xff00, 0xff, 0xff000000}, pix: make([]byte, 16)}.bytes())
	f.Add(dib{headerSize: 40, w: 3, h: 2, bpp: 1, palette: []uint32{0, 0xffffff}, pix: make([]byte, 8)}.bytes())
	f.Add(dib{headerSize: 40, w: 2, h: 2, bpp: 16, comp: biBitfields, masks: []uint32{0xf800, 0x07e0, 0x1f}, pix: make([]byte, 8)}.bytes())
	f.Fuzz(func(t *testing.T, b []byte) {
		img, err := decodeDIB(b)
		if err != nil {
			return
		}
		if s := img.Bounds().Size(); s.X <= 0 || s.Y <= 0 || s.X*s.Y > MaxPixels {
			t.Fatalf("decoded a %v image", s)
		}
	})
}

// bmpFile is a BMP file header and a BITMAPINFOHEADER of w×h at 32 bits
// with compression, followed by payload as the pixels.
func bmpFile(w, h int32, compression uint32, payload []byte) []byte {
	b := make([]byte, 54, 54+len(payload))
	copy(b, "BM")
	binary.LittleEndian.PutUint32(b[2:], uint32(54+len(payload)))
	binary.LittleEndian.PutUint32(b[10:], 54)
	binary.LittleEndian.PutUint32(b[14:], 40)
	binary.LittleEndian.PutUint32(b[18:], uint32(w))
	binary.LittleEndian.PutUint32(b[22:], uint32(h))
	binary.LittleEndian.PutUint16(b[26:], 1)
	binary.LittleEndian.PutUint16(b[28:], 32)
	binary.LittleEndian.PutUint32(b[30:], compression)
	return append(b, payload...)
}

// TestBitmapsDoNotNest: a bitmap that says it holds a PNG but holds
// another bitmap is damaged: the embedded data is read as PNG alone, so
// bitmaps cannot nest (each level would hold another copy of the file).
func TestBitmapsDoNotNest(t *testing.T) {
	inner := bmpFile(1, 1, biRGB, make([]byte, 4))
	nested := bmpFile(1, 1, biPNG, bmpFile(1, 1, biPNG, inner))
	if _, _, err := DecodeImage(bytes.NewReader(nested)); !errors.Is(err, ErrDamagedImage) {
		t.Errorf("a bitmap nesting bitmaps: err = %v, want ErrDamagedImage", err)
	}
}

// TestHugeBitmapRefusedFromItsHeader: a BMP whose header gives more than
// MaxPixels is refused before its pixels are read.
func TestHugeBitmapRefusedFromItsHeader(t *testing.T) {
	head := bmpFile(20000, 20000, biRGB, nil)
	r := io.MultiReader(bytes.NewReader(head), iotest.ErrReader(errors.New("the pixels were read")))
	if _, _, err := DecodeImage(r); !errors.Is(err, ErrImageTooLarge) {
		t.Errorf("a 20000×20000 bitmap: err = %v, want ErrImageTooLarge", err)
	}
}
