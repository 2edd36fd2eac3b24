package ort

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// testDataDir returns the test data folder that make test fills and names
// in DESCRIBER_TEST_DATA (orttest.EnvData, which this package's own tests
// cannot import), never the user's data folder.
func testDataDir() string { return os.Getenv("DESCRIBER_TEST_DATA") }

// testLibrary returns the real ONNX Runtime library, or skips the test when
// it is missing (fails instead when DESCRIBER_REQUIRE_ORT=1, as in make test).
func testLibrary(tb testing.TB) string {
	tb.Helper()
	path, err := FindLibrary(Options{DataDir: testDataDir()})
	if err == nil && testDataDir() != "" {
		return path
	}
	if err == nil {
		err = errors.New("DESCRIBER_TEST_DATA is not set (make test sets it)")
	}
	if os.Getenv("DESCRIBER_REQUIRE_ORT") == "1" {
		tb.Fatalf("DESCRIBER_REQUIRE_ORT=1 but: %v", err)
	}
	tb.Skipf("skipping: needs the ONNX Runtime library: %v", err)
	return ""
}

// testModel returns the path of a model in testdata.
func testModel(name string) string { return filepath.Join("testdata", name) }
