package loader

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/describer/describer/inference"
	"github.com/describer/describer/inference/ort"
	"github.com/describer/describer/inference/ort/orttest"
	"github.com/describer/describer/models"
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

// BenchmarkLoad loads the caption model and the OCR models with an empty
// graph cache, then with the graphs it kept (orttest.BenchLoad). The
// caption model is DESCRIBER_BENCH_MODEL when set (make bench writes a
// ViT-B/16 + GPT-2 sized one), else the tiny Florence-2 fixture.
func BenchmarkLoad(b *testing.B) {
	caption := os.Getenv("DESCRIBER_BENCH_MODEL")
	if caption == "" {
		caption = filepath.Join("..", "florence2", "testdata", "tiny")
	}
	orttest.BenchLoad(b, func(cache string) time.Duration { return loadAll(b, caption, cache) })
}

// loadAll loads the caption model in dir and the OCR models with the
// graph cache in cache, closes them, and returns how long loading took.
func loadAll(b *testing.B, dir, cache string) time.Duration {
	b.Helper()
	l := &Loader{ORT: ort.Options{LibraryPath: orttest.Library(b), Device: "cpu", GraphCache: cache},
		CaptionDir: dir, OCRDir: orttest.OCRModels(b)}
	start := time.Now()
	c, err := l.Captioner()
	if err != nil {
		b.Fatal(err)
	}
	r, err := l.Reader()
	if err != nil {
		b.Fatal(err)
	}
	took := time.Since(start)
	if err := errors.Join(c.Close(), r.Close(), l.Close()); err != nil {
		b.Fatal(err)
	}
	return took
}

// Without a named folder the loader captions with Florence-2 when it is
// installed; with only the small model installed it uses that one and
// says why once; with neither, the missing one is Florence-2.
func TestLoaderPrefersFlorence2(t *testing.T) {
	home := t.TempDir()
	t.Setenv(models.EnvHome, home)
	l := &Loader{}
	florence, small := models.Dir(models.Caption), models.Dir(models.CaptionSmall)
	if l.CaptionPath() != florence || l.CaptionFallback() != "" || l.CaptionInstalled() {
		t.Errorf("nothing installed: %s, %q, installed %v; want %s, no note", l.CaptionPath(), l.CaptionFallback(), l.CaptionInstalled(), florence)
	}
	link(t, filepath.Join("..", "vitgpt2", "testdata", "tiny"), small)
	if l.CaptionPath() != small || !l.CaptionInstalled() || !strings.Contains(l.CaptionFallback(), "Florence-2 is not installed") {
		t.Errorf("the small model alone: %s, %q; want %s and a note", l.CaptionPath(), l.CaptionFallback(), small)
	}
	link(t, filepath.Join("..", "florence2", "testdata", "tiny"), florence)
	if l.CaptionPath() != florence || l.CaptionFallback() != "" {
		t.Errorf("both: %s, %q; want %s, no note", l.CaptionPath(), l.CaptionFallback(), florence)
	}
	named := &Loader{CaptionDir: small}
	if named.CaptionPath() != small || named.CaptionFallback() != "" {
		t.Errorf("--model: %s, %q; want %s, no note", named.CaptionPath(), named.CaptionFallback(), small)
	}
}

// link makes dst a symbolic link to the folder src.
func link(t *testing.T, src, dst string) {
	t.Helper()
	abs, err := filepath.Abs(src)
	if err == nil {
		err = os.MkdirAll(filepath.Dir(dst), 0o755)
	}
	if err == nil {
		err = os.Symlink(abs, dst)
	}
	if err != nil {
		t.Fatal(err)
	}
}
