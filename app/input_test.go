package app_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/png"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/describer/describer/app"
	"github.com/describer/describer/app/apptest"
	"github.com/describer/describer/inference/imaging"
	"github.com/describer/describer/inference/ocr"
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

// linesReader reads n lines, each 10 px high, from any image.
type linesReader int

func (n linesReader) Read(context.Context, image.Image) (ocr.Result, error) {
	var r ocr.Result
	for i := range int(n) {
		y := float64(10 * i)
		r.Lines = append(r.Lines, ocr.Line{Text: fmt.Sprintf("line %d", i+1), Confidence: 0.9,
			Quad: ocr.Quad{{X: 0, Y: y}, {X: 40, Y: y}, {X: 40, Y: y + 8}, {X: 0, Y: y + 8}}})
	}
	return r, nil
}

// checker is a busy (not blank) test image.
func checker() image.Image {
	img := image.NewGray(image.Rect(0, 0, 64, 64))
	for i := range img.Pix {
		img.Pix[i] = uint8(255 * ((i/8 + i/(8*64)) % 2))
	}
	return img
}

// DescribeInput captures the input, describes it, marks a capture as on
// screen, keeps only the block under at, and times both parts.
func TestDescribeInput(t *testing.T) {
	s := &app.Service{Reader: &app.Model[app.TextReader]{Open: func() (app.TextReader, error) { return linesReader(3), nil }}}
	desk := &apptest.Desktop{ScreenImage: checker()}
	screen := app.Input{Name: "screen", From: app.SourceScreen}
	res, d, err := s.DescribeInput(context.Background(), screen, desk, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !d.Screen || len(d.Lines) != 3 || res.Text == nil || *res.Text != "line 1\nline 2\nline 3" || res.Timings.Total < res.Timings.Read {
		t.Errorf("screen: %+v, %+v", d, res)
	}
	for _, c := range []struct {
		at    image.Point
		lines int
	}{{image.Pt(20, 14), 3}, {image.Pt(60, 60), 0}} {
		if _, d, err = s.DescribeInput(context.Background(), screen, desk, nil, &c.at); err != nil || len(d.Lines) != c.lines || d.Lines == nil {
			t.Errorf("at %v: %d lines, %v; want %d", c.at, len(d.Lines), err, c.lines)
		}
	}
	if _, _, err := s.DescribeInput(context.Background(), app.Input{Name: "clipboard", From: app.SourceClipboard}, desk, nil, nil); err == nil {
		t.Error("an empty clipboard: no error")
	}
}
