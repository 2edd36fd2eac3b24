package ort

import (
	"os"
	"path/filepath"
	"testing"
)

// testDataDir returns Describer's data directory the way scripts/setup.sh
// and the Makefile choose it.
func testDataDir() string {
	if d := os.Getenv("DESCRIBER_HOME"); d != "" {
		return d
	}
	if d := os.Getenv("XDG_DATA_HOME"); d != "" {
		return filepath.Join(d, "describer")
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return ""
	}
	return filepath.Join(home, ".local", "share", "describer")
}

// testLibrary returns the real ONNX Runtime library, or skips the test when
// it is missing (fails instead when DESCRIBER_REQUIRE_ORT=1, as in make test).
func testLibrary(tb testing.TB) string {
	tb.Helper()
	path, err := FindLibrary(Options{DataDir: testDataDir()})
	if err == nil {
		return path
	}
	if os.Getenv("DESCRIBER_REQUIRE_ORT") == "1" {
		tb.Fatalf("DESCRIBER_REQUIRE_ORT=1 but: %v", err)
	}
	tb.Skipf("skipping: needs the ONNX Runtime library: %v", err)
	return ""
}

// testModel returns the path of a model in testdata.
func testModel(name string) string { return filepath.Join("testdata", name) }
