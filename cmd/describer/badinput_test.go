package main

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"hash/crc32"
	"image/color"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/describer/describer/inference/ort/orttest"
)

// copyDir copies the fixture model so a test can break one file of it.
func copyDir(t *testing.T, src string) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), "model")
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

// pngHeader returns the signature and IHDR chunk of a w×h RGB PNG: enough
// for a decoder to learn the size, with no pixel data behind it.
func pngHeader(w, h uint32) []byte {
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8], ihdr[9] = 8, 2 // 8-bit RGB
	chunk := append([]byte("IHDR"), ihdr...)
	binary.Write(&b, binary.BigEndian, uint32(13))
	b.Write(chunk)
	binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE(chunk))
	return b.Bytes()
}

func TestBadInput(t *testing.T) {
	lib := ortLib(t)
	dir := t.TempDir()
	good := writePNG(t, dir, "good.png", 64, 64, flat(red))
	goodData, _ := os.ReadFile(good)
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	jpeg, err := os.ReadFile("../../inference/imaging/testdata/format_baseline.jpg")
	if err != nil {
		t.Fatal(err)
	}
	breakModel := func(rel string, data []byte) string {
		m := copyDir(t, fixture)
		p := filepath.Join(m, rel)
		if data == nil {
			if err := os.Remove(p); err != nil {
				t.Fatal(err)
			}
		} else if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return m
	}
	decoder, _ := os.ReadFile(filepath.Join(fixture, "onnx/decoder_model_merged.onnx"))
	notLib := write("libonnxruntime.so", []byte("this is not a library\n"))
	oldLib := orttest.OldLibrary(t)

	cases := []struct {
		name string
		args []string
		code int
		want string // in the one-line error
	}{
		{"zero-byte file", []string{write("empty.png", nil)}, 2, "empty"},
		{"truncated PNG", []string{write("cut.png", goodData[:len(goodData)/2])}, 2, "damaged"},
		{"truncated JPEG", []string{write("cut.jpg", jpeg[:len(jpeg)/2])}, 2, "damaged"},
		{"text named .png", []string{write("notes.png", []byte("hello, this is text\n"))}, 2, "not an image"},
		{"30000x30000 PNG header", []string{write("huge.png", pngHeader(30000, 30000))}, 2, "limit"},
		{"unsupported format", []string{write("doc.pdf", []byte("%PDF-1.4\n%âãÏÓ\n1 0 obj\n"))}, 2, "not an image"},
		{"nonexistent image", []string{filepath.Join(dir, "nope.png")}, 2, "no such file"},
		{"directory as image", []string{dir}, 2, "folder"},
		{"missing model folder", []string{"--model", filepath.Join(dir, "nomodel"), good}, 2, "not found"},
		{"model missing tokenizer.json", []string{"--model", breakModel("tokenizer.json", nil), good}, 2, "tokenizer.json"},
		{"model missing decoder", []string{"--model", breakModel("onnx/decoder_model_merged.onnx", nil), good}, 2, "decoder_model_merged"},
		{"truncated decoder .onnx", []string{"--model", breakModel("onnx/decoder_model_merged.onnx", decoder[:len(decoder)/3]), good}, 2, "damaged"},
		{"malformed config.json", []string{"--model", breakModel("config.json", []byte("{\"model_type\": ")), good}, 2, "config.json"},
		{"malformed tokenizer.json", []string{"--model", breakModel("tokenizer.json", []byte("{\"model\": [1,2")), good}, 2, "tokenizer.json"},
		{"malformed preprocessor_config.json", []string{"--model", breakModel("preprocessor_config.json", []byte("[]")), good}, 2, "preprocessor_config.json"},
		{"tokenizer.json without vocabulary", []string{"--model", breakModel("tokenizer.json", []byte(`{"model": {"type": "BPE"}}`)), good}, 2, "vocabulary"},
		{"tokenizer.json empty object", []string{"--model", breakModel("tokenizer.json", []byte(`{}`)), good}, 2, "no \"model\""},
		{"generation_config.json wrong type", []string{"--model", breakModel("generation_config.json", []byte(`{"max_length": "x"}`)), good}, 2, "max_length"},
		{"config.json wrong shape", []string{"--model", breakModel("config.json", []byte(`{"decoder": 5}`)), good}, 2, "decoder"},
		{"ONNX Runtime 1.16", []string{"--ort-lib", oldLib, good}, 2, "1.16.3"},
		{"too many threads", []string{"--threads", "100000", good}, 2, "--threads"},
		{"too many beams", []string{"--beams", "100", good}, 2, "--beams"},
		{"max length beyond the model", []string{"--max-length", "1000", good}, 2, "positions"},
		{"text file as ORT library", []string{"--ort-lib", notLib, good}, 2, "libonnxruntime.so"},
		{"nonexistent ORT library", []string{"--ort-lib", filepath.Join(dir, "missing.so"), good}, 2, "missing.so"},
		{"cuda on CPU-only runtime", []string{"--device", "cuda", good}, 2, "CUDA"},
		{"unknown device", []string{"--device", "tpu", good}, 2, "unknown device"},
		{"negative beams", []string{"--beams", "-1", good}, 2, "--beams"},
		{"unknown detail", []string{"--detail", "huge", good}, 2, "--detail"},
		{"unknown flag", []string{"--colour", good}, 2, "colour"},
		{"no files", nil, 2, "at least one image"},
	}
	ocrDir := orttest.OCRModels(t)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			args := []string{"describe", "--model", fixture, "--ort-lib", lib, "--ocr-models", ocrDir}
			args = append(args, tc.args...) // later flags win
			r := run(t, nil, nil, args...)
			if r.code != tc.code {
				t.Errorf("exit %d, want %d; stderr %q", r.code, tc.code, r.stderr)
			}
			checkOneSentence(t, r.stderr, tc.want)
		})
	}
}

