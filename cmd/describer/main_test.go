package main

import (
	"bytes"
	"encoding/json"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/describer/describer/inference/ort/orttest"
	"github.com/describer/describer/models"
	"github.com/describer/describer/ui/xvfbtest"
)

// TestMain lets the test binary stand in for the describer binary: with
// DESCRIBER_BE_MAIN=1 it runs main, so the few tests that need a process of
// their own (see runProcess) can exec the real program, exit status and
// streams included, with no separate build. Otherwise it runs the tests on
// an X display of their own (xvfbtest).
func TestMain(m *testing.M) {
	if os.Getenv("DESCRIBER_BE_MAIN") == "1" {
		main()
		return
	}
	restoreStderr()
	os.Exit(xvfbtest.Main(m))
}

// fixture is the tiny caption model with the real export contract.
var fixture, _ = filepath.Abs("../../inference/vitgpt2/testdata/tiny")

// ortLib is the ONNX Runtime library the tests pass with --ort-lib.
func ortLib(tb testing.TB) string { return orttest.Library(tb) }

type result struct {
	code           int
	stdout, stderr string
}

// run runs the program in this process, as main would, with args, stdin
// and extra environment ("NAME=value", set with t.Setenv until the test
// ends, so a test that calls run cannot be parallel). DESCRIBER_HOME is a
// fresh empty folder for each run unless env names one, so no test reads
// or writes the user's own data folder.
func run(t *testing.T, stdin []byte, env []string, args ...string) result {
	t.Helper()
	if !hasVar(env, models.EnvHome) {
		t.Setenv(models.EnvHome, t.TempDir())
	}
	for _, kv := range env {
		k, v, _ := strings.Cut(kv, "=")
		t.Setenv(k, v)
	}
	var out, errb bytes.Buffer
	m := &Main{Stdin: bytes.NewReader(stdin), Stdout: &out, Stderr: &errb}
	code := m.Run(t.Context(), args)
	if strings.Contains(errb.String(), "already loaded from") {
		// ONNX Runtime is one per process: a run must close every hold on
		// it, or a later run with another --ort-lib meets this.
		t.Errorf("an earlier run in this process left ONNX Runtime loaded: %q", errb.String())
	}
	return result{code, out.String(), errb.String()}
}

// runProcess execs the program (this test binary, as main) with args,
// stdin and extra environment, and a fresh DESCRIBER_HOME unless env names
// one. Only tests of what a process does once and keeps use it: a C
// constructor that runs before Go starts (the locale), the sound device
// (oto opens one per process, and remembers a failure), and the proxy
// settings (net/http reads them once per process, so "offline" holds only
// in a fresh one), and ONNX Runtime from a file other than the test data's
// (a process loads it from one file). Everything else uses run, which is
// much faster.
func runProcess(t *testing.T, stdin []byte, env []string, args ...string) result {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "DESCRIBER_BE_MAIN=1", models.EnvHome+"="+t.TempDir())
	cmd.Env = append(cmd.Env, env...) // the last of a name wins
	cmd.Stdin = bytes.NewReader(stdin)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return result{code, out.String(), errb.String()}
}

// hasVar reports whether env ("NAME=value" entries) sets name.
func hasVar(env []string, name string) bool {
	for _, kv := range env {
		if k, _, _ := strings.Cut(kv, "="); k == name {
			return true
		}
	}
	return false
}

// squash lower-cases s and removes its whitespace, so OCR output can be
// compared with a phrase: a dropped or added space (measured by
// inference/ocr's character error rates) must not fail these tests.
func squash(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), "")) }

// writePNG writes a w×h image filled by f to dir/name and returns the path.
func writePNG(t *testing.T, dir, name string, w, h int, f func(x, y int) color.Color) string {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, f(x, y))
		}
	}
	p := filepath.Join(dir, name)
	fh, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := png.Encode(fh, img); err != nil {
		t.Fatal(err)
	}
	if err := fh.Close(); err != nil {
		t.Fatal(err)
	}
	return p
}

