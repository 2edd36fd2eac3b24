package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/describer/describer/models"
)

// TestDoctorShowsTheCatalog checks that doctor lists every model set of
// this platform with its state and the command that fetches the rest.
func TestDoctorShowsTheCatalog(t *testing.T) {
	home := t.TempDir()
	r := run(t, nil, []string{models.EnvHome + "=" + home, "DESCRIBER_ORT_LIB="}, "doctor")
	if r.code != 1 {
		t.Errorf("nothing installed: exit %d, want 1", r.code)
	}
	for _, want := range []string{"Model sets (describer models list):", "caption        missing", "ocr            missing",
		"runtime        missing", "runtime-cuda   not installed (opt-in)", `Run "describer models pull caption ocr voice runtime"`,
		`Run "describer models pull runtime"`, `Run "describer models pull ocr"`, "speech uses eSpeak NG",
		filepath.Join(home, "models", "ppocr-v4")} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("doctor output lacks %q:\n%s", want, r.stdout)
		}
	}
}
