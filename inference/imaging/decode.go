package imaging

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"image"
	"image/gif"
	"image/jpeg"
	"image/png"
	"io"
	"math"
	"os"
	"strconv"

	"golang.org/x/image/tiff"
	"golang.org/x/image/webp"

	"github.com/describer/describer/internal/usererr"
)

// MaxPixels is the largest image, in pixels (width × height), that
// DecodeImage accepts. Larger images are refused from their header, before
// any pixel memory is allocated.
const MaxPixels = 100_000_000

// Errors that DecodeImage and LoadImage return, for callers to branch on with
// errors.Is. The errors returned carry a sentence of their own (the size of
// a too-large image, for example) and wrap one of these.
var (
	// ErrImageTooLarge means the image has more than MaxPixels pixels.
	ErrImageTooLarge = errors.New("the image is too large")
	// ErrUnsupportedImage means the data is not in a format Describer reads,
	// or uses a feature of the format that the decoder lacks.
	ErrUnsupportedImage = errors.New("not an image Describer can read (PNG, JPEG, GIF, BMP, TIFF or WebP)")
	// ErrDamagedImage means the data starts like a supported image but is
	// truncated or corrupt.
	ErrDamagedImage = errors.New("the image file is damaged or incomplete")
	// ErrEmptyImage means there were no bytes at all, or the image has no
	// pixels (a zero width or height).
	ErrEmptyImage = errors.New("the image file is empty")
)

// imageDecoders are the formats Describer reads through image.DecodeConfig,
// by the name it reports, so that a format some other package registers is
// still refused. BMP is read by this package's own bitmap decoder (dib.go),
// which also reads the clipboard's headerless bitmaps (DecodeDIB).
var imageDecoders = map[string]func(io.Reader) (image.Image, error){
	"png":  png.Decode,
	"jpeg": jpeg.Decode,
	"gif":  gif.Decode,
	"tiff": tiff.Decode,
	"webp": webp.Decode,
}

// DecodeImage decodes a PNG, JPEG, GIF (its first frame), BMP, TIFF or WebP
// image from r and returns it with its format name ("png", "jpeg", "gif",
// "bmp", "tiff" or "webp"). It reads the header first and refuses images with
// no pixels or more than MaxPixels before decoding them; the header bytes are
// kept and fed to the full decode, so r is read once. Errors wrap
// ErrEmptyImage, ErrUnsupportedImage, ErrImageTooLarge or ErrDamagedImage;
// a decoder panic is reported as ErrDamagedImage.
func DecodeImage(r io.Reader) (image.Image, string, error) {
	br := bufio.NewReader(r)
	if _, err := br.Peek(1); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, "", usererr.New(ErrEmptyImage.Error(), ErrEmptyImage)
		}
		return nil, "", fmt.Errorf("read image: %w", err)
	}
	if sig, _ := br.Peek(2); string(sig) == "BM" {
		if err := checkBMPHeader(br); err != nil {
			return nil, "", err
		}
		data, err := io.ReadAll(io.LimitReader(br, maxBitmapBytes))
		if err != nil {
			return nil, "", fmt.Errorf("read image: %w", err)
		}
		img, err := decodeBitmap(data, 14, decodeBMP)
		if err != nil {
			return nil, "", err
		}
		return img, "bmp", nil
	}
	var head bytes.Buffer
	cfg, format, err := decodeConfig(io.TeeReader(br, &head))
	if err != nil {
		return nil, "", err
	}
	if err := checkSize(cfg.Width, cfg.Height); err != nil {
		return nil, "", err
	}
	img, err := decodeFull(imageDecoders[format], io.MultiReader(&head, br))
	if err != nil {
		return nil, "", err
	}
	if b := img.Bounds(); b.Dx() != cfg.Width || b.Dy() != cfg.Height {
		if err := checkSize(b.Dx(), b.Dy()); err != nil {
			return nil, "", err
		}
	}
	return img, format, nil
}

// LoadImage opens the file at path and decodes it with DecodeImage. Errors
// name the path and wrap the same sentinels.
func LoadImage(path string) (image.Image, string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, "", fmt.Errorf("load image: %w", err)
	}
	img, format, err := DecodeImage(f)
	if cerr := f.Close(); err == nil && cerr != nil {
		return nil, "", fmt.Errorf("load image %q: %w", path, cerr)
	}
	if err != nil {
		return nil, "", fmt.Errorf("load image %q: %w", path, err)
	}
	return img, format, nil
}

// DecodeDIB decodes a device-independent bitmap as Windows puts it on the
// clipboard (CF_DIB, CF_DIBV5): a BMP file without its 14-byte file header.
// It refuses and reports errors as DecodeImage does.
func DecodeDIB(b []byte) (image.Image, error) {
	if len(b) == 0 {
		return nil, usererr.New(ErrEmptyImage.Error(), ErrEmptyImage)
	}
	return decodeBitmap(b, 0, decodeDIB)
}

