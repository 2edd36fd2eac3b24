package capture

import (
	"bytes"
	"fmt"
	"image"
	_ "image/gif" // clipboard formats
	_ "image/jpeg"
	_ "image/png"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	_ "golang.org/x/image/tiff"
	_ "golang.org/x/image/webp"
)

// maxImageBytes bounds the encoded images this package reads from the clipboard or a file.
const maxImageBytes = 256 << 20

// imageTypes lists the clipboard formats the package decodes, most preferred first.
var imageTypes = []string{
	"image/png", "image/bmp", "image/x-bmp", "image/x-MS-bmp", "image/x-win-bitmap",
	"image/jpeg", "image/gif", "image/tiff", "image/webp",
}

// fileListTypes lists the clipboard formats that name copied files.
var fileListTypes = []string{"text/uri-list", "x-special/gnome-copied-files"}

// decodeImage decodes an encoded image of any supported format, BMP included, refusing
// images of more than maxPixels pixels.
func decodeImage(data []byte) (image.Image, error) {
	if len(data) >= 2 && data[0] == 'B' && data[1] == 'M' {
		return decodeBMP(data)
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("decode image: %w", err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || int64(cfg.Width)*int64(cfg.Height) > maxPixels {
		return nil, fmt.Errorf("decode %s: %d×%d pixels is beyond what can be described", format, cfg.Width, cfg.Height)
	}
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("decode %s: %w", format, err)
	}
	return img, nil
}

// filePaths returns the local paths in a text/uri-list or x-special/gnome-copied-files
// list: one URI a line, '#' comments, and for the latter a first line "copy" or "cut".
func filePaths(list []byte) []string {
	var paths []string
	for line := range strings.SplitSeq(string(list), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		u, err := url.Parse(line)
		if err != nil || u.Scheme != "file" || (u.Host != "" && u.Host != "localhost") || u.Path == "" {
			continue
		}
		paths = append(paths, filepath.FromSlash(u.Path))
	}
	return paths
}

// loadImageFile decodes the image file at path.
func loadImageFile(path string) (image.Image, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() || fi.Size() > maxImageBytes {
		return nil, fmt.Errorf("load %s: not a regular file of at most %d bytes", path, maxImageBytes)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	img, err := decodeImage(data)
	if err != nil {
		return nil, fmt.Errorf("load %s: %w", path, err)
	}
	return img, nil
}

// firstImageFile decodes the first file in a file list that is an image.
func firstImageFile(list []byte) (image.Image, error) {
	var errs []error
	for _, p := range filePaths(list) {
		img, err := loadImageFile(p)
		if err == nil {
			return img, nil
		}
		errs = append(errs, err)
	}
	return nil, noClipboardImage(errs...)
}
