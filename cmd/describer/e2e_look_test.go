//go:build linux

package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/describer/describer/app"
	"github.com/describer/describer/inference/ort/orttest"
)

// buttonLabels are the window's buttons, as a result with an image shows
// them.
var buttonLabels = []string{"Describe screen", "Describe window", "Describe clipboard", "Open image…",
	"Stop", "Copy", "Settings", "Show image"}

// TestDesktopAppReadableAtEveryTextSize: in each theme, the window at
// 1280×800 with a result in it is photographed at 100, 200 and 400 %
// text, and Describer's own OCR reads every button label and the result
// back in full from each picture (nothing clipped or hidden), the labels
// growing with the text size. With DESCRIBER_KEEP_SCREENSHOTS set to a
// folder, the pictures are copied there (the README's comes from it).
func TestDesktopAppReadableAtEveryTextSize(t *testing.T) {
	dir := t.TempDir()
	img := filepath.Join(dir, "budget.png")
	if out, err := exec.Command("convert", "-size", "420x90", "xc:white", "-fill", "black",
		"-font", "DejaVu-Sans", "-pointsize", "26", "-annotate", "+12+60", "Budget approved", img).CombinedOutput(); err != nil {
		t.Fatalf("convert: %v %s", err, out)
	}
	themes := []string{"dark", "light", "high-contrast-dark", "high-contrast-light"}
	sizes := []int{100, 200, 400}
	var shots []string
	var result string
	for _, theme := range themes {
		full := photographWindow(t, dir, theme, img, sizes)
		shots = append(shots, full.shots...)
		result = full.result
	}
	keepScreenshots(t, shots)
	r := run(t, nil, nil, append([]string{"describe", "--ocr-only", "--json", "--ort-lib", ortLib(t),
		"--ocr-models", orttest.OCRModels(t)}, shots...)...)
	if r.code != 0 {
		t.Fatalf("describe the screenshots: exit %d %s", r.code, r.stderr)
	}
	dec := json.NewDecoder(strings.NewReader(r.stdout))
	heights := map[string]float64{}
	for _, shot := range shots {
		var got app.Result
		if err := dec.Decode(&got); err != nil {
			t.Fatalf("%s: %v", shot, err)
		}
		checkReadable(t, filepath.Base(shot), got, result)
		heights[filepath.Base(shot)] = labelHeight(got, "Describe screen")
	}
	for _, theme := range themes {
		h := func(size int) float64 { return heights[shotName(theme, size)] }
		t.Logf("%s: the Describe screen label is %.0f, %.0f and %.0f pixels high at 100, 200 and 400 %%", theme, h(100), h(200), h(400))
		if h(200) < 1.5*h(100) || h(400) < 1.5*h(200) {
			t.Errorf("%s: the label does not grow with the text size: %.0f, %.0f, %.0f pixels", theme, h(100), h(200), h(400))
		}
	}
}

// photographed is one theme's screenshots and the result they show.
type photographed struct {
	shots  []string
	result string
}

// photographWindow starts the app in theme at 100 % text describing img
// (captions off: the tiny fixture's words are random), sizes its window
// to the screen and photographs it at each text size, reached with
// Ctrl+Plus.
func photographWindow(t *testing.T, dir, theme, img string, sizes []int) photographed {
	r := startDesktopWith(t, desktopOptions{prefs: map[string]any{"include_caption": false},
		args: []string{"--theme", theme, "--text-size", "100", img}})
	r.waitDescriptions(1)
	xdotool(t, "key", "Escape") // the start-up download question: not now
	xdotool(t, "search", "--name", "^Describer$", "windowsize", "1280", "800")
	xdotool(t, "mousemove", "1279", "0") // no control under the pointer
	var p photographed
	p.result = strings.SplitN(r.descriptions()[0], "\t", 3)[2]
	size := 100
	for _, want := range sizes {
		for ; size < want; size += 25 {
			pressed := time.Now()
			xdotool(t, "key", "ctrl+equal")
			said := fmt.Sprintf("Text size %d percent", size+25)
			waitUntil(t, 10*time.Second, fmt.Sprintf("%q to be said", said), func() bool {
				for _, s := range r.spoken(pressed) {
					if spokenText(s) == said {
						return true
					}
				}
				return false
			})
		}
		shot := filepath.Join(dir, shotName(theme, size))
		screenshot(t, shot)
		p.shots = append(p.shots, shot)
	}
	r.quit()
	// The text size is kept for the next start; the one-run --theme is not.
	var prefs map[string]any
	data, err := os.ReadFile(filepath.Join(r.dir, "config", "fyne", appID, "preferences.json"))
	if err == nil {
		err = json.Unmarshal(data, &prefs)
	}
	if err != nil || prefs["text_size"] != float64(size) || prefs["theme"] != nil {
		t.Errorf("saved preferences %v (%v): want text_size %d and no theme", prefs, err, size)
	}
	return p
}

