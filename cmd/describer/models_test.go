package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/describer/describer/inference/ort/orttest"
	"github.com/describer/describer/models"
)

// offline makes every HTTPS request of the program go to a proxy on a
// closed port: the network is unreachable, deterministically. It holds in a
// process started with it (runProcess): net/http reads the proxy settings
// once per process.
var offline = []string{"HTTPS_PROXY=http://127.0.0.1:1", "https_proxy=http://127.0.0.1:1", "NO_PROXY=", "no_proxy="}

// TestModelsOffline: with no network, pulling the caption model fails in
// one sentence naming the host and the way to do it by hand; first run
// says once what is missing and exits 0; reading text still works. It runs
// processes: net/http reads the proxy settings once per process.
func TestModelsOffline(t *testing.T) {
	home := t.TempDir()
	env := append([]string{models.EnvHome + "=" + home}, offline...)
	r := runProcess(t, nil, env, "models", "pull", "caption")
	if r.code != 1 {
		t.Fatalf("offline pull: exit %d, want 1\n%s%s", r.code, r.stdout, r.stderr)
	}
	checkOneSentence(t, r.stderr, "huggingface.co cannot be reached")
	for _, want := range []string{"download the files from " + models.Caption.Manual,
		filepath.Join(home, "models", "Florence-2-base-ft"), "or use --model DIR"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q: %q", want, r.stderr)
		}
	}
	if m, _ := filepath.Glob(filepath.Join(home, "models", "Florence-2-base-ft", "*")); len(m) != 0 {
		t.Errorf("an offline pull left files: %v", m)
	}
	r = runProcess(t, nil, env, "models", "pull", "--first-run", "caption", "voice")
	if r.code != 0 {
		t.Errorf("first run offline: exit %d, want 0 (the app still starts)", r.code)
	}
	checkOneSentence(t, r.stderr, `run "describer models pull caption voice" to fetch them`)
	for _, want := range []string{"not installed: caption", "voice (63.5 MB)", "huggingface.co cannot be reached",
		"describe still reads", "eSpeak NG"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("first-run note lacks %q: %q", want, r.stderr)
		}
	}
	// OCR still works offline with the models at hand.
	lib := ortLib(t)
	dialog, _ := filepath.Abs("../../inference/ocr/testdata/screens/dialog.png")
	r = runProcess(t, nil, offline, "describe", "--ocr-only", "--device", "cpu", "--ort-lib", lib,
		"--ocr-models", orttest.OCRModels(t), dialog)
	if r.code != 0 || !strings.Contains(squash(r.stdout), "cancel") {
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
			r := run(t, nil, nil, tc.args...)
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

// TestModelsPullUnpinnedNeedsConsent runs a process, offline, so that a
// pull that failed to ask could not reach the network (see TestModelsOffline).
func TestModelsPullUnpinnedNeedsConsent(t *testing.T) {
	r := runProcess(t, nil, offline, "models", "pull", "voice-kristin")
	if r.code != 1 {
		t.Errorf("exit %d, want 1", r.code)
	}
	checkOneSentence(t, r.stderr, "--allow-unpinned voice-kristin")
}
