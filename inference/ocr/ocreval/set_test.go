package ocreval

import (
	"image"
	_ "image/png"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func TestReadSet(t *testing.T) {
	dir := t.TempDir()
	write := func(name, s string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("b.png", "")
	write("b.txt", "Open Ctrl+O\n")
	write("a.png", "")
	write("a.txt", "")
	got, err := ReadSet(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Name != "a.png" || got[0].Truth != "" || got[1].Name != "b.png" ||
		got[1].Truth != "Open Ctrl+O\n" || got[1].Path != filepath.Join(dir, "b.png") {
		t.Errorf("ReadSet = %+v", got)
	}
	write("c.png", "")
	if _, err := ReadSet(dir); err == nil || !strings.Contains(err.Error(), "c.png") {
		t.Errorf("missing truth: err = %v, want one naming c.png", err)
	}
	if _, err := ReadSet(t.TempDir()); err == nil {
		t.Error("empty folder: no error")
	}
}

var devset = filepath.Join("..", "testdata", "devset")

// The committed development set keeps its promises: at least 40 screens with
// text and 4 without, sizes from 800×600 to 1920×1080, palette PNGs a few MB
// in all, and truths in the reading format (blocks split by exactly one empty
// line, single spaces, no blank line at either end, a final newline).
func TestDevSetWellFormed(t *testing.T) {
	set, err := ReadSet(devset)
	if err != nil {
		t.Fatal(err)
	}
	var withText, without int
	var bytes int64
	bad := regexp.MustCompile(`\n\n\n|  |\t| \n|\n |^\n|^ `)
	for _, im := range set {
		if im.Truth == "" {
			without++
		} else {
			withText++
			if !strings.HasSuffix(im.Truth, "\n") || strings.HasSuffix(im.Truth, "\n\n") || bad.MatchString(im.Truth) {
				t.Errorf("%s: truth not in the reading format: %q", im.Name, im.Truth)
			}
		}
		st, err := os.Stat(im.Path)
		if err != nil {
			t.Fatal(err)
		}
		bytes += st.Size()
		f, err := os.Open(im.Path)
		if err != nil {
			t.Fatal(err)
		}
		cfg, format, err := image.DecodeConfig(f)
		f.Close()
		if err != nil || format != "png" {
			t.Errorf("%s: %v (format %q)", im.Name, err, format)
			continue
		}
		if cfg.Width < 800 || cfg.Height < 600 || cfg.Width > 1920 || cfg.Height > 1080 {
			t.Errorf("%s: %d×%d, want 800×600 to 1920×1080", im.Name, cfg.Width, cfg.Height)
		}
	}
	if withText < 40 || without < 4 {
		t.Errorf("%d images with text and %d without, want at least 40 and 4", withText, without)
	}
	if bytes > 4<<20 {
		t.Errorf("the PNGs take %d bytes, want at most 4 MiB", bytes)
	}
}