// flat returns a fill function for one colour with a faint texture, so the
// image is not blank.
func flat(c color.NRGBA) func(x, y int) color.Color {
	return func(x, y int) color.Color {
		if (x/16+y/16)%2 == 0 {
			return color.NRGBA{c.R / 2, c.G / 2, c.B / 2, 255}
		}
		return c
	}
}

var (
	red   = color.NRGBA{255, 0, 0, 255}
	green = color.NRGBA{0, 255, 0, 255}
	blue  = color.NRGBA{0, 0, 255, 255}
)

func TestDescribeJSON(t *testing.T) {
	lib := ortLib(t)
	dir := t.TempDir()
	redP := writePNG(t, dir, "red.png", 224, 224, flat(red))
	blueP := writePNG(t, dir, "blue.png", 320, 200, flat(blue))
	blankP := writePNG(t, dir, "blank.png", 64, 64, func(int, int) color.Color { return color.Black })
	r := run(t, nil, nil, "describe", "--json", "--ort-lib", lib, "--model", fixture, "--ocr-models", orttest.OCRModels(t),
		redP, blueP, blankP)
	if r.code != 0 {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	if len(lines) != 3 {
		t.Fatalf("want 3 JSON lines, got %q", r.stdout)
	}
	var got []map[string]any
	for _, l := range lines {
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatalf("line %q: %v", l, err)
		}
		got = append(got, m)
	}
	for i, want := range []string{"a red square", "a blue circle", ""} {
		if got[i]["caption"] != want {
			t.Errorf("image %d: caption %q, want %q", i, got[i]["caption"], want)
		}
	}
	if got[2]["blank"] != true || got[0]["blank"] != false {
		t.Errorf("blank flags: %v, %v", got[0]["blank"], got[2]["blank"])
	}
	for _, key := range []string{"source", "confidence", "model", "device", "timings_ms"} {
		if _, ok := got[0][key]; !ok {
			t.Errorf("JSON lacks %q: %v", key, got[0])
		}
	}
	if got[0]["device"] != "cpu" {
		t.Errorf("device %v, want cpu", got[0]["device"])
	}
	// auto on the CPU-only runtime falls back and says why, once.
	if note, _ := got[0]["device_note"].(string); !strings.Contains(note, "CUDA") || !strings.Contains(note, "CPU") {
		t.Errorf("device_note %q does not give the fallback reason", note)
	}
	if r.stderr != "" {
		t.Errorf("--json wrote to stderr: %q", r.stderr)
	}
	tm, _ := got[0]["timings_ms"].(map[string]any)
	for _, key := range []string{"load", "read", "preprocess", "encode", "decode", "total"} {
		if v, ok := tm[key].(float64); !ok || v < 0 {
			t.Errorf("timings_ms.%s = %v", key, tm[key])
		}
	}
	if load, _ := tm["load"].(float64); load <= 0 {
		t.Errorf("the first image waited for the model but timings_ms.load = %v", load)
	}
	if tm2, _ := got[1]["timings_ms"].(map[string]any); tm2["load"] != 0.0 {
		t.Errorf("the second image's load time is %v; the model was loaded once, before the first", tm2["load"])
	}
	// A blank image still says which model and device would describe it.
	if got[2]["model"] != fixture || got[2]["device"] != "cpu" {
		t.Errorf("blank image: model %v device %v", got[2]["model"], got[2]["device"])
	}
	if c, _ := got[0]["confidence"].(float64); c < 0.5 || c > 1 {
		t.Errorf("confidence of a clear red image = %v, want 0.5–1", c)
	}
}

func TestDescribePlainAndStdin(t *testing.T) {
	lib := ortLib(t)
	ocrDir := orttest.OCRModels(t)
	dir := t.TempDir()
	p := writePNG(t, dir, "green.png", 100, 80, flat(green))
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"greedy", []string{"-"}, "a green triangle\n"},
		{"beam", []string{"--beams", "4", "-"}, "a grassy field\n"},
		{"flags after file", []string{"-", "--beams", "2"}, "a grassy field\n"},
		{"several files are named", []string{"-", p}, "standard input: a green triangle\n" + p + ": a green triangle\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			args := append([]string{"describe", "--device", "cpu", "--ort-lib", lib, "--model", fixture, "--ocr-models", ocrDir},
				tc.args...)
			r := run(t, data, nil, args...)
			if r.code != 0 || r.stdout != tc.want || r.stderr != "" {
				t.Fatalf("exit %d stdout %q stderr %q; want %q", r.code, r.stdout, r.stderr, tc.want)
			}
		})
	}
}

