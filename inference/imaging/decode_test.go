package imaging

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

func TestDecodeImageFormats(t *testing.T) {
	red, green, blue, white := [3]uint8{220, 30, 30}, [3]uint8{30, 200, 60}, [3]uint8{40, 60, 210}, [3]uint8{240, 240, 240}
	colour := [4][3]uint8{red, green, blue, white}
	gray := [4][3]uint8{{70, 70, 70}, {154, 154, 154}, {67, 67, 67}, {240, 240, 240}}
	for _, tc := range []struct {
		file, format string
		want         [4][3]uint8 // top-left, top-right, bottom-left, bottom-right quadrants
		tolerance    int
	}{
		{"format_source.png", "png", colour, 0},
		{"format_source_rgba.png", "png", colour, 0}, // right half is half transparent: alpha dropped
		{"format_baseline.jpg", "jpeg", colour, 3},
		{"format_progressive.jpg", "jpeg", colour, 3},
		{"format_gray.jpg", "jpeg", gray, 3},
		{"format_cmyk.jpg", "jpeg", colour, 3},
		{"format_ycck.jpg", "jpeg", colour, 3},
		{"format_anim.gif", "gif", colour, 0}, // the second frame is upside down
		{"format_image.bmp", "bmp", colour, 0},
		{"format_alpha.bmp", "bmp", colour, 0},
		{"format_image.tiff", "tiff", colour, 0},
		{"format_lossless.webp", "webp", colour, 0},
		{"format_lossy.webp", "webp", colour, 25},
		{"format_alpha.webp", "webp", colour, 25},
	} {
		t.Run(tc.file, func(t *testing.T) {
			img, format, err := LoadImage(filepath.Join(imagesDir, tc.file))
			if err != nil {
				t.Fatal(err)
			}
			if format != tc.format {
				t.Errorf("format %q, want %q", format, tc.format)
			}
			if img.Bounds() != image.Rect(0, 0, 64, 48) {
				t.Fatalf("bounds %v", img.Bounds())
			}
			for i, p := range []image.Point{{10, 10}, {50, 10}, {10, 40}, {50, 40}} {
				got := rgbOf(img.At(p.X, p.Y))
				for c := range 3 {
					if absDiffInt(int(got[c]), int(tc.want[i][c])) > tc.tolerance {
						t.Errorf("%T at %v = %v, want %v ± %d", img, p, got, tc.want[i], tc.tolerance)
						break
					}
				}
			}
			if _, err := ResizeCHW(img, 224, 224, Bilinear, vitTable()); err != nil {
				t.Error(err)
			}
		})
	}
}

// pngHeader returns a PNG signature and a valid IHDR chunk, nothing more.
func pngHeader(w, h uint32, depth, colourType byte) []byte {
	ihdr := binary.BigEndian.AppendUint32(nil, w)
	ihdr = binary.BigEndian.AppendUint32(ihdr, h)
	ihdr = append(ihdr, depth, colourType, 0, 0, 0)
	out := []byte("\x89PNG\r\n\x1a\n")
	out = binary.BigEndian.AppendUint32(out, uint32(len(ihdr)))
	chunk := append([]byte("IHDR"), ihdr...)
	out = append(out, chunk...)
	return binary.BigEndian.AppendUint32(out, crc32.ChecksumIEEE(chunk))
}

func mustReadTestImage(tb testing.TB, name string) []byte {
	tb.Helper()
	data, err := os.ReadFile(filepath.Join(imagesDir, name))
	if err != nil {
		tb.Fatal(err)
	}
	return data
}

