package smolvlm

import (
	"path/filepath"
	"testing"
)

// BenchmarkPreprocess times a 1920×1080 screenshot's pixel values, one
// tile and thirteen.
func BenchmarkPreprocess(b *testing.B) {
	p, err := LoadPreprocessor(filepath.Join(tiny, "preprocessor_config.json"))
	if err != nil {
		b.Fatal(err)
	}
	img := loadPNG(b, "screen_1920x1080.png")
	for _, split := range []bool{false, true} {
		name := map[bool]string{false: "one-tile", true: "tiles"}[split]
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				p.Tensor(img, split)
			}
		})
	}
}