func TestDoctor(t *testing.T) {
	lib := ortLib(t)
	// The test data folder holds the OCR models; doctor only reads it.
	r := run(t, nil, []string{models.EnvHome + "=" + orttest.DataDir(t)}, "doctor", "--ort-lib", lib, "--model", fixture)
	if r.code != 0 {
		t.Fatalf("exit %d: %s%s", r.code, r.stdout, r.stderr)
	}
	for _, want := range []string{lib, "version 1.24.1", "cpu — CUDA unavailable", "provider cpu", "available",
		"Caption model:   " + fixture + " (" + models.CaptionSmall.Title + ", Apache-2.0 licence)", "Everything Describer needs is installed."} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("doctor output lacks %q:\n%s", want, r.stdout)
		}
	}
	r = run(t, nil, nil, "doctor", "--ort-lib", lib, "--model", filepath.Join(t.TempDir(), "none"))
	if r.code != 0 || !strings.Contains(r.stdout, "Caption model:   MISSING") || strings.Contains(r.stdout, "Everything") {
		t.Errorf("model missing: exit %d (want 0: the runtime works)\n%s", r.code, r.stdout)
	}
	home := t.TempDir()
	r = run(t, nil, []string{models.EnvHome + "=" + home, "DESCRIBER_ORT_LIB="}, "doctor")
	if r.code != 1 {
		t.Errorf("nothing installed: exit %d, want 1", r.code)
	}
	for _, want := range []string{"ONNX Runtime:    MISSING", "Caption model:   MISSING", "Looked for it at:",
		filepath.Join(home, "runtime"), "/usr/lib",
		models.Caption.Files[len(models.Caption.Files)-1].Sources[0].URL,
		filepath.Join(home, "models", "Florence-2-base-ft")} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("doctor output lacks %q:\n%s", want, r.stdout)
		}
	}
}