func TestDecodeImageErrors(t *testing.T) {
	png := mustReadTestImage(t, "input_small_100x50.png")
	jpg := mustReadTestImage(t, "format_baseline.jpg")
	badCRC := bytes.Clone(png)
	badCRC[30]++ // inside IHDR's CRC
	for _, tc := range []struct {
		name    string
		data    []byte
		kind    error
		message string
	}{
		{"zero bytes", nil, ErrEmptyImage, "the image file is empty"},
		{"truncated PNG", png[:len(png)/2], ErrDamagedImage, "the image file is damaged or incomplete"},
		{"PNG header only", pngHeader(100, 50, 8, 2), ErrDamagedImage, "the image file is damaged or incomplete"},
		{"PNG with a bad checksum", badCRC, ErrDamagedImage, "the image file is damaged or incomplete"},
		{"truncated JPEG", jpg[:len(jpg)*2/3], ErrDamagedImage, "the image file is damaged or incomplete"},
		{"JPEG header only", jpg[:20], ErrDamagedImage, "the image file is damaged or incomplete"},
		{"text", []byte("Hello, this is not an image.\n"), ErrUnsupportedImage,
			"not an image Describer can read (PNG, JPEG, GIF, BMP, TIFF or WebP)"},
		{"one byte", []byte{0x89}, ErrUnsupportedImage, "not an image Describer can read (PNG, JPEG, GIF, BMP, TIFF or WebP)"},
		{"30000×30000 PNG header", pngHeader(30000, 30000, 8, 2), ErrImageTooLarge,
			"image is 30000×30000 pixels (900 megapixels); the limit is 100 megapixels"},
		{"just over the limit", pngHeader(10001, 10000, 8, 6), ErrImageTooLarge,
			"image is 10001×10000 pixels (100.1 megapixels); the limit is 100 megapixels"},
		{"GIF of 0×10", append([]byte("GIF89a\x00\x00\x0a\x00\x00\x00\x00"), 0x3b), ErrEmptyImage,
			"the image is 0×10 pixels, so there is nothing to describe"},
		{"PNG feature Go lacks", pngHeader(10, 10, 16, 3), ErrUnsupportedImage,
			"the PNG image uses a feature Describer cannot read (bit depth 16, color type 3)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			img, format, err := DecodeImage(bytes.NewReader(tc.data))
			if !errors.Is(err, tc.kind) {
				t.Fatalf("error %v, want %v", err, tc.kind)
			}
			if err.Error() != tc.message {
				t.Errorf("message %q, want %q", err.Error(), tc.message)
			}
			if img != nil || format != "" {
				t.Errorf("got an image (%q) with the error", format)
			}
		})
	}
}

func TestDecodeImageRefusesHugeHeaderWithoutAllocating(t *testing.T) {
	header := pngHeader(30000, 30000, 8, 6)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	start := time.Now()
	for range 10 {
		if _, _, err := DecodeImage(bytes.NewReader(header)); !errors.Is(err, ErrImageTooLarge) {
			t.Fatal(err)
		}
	}
	elapsed := time.Since(start)
	runtime.ReadMemStats(&after)
	if perCall := (after.TotalAlloc - before.TotalAlloc) / 10; perCall > 64<<10 {
		t.Errorf("refusing a 30000×30000 header allocated %d bytes per call", perCall)
	}
	if elapsed > time.Second {
		t.Errorf("refusing took %v", elapsed)
	}
}

func TestCheckSize(t *testing.T) {
	for _, tc := range []struct {
		w, h int
		want error
	}{
		{10000, 10000, nil}, // exactly MaxPixels
		{1, MaxPixels, nil},
		{1, MaxPixels + 1, ErrImageTooLarge},
		{1 << 31, 1 << 31, ErrImageTooLarge},
		{0, 0, ErrEmptyImage},
		{5, 0, ErrEmptyImage},
		{-1, 5, ErrEmptyImage},
	} {
		if err := checkSize(tc.w, tc.h); !errors.Is(err, tc.want) || (tc.want == nil) != (err == nil) {
			t.Errorf("checkSize(%d, %d) = %v, want %v", tc.w, tc.h, err, tc.want)
		}
	}
}

func TestDecodeImageRecoversFromPanics(t *testing.T) {
	boom := func(io.Reader) (image.Image, error) { panic("index out of range") }
	img, err := decodeFull(boom, strings.NewReader("x"))
	if img != nil || !errors.Is(err, ErrDamagedImage) || err.Error() != ErrDamagedImage.Error() {
		t.Errorf("got %v, %v", img, err)
	}
	nothing := func(io.Reader) (image.Image, error) { return nil, nil }
	if _, err := decodeFull(nothing, strings.NewReader("x")); !errors.Is(err, ErrDamagedImage) {
		t.Errorf("nil image: %v", err)
	}
}

// oneByteReader returns one byte per Read, the worst case for header
// buffering.
type oneByteReader struct{ r io.Reader }

