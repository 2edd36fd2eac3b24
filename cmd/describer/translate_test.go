package main

import (
	"encoding/json"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// marianFixture is the tiny MarianMT with the real export's contract.
var marianFixture, _ = filepath.Abs("../../inference/marian/testdata/tiny")

// describer translate prints transformers.js' translation with --beams 1,
// and --json its ids; standard input works as text.
func TestTranslate(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(marianFixture, "..", "reference_transformersjs.json"))
	if err != nil {
		t.Fatal(err)
	}
	var ref struct {
		Cases []struct {
			Text        string  `json:"text_in"`
			Dtype       string  `json:"dtype"`
			Translation string  `json:"text"`
			IDs         []int64 `json:"generated_ids"`
		} `json:"cases"`
	}
	if err := json.Unmarshal(data, &ref); err != nil {
		t.Fatal(err)
	}
	lib := ortLib(t)
	c := ref.Cases[2]
	for _, cc := range ref.Cases {
		if cc.Dtype == "q8" && strings.Contains(cc.Text, "station") {
			c = cc
		}
	}
	r := run(t, nil, nil, "translate", "--ort-lib", lib, "--model", marianFixture, "--beams", "1", "--max-new-tokens", "40", c.Text)
	if r.code != 0 || r.stdout != c.Translation+"\n" || r.stderr != "" {
		t.Errorf("plain: exit %d, %q %q; want %q", r.code, r.stdout, r.stderr, c.Translation)
	}
	r = run(t, []byte(c.Text+"\n"), nil, "translate", "--json", "--ort-lib", lib, "--model", marianFixture, "--beams", "1", "--max-new-tokens", "40", "-")
	var got translateResult
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil || r.code != 0 {
		t.Fatalf("--json: %v, exit %d, %q %q", err, r.code, r.stdout, r.stderr)
	}
	if got.Source != c.Text || got.Translation != c.Translation || !slices.Equal(got.TokenIDs, c.IDs) || got.Model != marianFixture || got.Lang != "de" {
		t.Errorf("--json %+v; want %q %v", got, c.Translation, c.IDs)
	}
}

// Bad input to translate gets one sentence and exit status 2.
func TestTranslateBadInput(t *testing.T) {
	lib := ortLib(t)
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"no text", []string{"--model", marianFixture}, "needs the English text"},
		{"no model", []string{"Hello"}, "needs --lang"},
		{"not installed", []string{"--lang", "fr", "Hello"}, `run "describer models pull translate-fr"`},
		{"not a model", []string{"--model", t.TempDir(), "Hello"}, "not a whole MarianMT model folder"},
		{"too many beams", []string{"--model", marianFixture, "--beams", "99", "Hello"}, "--beams"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := run(t, nil, nil, append([]string{"translate", "--ort-lib", lib}, tc.args...)...)
			if r.code != 2 {
				t.Errorf("exit %d, want 2; stderr %q", r.code, r.stderr)
			}
			checkOneSentence(t, r.stderr, tc.want)
		})
	}
}

// translated is what translate prints for text with the fixture.
func translated(t *testing.T, text string) string {
	t.Helper()
	r := run(t, nil, nil, "translate", "--ort-lib", ortLib(t), "--model", marianFixture, "--beams", "1", text)
	if r.code != 0 {
		t.Fatalf("translate %q: %d %s", text, r.code, r.stderr)
	}
	return strings.TrimSpace(r.stdout)
}

// describe --lang and ask --lang translate the caption and the answer,
// carrying the English beside them in --json; the screen's text is not
// translated, and Describer's own words are in the language.
func TestDescribeAndAskInAnotherLanguage(t *testing.T) {
	lib := ortLib(t)
	img := filepath.Join(t.TempDir(), "photo.png")
	writeGradient(t, img)
	r := run(t, nil, nil, "describe", "--json", "--no-ocr", "--ort-lib", lib, "--model", fixture,
		"--lang", "de", "--translate-model", marianFixture, img)
	var d struct {
		Caption, Language string
		English           string `json:"english_caption"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &d); err != nil || r.code != 0 {
		t.Fatalf("describe --lang de: %d %q %s (%v)", r.code, r.stdout, r.stderr, err)
	}
	if d.English == "" || d.Language != "de" || d.Caption != translated(t, d.English) {
		t.Errorf("describe --lang de: %+v; want the caption translated as translate does", d)
	}
	r = run(t, nil, nil, "ask", "--json", "--ort-lib", lib, "--model", askFixture, "--lang", "de",
		"--translate-model", marianFixture, img, "What is this?")
	var a struct {
		Answer, Language string
		English          string `json:"english_answer"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &a); err != nil || r.code != 0 {
		t.Fatalf("ask --lang de: %d %q %s (%v)", r.code, r.stdout, r.stderr, err)
	}
	if a.English == "" || a.Language != "de" || a.Answer != translated(t, a.English) {
		t.Errorf("ask --lang de: %+v; want the answer translated as translate does", a)
	}
}

// --lang without its model, or with a code Describer cannot use, is one
// sentence and exit status 2.
func TestLangBadInput(t *testing.T) {
	lib := ortLib(t)
	img := filepath.Join(t.TempDir(), "photo.png")
	writeGradient(t, img)
	for name, c := range map[string]struct {
		args []string
		want string
	}{
		"not installed": {[]string{"describe", "--lang", "de", img}, `run "describer models pull translate-de"`},
		"no such code":  {[]string{"describe", "--lang", "xx-!", img}, "--lang must be a language code"},
		"no pair":       {[]string{"ask", "--lang", "it", img, "Hi?"}, `no translation into "it"`},
		"not a model":   {[]string{"describe", "--lang", "de", "--translate-model", t.TempDir(), img}, "is not a whole MarianMT model folder"},
	} {
		t.Run(name, func(t *testing.T) {
			args := append([]string{c.args[0], "--ort-lib", lib, "--model", fixture}, c.args[1:]...)
			if c.args[0] == "ask" {
				args[4] = askFixture
			}
			r := run(t, nil, nil, args...)
			if r.code != exitUsage || !strings.Contains(r.stderr, c.want) || strings.Count(strings.TrimSpace(r.stderr), "\n") != 0 {
				t.Errorf("exit %d, stderr %q; want 2 and one line with %q", r.code, r.stderr, c.want)
			}
		})
	}
}

// writeGradient writes a picture that is not blank and holds no text.
func writeGradient(t *testing.T, path string) {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 96, 64))
	for y := range 64 {
		for x := range 96 {
			img.Set(x, y, color.RGBA{uint8(160 + x), uint8(3 * y), 40, 255})
		}
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
}
