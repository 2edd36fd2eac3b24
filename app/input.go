package app

import (
	"context"
	"errors"
	"fmt"
	"image"
	"io"
	"io/fs"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/describer/describer/inference/imaging"
	"github.com/describer/describer/internal/usererr"
)

// Input is one image to describe: a file (Name is its path, "-" for
// standard input) or a capture from the desktop (Name is its Capture's
// flag, such as "screen").
type Input struct {
	Name string
	// From is SourceFile for a file.
	From Source
}

// Capture is a capture the command line can ask for.
type Capture struct {
	// Flag is the command-line flag and the input's name: "screen".
	Flag string
	// Help says what it describes.
	Help   string
	Source Source
}

// Captures are the captures, in the order the command line lists them.
var Captures = []Capture{
	{"screen", "describe the screen under the mouse pointer", SourceScreen},
	{"all-screens", "describe every screen at once", SourceAllScreens},
	{"window", "describe the active window", SourceWindow},
	{"clipboard", "describe the image on the clipboard", SourceClipboard},
}

// MaxStdinImage bounds what an input reads from standard input (1 GiB).
const MaxStdinImage = 1 << 30

// Image reads and decodes the file, stdin for "-", or captures the
// image from d. A file that is missing, unreadable or a folder gives a
// few words (the caller names the file) that match fs.ErrNotExist,
// fs.ErrPermission or imaging.ErrUnsupportedImage.
func (in Input) Image(ctx context.Context, d Desktop, stdin io.Reader) (image.Image, error) {
	if in.From != SourceFile {
		return in.From.Capture(ctx, d)
	}
	if in.Name == "-" {
		img, _, err := imaging.DecodeImage(io.LimitReader(stdin, MaxStdinImage))
		return img, err
	}
	f, err := os.Open(in.Name)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, usererr.New("no such file", err)
	case errors.Is(err, fs.ErrPermission):
		return nil, usererr.New("permission denied", err)
	case err != nil:
		return nil, err
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.IsDir() {
		return nil, usererr.New("is a folder, not an image file", imaging.ErrUnsupportedImage)
	}
	img, _, err := imaging.DecodeImage(f)
	return img, err
}

// ParsePoint reads a point written "X,Y" in whole pixels, such as
// "640,400": describe --at's argument.
func ParsePoint(s string) (image.Point, error) {
	xs, ys, ok := strings.Cut(s, ",")
	x, errX := strconv.Atoi(strings.TrimSpace(xs))
	y, errY := strconv.Atoi(strings.TrimSpace(ys))
	if !ok || errX != nil || errY != nil || x < 0 || y < 0 {
		return image.Point{}, fmt.Errorf("%q is not a point; write X,Y in pixels from the image's top left, such as 640,400", s)
	}
	return image.Pt(x, y), nil
}

// DescribeInput reads or captures in and describes it with s, as the
// describe command does: the Result's timings hold the time to get the
// image and the whole time; at, when set, keeps only the text block there.
func (s *Service) DescribeInput(ctx context.Context, in Input, d Desktop, stdin io.Reader, at *image.Point) (Result, Description, error) {
	start := time.Now()
	img, err := in.Image(ctx, d, stdin)
	if err != nil {
		return Result{}, Description{}, err
	}
	read := time.Since(start)
	desc, err := s.Describe(ctx, in.Name, img)
	if err != nil {
		return Result{}, desc, err
	}
	desc.Screen = in.From.OnScreen()
	if at != nil {
		desc = desc.At(*at)
	}
	return NewResult(desc, read, time.Since(start)), desc, nil
}
