package capture

import (
	"errors"
	"testing"

	"github.com/describer/describer/inference/imaging/imagingtest"
)

func TestFilePaths(t *testing.T) {
	list := "# comment\r\nfile:///tmp/a%20b.png\r\nhttp://example.com/x.png\nfile://localhost/tmp/c.jpg\nfile://otherhost/d.png\n\n"
	got := filePaths([]byte(list))
	want := []string{"/tmp/a b.png", "/tmp/c.jpg"}
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("filePaths = %q, want %q", got, want)
	}
	gnome := "copy\nfile:///home/u/p.png"
	if got := filePaths([]byte(gnome)); len(got) != 1 || got[0] != "/home/u/p.png" {
		t.Errorf("filePaths(gnome list) = %q", got)
	}
}

func TestFirstImageFile(t *testing.T) {
	dir := t.TempDir()
	want := imagingtest.RandomNRGBA(4, 3, true)
	png := writePNG(t, dir+"/pic.png", want)
	notImage := dir + "/notes.txt"
	writeFile(t, notImage, []byte("hello"))
	got, err := firstImageFile([]byte("file://" + notImage + "\nfile://" + png + "\n"))
	if err != nil {
		t.Fatalf("firstImageFile: %v", err)
	}
	imagingtest.AssertSame(t, got, want)
	_, err = firstImageFile([]byte("file://" + notImage))
	if !errors.Is(err, ErrNoClipboardImage) || err.Error() != "The clipboard holds no image." {
		t.Errorf("list without images: err = %v", err)
	}
}