func (o oneByteReader) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	return o.r.Read(p[:1])
}

func TestDecodeImageReadsStreamOnce(t *testing.T) {
	for _, name := range []string{"input_photo_640x480.png", "format_progressive.jpg", "format_image.tiff", "format_lossy.webp"} {
		t.Run(name, func(t *testing.T) {
			data := mustReadTestImage(t, name)
			want, _, err := DecodeImage(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			got, _, err := DecodeImage(oneByteReader{bytes.NewReader(data)})
			if err != nil {
				t.Fatal(err)
			}
			if string(rgbBytes(got)) != string(rgbBytes(want)) {
				t.Error("decoding a one-byte-at-a-time stream gave different pixels")
			}
		})
	}
}

func TestLoadImage(t *testing.T) {
	dir := t.TempDir()
	text := filepath.Join(dir, "notes.png")
	if err := os.WriteFile(text, []byte("shopping list: milk, eggs"), 0o600); err != nil {
		t.Fatal(err)
	}
	empty := filepath.Join(dir, "empty.jpg")
	if err := os.WriteFile(empty, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		path string
		kind error
	}{
		{text, ErrUnsupportedImage},
		{empty, ErrEmptyImage},
		{filepath.Join(dir, "missing.png"), os.ErrNotExist},
	} {
		_, _, err := LoadImage(tc.path)
		if !errors.Is(err, tc.kind) {
			t.Errorf("%s: error %v, want %v", tc.path, err, tc.kind)
		}
		if err != nil && !strings.Contains(err.Error(), tc.path) {
			t.Errorf("error %q does not name the file", err)
		}
	}
	if _, _, err := LoadImage(text); err.Error() != `load image "`+text+`": not an image Describer can read (PNG, JPEG, GIF, BMP, TIFF or WebP)` {
		t.Errorf("message %q", err)
	}
	img, format, err := LoadImage(filepath.Join(imagesDir, "input_rgba_300x200.png"))
	if err != nil || format != "png" || img.Bounds().Dx() != 300 {
		t.Errorf("got %v, %q, %v", img.Bounds(), format, err)
	}
}

func FuzzDecodeAndPreprocess(f *testing.F) {
	files, err := filepath.Glob(filepath.Join(imagesDir, "*"))
	if err != nil {
		f.Fatal(err)
	}
	for _, name := range files {
		if ext := filepath.Ext(name); ext == ".py" || ext == ".json" {
			continue
		}
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		if len(data) <= 4<<10 { // small seeds keep executions and minimisation fast
			f.Add(data)
		}
	}
	f.Add(pngHeader(30000, 30000, 8, 2))
	f.Add([]byte("GIF89a\x00\x00\x0a\x00\x00\x00\x00;"))
	table := vitTable()
	f.Fuzz(func(t *testing.T, data []byte) {
		// Headers claiming a big but allowed image make the decoders
		// allocate it before finding the data missing, and resizing a big
		// image takes milliseconds: correct, but too slow for fuzzing.
		// Those above MaxPixels are refused from the header and stay in.
		if c, _, err := image.DecodeConfig(bytes.NewReader(data)); err == nil {
			if n := int64(c.Width) * int64(c.Height); n > 1<<16 && n <= MaxPixels {
				t.Skip("large image")
			}
		}
		img, _, err := DecodeImage(bytes.NewReader(data))
		if err != nil {
			if !errors.Is(err, ErrEmptyImage) && !errors.Is(err, ErrUnsupportedImage) &&
				!errors.Is(err, ErrDamagedImage) && !errors.Is(err, ErrImageTooLarge) {
				t.Fatalf("error %v wraps no sentinel", err)
			}
			return
		}
		IsBlank(img)
		pixels, err := ResizeCHW(img, 224, 224, Bilinear, table)
		if err != nil {
			return // a long thin strip, too thin to resize
		}
		if len(pixels) != 3*224*224 {
			t.Fatalf("%d values, want 3×224×224", len(pixels))
		}
		for i, v := range pixels {
			if math.IsNaN(float64(v)) || v < -1 || v > 1 {
				t.Fatalf("value %d is %v, outside [-1, 1]", i, v)
			}
		}
	})
}