// decodeBitmap checks the size in the bitmap header at b[at:] and decodes
// b with decode, turning its errors and panics into the sentinels.
func decodeBitmap(b []byte, at int, decode func([]byte) (image.Image, error)) (img image.Image, err error) {
	defer recoverDamaged(&err)
	if len(b) >= at+12 {
		w, h := int64(int32(binary.LittleEndian.Uint32(b[at+4:]))), int64(int32(binary.LittleEndian.Uint32(b[at+8:])))
		if h < 0 {
			h = -h // a top-down bitmap
		}
		if err := checkSize64(w, h); err != nil {
			return nil, err
		}
	}
	img, err = decode(b)
	if err != nil {
		return nil, classify(err)
	}
	return img, nil
}

// decodeConfig identifies the format and reads the header.
func decodeConfig(r io.Reader) (cfg image.Config, format string, err error) {
	defer recoverDamaged(&err)
	cfg, format, err = image.DecodeConfig(r)
	if errors.Is(err, image.ErrFormat) {
		return cfg, "", usererr.New(ErrUnsupportedImage.Error(), ErrUnsupportedImage)
	}
	if err != nil {
		return cfg, "", classify(err)
	}
	if _, ok := imageDecoders[format]; !ok {
		return cfg, "", usererr.New(ErrUnsupportedImage.Error(), ErrUnsupportedImage)
	}
	return cfg, format, nil
}

// decodeFull decodes the pixels, turning a decoder panic into an error.
func decodeFull(decode func(io.Reader) (image.Image, error), r io.Reader) (img image.Image, err error) {
	defer recoverDamaged(&err)
	img, err = decode(r)
	if err != nil {
		return nil, classify(err)
	}
	if img == nil {
		return nil, usererr.New(ErrDamagedImage.Error(), ErrDamagedImage)
	}
	return img, nil
}

// recoverDamaged turns a panic in a decoder into ErrDamagedImage.
func recoverDamaged(err *error) {
	if p := recover(); p != nil {
		*err = usererr.New(ErrDamagedImage.Error(), ErrDamagedImage, fmt.Errorf("decoder panic: %v", p))
	}
}

// classify maps a decoder error to one of the sentinels. Decoders report
// features they lack with an UnsupportedError type; everything else (short
// data, bad checksums, format errors) means the file is damaged.
func classify(err error) error {
	var (
		pngU  png.UnsupportedError
		jpegU jpeg.UnsupportedError
		tiffU tiff.UnsupportedError
		bmpU  unsupportedDIB
		ue    *usererr.Error
	)
	var format, feature string
	switch {
	case errors.As(err, &ue):
		return ue // an embedded image's own sentence
	case errors.As(err, &bmpU):
		format, feature = "BMP", string(bmpU)
	case errors.As(err, &pngU):
		format, feature = "PNG", string(pngU)
	case errors.As(err, &jpegU):
		format, feature = "JPEG", string(jpegU)
	case errors.As(err, &tiffU):
		format, feature = "TIFF", string(tiffU)
	}
	if format != "" {
		return usererr.Newf(ErrUnsupportedImage, err, "the %s image uses a feature Describer cannot read (%s)", format, feature)
	}
	return usererr.New(ErrDamagedImage.Error(), ErrDamagedImage, err)
}

// checkSize refuses images with no pixels or more than MaxPixels.
func checkSize(w, h int) error { return checkSize64(int64(w), int64(h)) }

// checkSize64 is checkSize for sizes read from a header, which may
// overflow an int on 32-bit platforms.
func checkSize64(w, h int64) error {
	if w <= 0 || h <= 0 {
		return usererr.Newf(ErrEmptyImage, nil, "the image is %d×%d pixels, so there is nothing to describe", w, h)
	}
	if n := w * h; n > MaxPixels {
		return usererr.Newf(ErrImageTooLarge, nil, "image is %d×%d pixels (%s megapixels); the limit is %s megapixels",
			w, h, megapixels(n), megapixels(MaxPixels))
	}
	return nil
}

// megapixels formats n pixels in millions, rounded up to one decimal so that
// an image just over the limit never reads as equal to it.
func megapixels(n int64) string {
	mp := math.Ceil(float64(n)/100_000) / 10
	return strconv.FormatFloat(mp, 'f', -1, 64)
}

// maxBitmapBytes bounds what is read of a BMP file: the largest image
// allowed at 32 bits a pixel, with room for headers and a palette. A longer
// file is cut there and reads as damaged.
const maxBitmapBytes = 4*MaxPixels + 1<<20

// checkBMPHeader refuses a BMP whose header (a BITMAPINFOHEADER or later)
// gives no pixels or more than MaxPixels, before the file is read.
func checkBMPHeader(br *bufio.Reader) error {
	head, _ := br.Peek(26)
	if len(head) < 26 || binary.LittleEndian.Uint32(head[14:]) < 40 {
		return nil // too short, or an old header: decodeBitmap's checks apply
	}
	w, h := int64(int32(binary.LittleEndian.Uint32(head[18:]))), int64(int32(binary.LittleEndian.Uint32(head[22:])))
	if h < 0 {
		h = -h // a top-down bitmap
	}
	return checkSize64(w, h)
}
