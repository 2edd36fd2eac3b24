package app

import (
	"context"
	"errors"
	"image"
	"io"
	"io/fs"
	"os"

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