// shotName names the screenshot of theme at size.
func shotName(theme string, size int) string { return fmt.Sprintf("window-%s-%d.png", theme, size) }

// screenshot writes the screen to path once two pictures in a row are the
// same, so that the window has drawn what it was last asked to.
func screenshot(t *testing.T, path string) {
	t.Helper()
	var last []byte
	waitUntil(t, 10*time.Second, "the window to settle", func() bool {
		pixels, err := exec.Command("import", "-window", "root", "rgb:-").Output()
		if err != nil {
			t.Fatalf("import: %v", err)
		}
		same := bytes.Equal(pixels, last)
		last = pixels
		return same
	})
	if out, err := exec.Command("import", "-window", "root", "-strip", path).CombinedOutput(); err != nil {
		t.Fatalf("import: %v %s", err, out)
	}
}

// keepScreenshots copies shots to $DESCRIBER_KEEP_SCREENSHOTS when set.
func keepScreenshots(t *testing.T, shots []string) {
	keep := os.Getenv("DESCRIBER_KEEP_SCREENSHOTS")
	if keep == "" {
		return
	}
	for _, s := range shots {
		data, err := os.ReadFile(s)
		if err == nil {
			err = os.WriteFile(filepath.Join(keep, filepath.Base(s)), data, 0o644)
		}
		if err != nil {
			t.Error(err)
		}
	}
}

// checkReadable fails unless the OCR of a screenshot holds every button
// label and every row of the result, each whole (see readWhole).
func checkReadable(t *testing.T, shot string, got app.Result, result string) {
	t.Helper()
	var all strings.Builder
	for _, l := range got.Lines {
		all.WriteString(letters(l.Text))
	}
	want := append([]string(nil), buttonLabels...)
	want = append(want, strings.Split(result, " / ")...)
	for _, s := range want {
		if !readWhole(all.String(), letters(strings.TrimSuffix(s, "e…"))) {
			t.Errorf("%s: %q is not read back; read %q", shot, s, all.String())
		}
	}
}

// readWhole reports whether every letter of want stands, in order, in a
// stretch of read at most two letters longer: the lines read follow one
// another, and OCR may cut a large word in two boxes that share a
// letter ("Describe" "e window"), but a clipped label lacks letters.
// (The recogniser reads "e…" as "...", so a label's "e…" is not asked
// for.)
func readWhole(read, want string) bool {
	for i := range len(read) {
		if read[i] != want[0] {
			continue
		}
		stretch, j := read[i:min(len(read), i+len(want)+2)], 0
		for k := 0; k < len(stretch) && j < len(want); k++ {
			if stretch[k] == want[j] {
				j++
			}
		}
		if j == len(want) {
			return true
		}
	}
	return false
}

// labelHeight is the height of the line read that holds label.
func labelHeight(got app.Result, label string) float64 {
	for _, l := range got.Lines {
		if strings.Contains(letters(l.Text), letters(label)) {
			return float64(l.Box[3] - l.Box[1])
		}
	}
	return 0
}

// letters is s in lower case with only its letters and digits: what OCR
// must read, whatever it makes of spaces and punctuation ("…" or "...").
func letters(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return unicode.ToLower(r)
		}
		return -1
	}, s)
}