func TestDescribeReadsText(t *testing.T) {
	lib := ortLib(t)
	ocrDir := orttest.OCRModels(t)
	dialog, _ := filepath.Abs("../../inference/ocr/testdata/screens/dialog.png")
	r := run(t, nil, nil, "describe", "--json", "--ocr-only", "--device", "cpu", "--ort-lib", lib, "--ocr-models", ocrDir, dialog)
	if r.code != 0 {
		t.Fatalf("exit %d stderr %q", r.code, r.stderr)
	}
	var got struct {
		Caption string
		Text    string
		Lines   []struct {
			Text       string
			Box        [4]int
			Confidence float64
		}
		Blocks []struct {
			Box  [4]int
			Rows []struct{ Text string }
		}
	}
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
		t.Fatalf("%q: %v", r.stdout, err)
	}
	if got.Caption != "" || len(got.Lines) < 5 || !strings.Contains(squash(got.Text), "cancel") {
		t.Fatalf("--ocr-only gave caption %q and %d lines: %q", got.Caption, len(got.Lines), got.Text)
	}
	if n := len(got.Blocks); n < 2 || !strings.Contains(squash(got.Blocks[n-1].Rows[0].Text), "cancel") {
		t.Errorf("blocks %+v; want the dialog's text, then its button row", got.Blocks)
	}
	for _, l := range got.Lines {
		if l.Box[2] <= l.Box[0] || l.Box[3] <= l.Box[1] || l.Box[2] > 460 || l.Box[3] > 200 || l.Confidence < 0.5 || l.Confidence > 1 {
			t.Errorf("line %+v has a bad box or confidence", l)
		}
	}
	// Plain output: the text, read in order, after "Text on screen:".
	r = run(t, nil, nil, "describe", "--ocr-only", "--device", "cpu", "--ort-lib", lib, "--ocr-models", ocrDir, dialog)
	text := squash(r.stdout)
	if !strings.HasPrefix(r.stdout, "Text on screen:\n") || strings.Index(text, "save") > strings.Index(text, "cancel") {
		t.Errorf("plain output %q", r.stdout)
	}
	// --at: the block under a point alone (the button row), in rows.
	r = run(t, nil, nil, "describe", "--ocr-only", "--at", "300,165", "--device", "cpu", "--ort-lib", lib, "--ocr-models", ocrDir, dialog)
	if text := squash(r.stdout); r.code != 0 || !strings.HasPrefix(text, "textonscreen:save") || !strings.HasSuffix(text, "cancel") ||
		strings.Contains(text, "document") {
		t.Errorf("--at the buttons: exit %d, %q; want the button row alone", r.code, r.stdout)
	}
	r = run(t, nil, nil, "describe", "--ocr-only", "--at", "here", dialog)
	if r.code != 2 {
		t.Errorf("--at here: exit %d", r.code)
	}
	checkOneSentence(t, r.stderr, "is not a point")
	// --no-ocr: a caption only, no text fields.
	dir := t.TempDir()
	redP := writePNG(t, dir, "red.png", 224, 224, flat(red))
	r = run(t, nil, nil, "describe", "--json", "--no-ocr", "--device", "cpu", "--ort-lib", lib, "--model", fixture, redP)
	if r.code != 0 || strings.Contains(r.stdout, `"text"`) || !strings.Contains(r.stdout, `"caption":"a red square"`) {
		t.Errorf("--no-ocr: exit %d %q", r.code, r.stdout)
	}
	r = run(t, nil, nil, "describe", "--ocr-only", "--no-ocr", redP)
	if r.code != 2 {
		t.Errorf("--ocr-only --no-ocr: exit %d", r.code)
	}
	checkOneSentence(t, r.stderr, "cannot be used together")
}

// TestMissingCaptionModelSaysHowToGetIt: with no caption model in the data
// folder, describe names the one command that fetches it, and no README
// heading.
func TestMissingCaptionModelSaysHowToGetIt(t *testing.T) {
	lib := ortLib(t)
	p := writePNG(t, t.TempDir(), "red.png", 64, 64, flat(red))
	r := run(t, nil, nil, "describe", "--no-ocr", "--ort-lib", lib, p)
	if r.code != 2 || !strings.Contains(r.stderr, `run "describer models pull caption" to fetch it`) ||
		strings.Contains(r.stderr, "README") {
		t.Errorf("exit %d, stderr %q; want 2 and the pull command", r.code, r.stderr)
	}
	checkOneSentence(t, r.stderr, "models pull caption")
}

// TestMissingCaptionModelReadsTheTextAlone: with the text reader installed
// but not the caption model, describe reads the text, says on one line of
// standard error what is missing and the command that fetches it, and
// exits 0; --json names no caption model. An explicit --model that is
// missing is still an error.
func TestMissingCaptionModelReadsTheTextAlone(t *testing.T) {
	lib, ocrDir := ortLib(t), orttest.OCRModels(t)
	dialog := filepath.Join("..", "..", "inference", "ocr", "testdata", "devset", "dialog_delete_dark.png")
	r := run(t, nil, nil, "describe", "--ort-lib", lib, "--ocr-models", ocrDir, dialog)
	if r.code != 0 || !strings.Contains(r.stdout, "Permanently delete 3 selected items?") {
		t.Errorf("exit %d, stdout %q; want 0 and the dialog's text", r.code, r.stdout)
	}
	checkOneSentence(t, r.stderr, "models pull caption")
	if !strings.Contains(r.stderr, `no caption model is installed`) || !strings.Contains(r.stderr, `run "describer models pull caption"`) {
		t.Errorf("stderr %q; want what is missing and the command", r.stderr)
	}
	r = run(t, nil, nil, "describe", "--json", "--ort-lib", lib, "--ocr-models", ocrDir, dialog, dialog)
	if r.code != 0 || strings.Count(r.stdout, `"model":""`) != 2 || strings.Count(r.stderr, "\n") != 1 {
		t.Errorf("--json, two images: exit %d, stdout %q, stderr %q; want two results without a model and one line", r.code, r.stdout, r.stderr)
	}
	r = run(t, nil, nil, "describe", "--ort-lib", lib, "--ocr-models", ocrDir, "--model", filepath.Join(t.TempDir(), "none"), dialog)
	if r.code != 2 {
		t.Errorf("--model naming no folder: exit %d; want 2", r.code)
	}
}

