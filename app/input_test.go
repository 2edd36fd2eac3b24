package app_test

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/png"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/describer/describer/app"
	"github.com/describer/describer/app/apptest"
	"github.com/describer/describer/inference/imaging"
)

func TestInputImage(t *testing.T) {
	dir := t.TempDir()
	var pngData bytes.Buffer
	if err := png.Encode(&pngData, image.NewGray(image.Rect(0, 0, 7, 5))); err != nil {
		t.Fatal(err)
	}
	good := filepath.Join(dir, "good.png")
	if err := os.WriteFile(good, pngData.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	desk := &apptest.Desktop{ClipboardImage: image.NewGray(image.Rect(0, 0, 3, 2))}
	for _, tc := range []struct {
		name   string
		in     app.Input
		width  int
		target error
		says   string
	}{
		{"file", app.Input{Name: good, From: app.SourceFile}, 7, nil, ""},
		{"standard input", app.Input{Name: "-", From: app.SourceFile}, 7, nil, ""},
		{"capture", app.Input{Name: "clipboard", From: app.SourceClipboard}, 3, nil, ""},
		{"missing", app.Input{Name: filepath.Join(dir, "none.png"), From: app.SourceFile}, 0, fs.ErrNotExist, "no such file"},
		{"folder", app.Input{Name: dir, From: app.SourceFile}, 0, imaging.ErrUnsupportedImage, "is a folder, not an image file"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			img, err := tc.in.Image(context.Background(), desk, bytes.NewReader(pngData.Bytes()))
			if tc.target != nil {
				if !errors.Is(err, tc.target) || err.Error() != tc.says {
					t.Fatalf("error %v; want %q matching %v", err, tc.says, tc.target)
				}
				return
			}
			if err != nil || img.Bounds().Dx() != tc.width {
				t.Fatalf("image %v, error %v; want width %d", img, err, tc.width)
			}
		})
	}
}
