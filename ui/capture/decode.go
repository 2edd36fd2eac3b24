package capture

import (
	"bytes"
	"fmt"
	"image"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/describer/describer/inference/imaging"
)

// maxImageBytes bounds the encoded images this package reads from the clipboard or a file.
const maxImageBytes = 256 << 20

// maxGrabPixels bounds the screen area one capture reads (16384 × 16384).
const maxGrabPixels = 1 << 28

// imageTypes lists the clipboard formats the package decodes, most preferred first.
var imageTypes = []string{
	"image/png", "image/bmp", "image/x-bmp", "image/x-MS-bmp", "image/x-win-bitmap",
	"image/jpeg", "image/gif", "image/tiff", "image/webp",
}

// fileListTypes lists the clipboard formats that name copied files.
var fileListTypes = []string{"text/uri-list", "x-special/gnome-copied-files"}

// decodeImage decodes an encoded image of any format imaging.DecodeImage reads, BMP
// included, refusing images of more than imaging.MaxPixels pixels.
func decodeImage(data []byte) (image.Image, error) {
	img, _, err := imaging.DecodeImage(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("decode image: %w", err)
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
