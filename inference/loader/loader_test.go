package loader

import (
	"errors"
	"path/filepath"
	"testing"

	"github.com/describer/describer/inference"
	"github.com/describer/describer/inference/ort"
	"github.com/describer/describer/inference/ort/orttest"
)

// The loader opens ONNX Runtime on first need, once, loads whichever
// caption model a folder holds and the text reader, and says what is
// installed.
func TestLoaderLoadsModelsOnOneRuntime(t *testing.T) {
	l := &Loader{
		ORT:        ort.Options{LibraryPath: orttest.Library(t), Device: "cpu"},
		CaptionDir: filepath.Join("..", "florence2", "testdata", "tiny"),
		OCRDir:     orttest.OCRModels(t),
		Caption:    inference.CaptionOptions{NumBeams: 1},
		Level:      "paragraph",
	}
	if name, note := l.Device(); name != "" || note != "" {
		t.Errorf("before loading: device %q %q", name, note)
	}
	if !l.CaptionInstalled() || !l.ReaderInstalled() {
		t.Error("the fixture and the OCR models: not installed")
	}
	c, err := l.Captioner()
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	r, err := l.Reader()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if name, _ := l.Device(); name != "cpu" {
		t.Errorf("device %q after loading; want cpu", name)
	}
	empty := &Loader{CaptionDir: t.TempDir(), OCRDir: t.TempDir()}
	if empty.CaptionInstalled() || empty.ReaderInstalled() {
		t.Error("empty folders: installed")
	}
	if _, err := empty.Captioner(); !errors.Is(err, inference.ErrBadModel) {
		t.Errorf("empty caption folder: %v; want ErrBadModel", err)
	}
	none := &Loader{CaptionDir: filepath.Join(t.TempDir(), "none")}
	if _, err := none.Captioner(); !errors.Is(err, inference.ErrNoModel) {
		t.Errorf("no caption folder: %v; want ErrNoModel", err)
	}
	if err := empty.Close(); err != nil {
		t.Errorf("closing an unopened loader: %v", err)
	}
}
