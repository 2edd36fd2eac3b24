package capture

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"testing"
)

// encodePNG returns img as PNG bytes.
func encodePNG(tb testing.TB, img image.Image) []byte {
	tb.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// writePNG writes img to path as PNG and returns path.
func writePNG(tb testing.TB, path string, img image.Image) string {
	tb.Helper()
	writeFile(tb, path, encodePNG(tb, img))
	return path
}

func writeFile(tb testing.TB, path string, data []byte) {
	tb.Helper()
	if err := os.WriteFile(path, data, 0o644); err != nil {
		tb.Fatal(err)
	}
}