// TestSmallCaptionModelStandsIn: with the small caption model installed
// but not Florence-2, describe captions with the small one and says so on
// one line of standard error, once for several images; doctor says it
// too. With Florence-2 installed as well, Florence-2 captions, silently.
func TestSmallCaptionModelStandsIn(t *testing.T) {
	lib := ortLib(t)
	home := t.TempDir()
	env := []string{models.EnvHome + "=" + home}
	link := func(src string, set models.Set) {
		abs, err := filepath.Abs(src)
		if err == nil {
			err = os.MkdirAll(filepath.Join(home, "models"), 0o755)
		}
		if err == nil {
			err = os.Symlink(abs, models.Dir(set))
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	t.Setenv(models.EnvHome, home) // for models.Dir
	link(fixture, models.CaptionSmall)
	p := writePNG(t, t.TempDir(), "red.png", 64, 64, flat(red))
	r := run(t, nil, env, "describe", "--no-ocr", "--json", "--ort-lib", lib, p, p)
	if r.code != 0 || strings.Count(r.stdout, `"model":"`+models.Dir(models.CaptionSmall)+`"`) != 2 {
		t.Errorf("exit %d, stdout %q; want two captions by the small model", r.code, r.stdout)
	}
	checkOneSentence(t, r.stderr, "Florence-2 is not installed, so the small caption model describes the picture")
	if !strings.Contains(r.stderr, `run "describer models pull caption" to fetch Florence-2`) {
		t.Errorf("stderr %q lacks the command that fetches Florence-2", r.stderr)
	}
	if r = run(t, nil, env, "doctor", "--ort-lib", lib); !strings.Contains(r.stdout, "Florence-2 is not installed") {
		t.Errorf("doctor does not say the small model stands in:\n%s", r.stdout)
	}
	link(filepath.Join("..", "..", "inference", "florence2", "testdata", "tiny"), models.Caption)
	r = run(t, nil, env, "describe", "--no-ocr", "--json", "--ort-lib", lib, p)
	if r.code != 0 || !strings.Contains(r.stdout, `"model":"`+models.Dir(models.Caption)+`"`) || r.stderr != "" {
		t.Errorf("with Florence-2: exit %d, stdout %q, stderr %q; want Florence-2's caption and nothing on standard error", r.code, r.stdout, r.stderr)
	}
}

// TestDescribeWithFlorence2: --model accepts a Florence-2 folder (told
// apart by its config.json), --detail picks the level and --json names it;
// the captions are the fixture's beam-search references.
func TestDescribeWithFlorence2(t *testing.T) {
	lib := ortLib(t)
	dir := filepath.Join("..", "..", "inference", "florence2", "testdata")
	scene := filepath.Join(dir, "images", "scene_768x768.png")
	for detail, want := range map[string]string{
		"brief":     "A red car.",
		"paragraph": "A red car and the street and the car and two street and two car and three car",
	} {
		r := run(t, nil, nil, "describe", "--json", "--no-ocr", "--ort-lib", lib, "--model", filepath.Join(dir, "tiny"), "--detail", detail, scene)
		if r.code != 0 || !strings.Contains(r.stdout, `"caption":"`+want+`"`) || !strings.Contains(r.stdout, `"detail":"`+detail+`"`) {
			t.Errorf("--detail %s: exit %d, stdout %q, stderr %q", detail, r.code, r.stdout, r.stderr)
		}
	}
}

// waitUntil polls cond every 50 ms until it holds, failing the test after
// limit.
func waitUntil(t testing.TB, limit time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %v waiting for %s", limit, what)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
