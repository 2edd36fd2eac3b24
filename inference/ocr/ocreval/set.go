package ocreval

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Image is one image of a set and its ground truth.
type Image struct {
	// Name is the file name of the image, NAME.png.
	Name string
	// Path is where the image is.
	Path string
	// Truth is the content of NAME.txt beside it: blocks in reading order
	// split by one empty line, a visual row a line; empty for no text.
	Truth string
}

// ReadSet returns the images of dir (every NAME.png, in name order) with
// their truths; an image without NAME.txt is an error.
func ReadSet(dir string) ([]Image, error) {
	pngs, err := filepath.Glob(filepath.Join(dir, "*.png"))
	if err != nil {
		return nil, fmt.Errorf("ocreval: read set %q: %w", dir, err)
	}
	if len(pngs) == 0 {
		return nil, fmt.Errorf("ocreval: read set %q: no PNG images", dir)
	}
	out := make([]Image, 0, len(pngs))
	for _, p := range pngs {
		b, err := os.ReadFile(strings.TrimSuffix(p, ".png") + ".txt")
		if err != nil {
			return nil, fmt.Errorf("ocreval: truth of %s: %w", filepath.Base(p), err)
		}
		out = append(out, Image{Name: filepath.Base(p), Path: p, Truth: string(b)})
	}
	return out, nil
}