// checkOneSentence asserts that stderr is a single line naming want, with
// no panic or stack trace.
func checkOneSentence(t *testing.T, stderr, want string) {
	t.Helper()
	lines := strings.Split(strings.TrimRight(stderr, "\n"), "\n")
	if len(lines) != 1 {
		t.Errorf("want one line on stderr, got %d: %q", len(lines), stderr)
	}
	for _, bad := range []string{"panic", "goroutine", ".go:", "interface {", "Go struct", "json:", "ort:", "load image"} {
		if strings.Contains(stderr, bad) {
			t.Errorf("stderr shows %q: %q", bad, stderr)
		}
	}
	// The file's name, when given, appears once.
	if name, _, ok := strings.Cut(strings.TrimPrefix(stderr, "describer: "), ": "); ok && strings.Count(stderr, name) > 1 {
		t.Errorf("stderr repeats %q: %q", name, stderr)
	}
	if !strings.Contains(strings.ToLower(stderr), strings.ToLower(want)) {
		t.Errorf("stderr %q does not mention %q", stderr, want)
	}
}

func TestUsage(t *testing.T) {
	for _, tc := range []struct {
		args []string
		code int
		out  string
	}{
		{[]string{"help"}, 0, "describer describe"},
		{[]string{"--help"}, 0, "start the desktop app"},
		{[]string{"describe", "-h"}, 0, "-beams"},
	} {
		r := run(t, nil, nil, tc.args...)
		if r.code != tc.code || !strings.Contains(r.stdout, tc.out) {
			t.Errorf("%v: exit %d stdout %q", tc.args, r.code, r.stdout)
		}
	}
	// With no command the desktop app starts; without a display it says so.
	noDisplay := []string{"DISPLAY=", "WAYLAND_DISPLAY="}
	r := run(t, nil, noDisplay)
	if r.code != 2 {
		t.Errorf("no command, no display: exit %d", r.code)
	}
	checkOneSentence(t, r.stderr, "no display")
	r = run(t, nil, noDisplay, "--log-descriptions")
	if r.code != 2 {
		t.Errorf("app flag without its value: exit %d", r.code)
	}
	checkOneSentence(t, r.stderr, "flag needs an argument")
	r = run(t, nil, noDisplay, "--engine", "loud")
	checkOneSentence(t, r.stderr, "unknown engine")
	for _, args := range [][]string{{"--theme", "purple"}, {"--text-size", "50"}, {"--text-size", "401"}} {
		r = run(t, nil, noDisplay, args...)
		if r.code != 2 {
			t.Errorf("%v: exit %d", args, r.code)
		}
		checkOneSentence(t, r.stderr, args[0]+" must be")
	}
	r = run(t, nil, nil, "frobnicate")
	if r.code != 2 {
		t.Errorf("unknown command: exit %d", r.code)
	}
	checkOneSentence(t, r.stderr, "unknown command")
}

// TestPlainLocaleGivesOneSentence: under LANG=C the GUI toolkit's start-up
// complaint about the locale must not reach the user (see quiet_cgo.go).
// It runs a process: the complaint comes while Go packages initialise.
func TestPlainLocaleGivesOneSentence(t *testing.T) {
	for _, lang := range []string{"C", "C.UTF-8", "POSIX"} {
		r := runProcess(t, nil, []string{"LC_ALL=", "LC_MESSAGES=", "LANG=" + lang}, "frobnicate")
		if r.code != 2 {
			t.Errorf("LANG=%s: exit %d", lang, r.code)
		}
		checkOneSentence(t, r.stderr, "unknown command")
	}
}

// TestFileNamedLikeACaptureIsAFile: a file called "@screen" in the current
// folder is read as a file; only --screen captures the screen.
func TestFileNamedLikeACaptureIsAFile(t *testing.T) {
	dir := t.TempDir()
	writePNG(t, dir, "@screen", 64, 48, func(int, int) color.Color { return color.White })
	t.Chdir(dir)
	// A blank image needs no model, so none is given.
	r := run(t, nil, []string{"DISPLAY=", "WAYLAND_DISPLAY="}, "describe", "--json", "--ocr-only", "@screen")
	if r.code != 0 {
		t.Fatalf("describe @screen: exit %d stderr %q", r.code, r.stderr)
	}
	var got struct {
		Source string
		Blank  bool
		Width  int
	}
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil || got.Source != "@screen" || !got.Blank || got.Width != 64 {
		t.Errorf("describe @screen: %s (%v); want the blank 64-pixel file", r.stdout, err)
	}
}
