// Package orttest gives tests the real ONNX Runtime the way make test
// provides it: opened once per test binary, failing the test when
// DESCRIBER_REQUIRE_ORT=1 (as make test sets) and skipping with the reason
// elsewhere. It also builds a fake old runtime for version tests.
package orttest

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sync"
	"testing"

	"github.com/describer/describer/inference/ort"
	"github.com/describer/describer/models"
)

// EnvRequire names the variable that turns a missing runtime from a skip
// into a failure.
const EnvRequire = "DESCRIBER_REQUIRE_ORT"

var (
	once sync.Once
	rt   *ort.Runtime
	err  error
)

// missing fails or skips tb for the reason err.
func missing(tb testing.TB, err error) {
	tb.Helper()
	if os.Getenv(EnvRequire) == "1" {
		tb.Fatalf("ONNX Runtime required: %v", err)
	}
	tb.Skipf("no ONNX Runtime (run make test to fetch it): %v", err)
}

// Library returns the path of the ONNX Runtime library that Describer
// would find.
func Library(tb testing.TB) string {
	tb.Helper()
	p, err := ort.FindLibrary(ort.Options{DataDir: models.DataDir()})
	if err != nil {
		missing(tb, err)
	}
	return p
}

// Runtime returns the process's ONNX Runtime on the CPU, opened on first
// use and kept open for the rest of the test binary.
func Runtime(tb testing.TB) *ort.Runtime {
	tb.Helper()
	once.Do(func() { rt, err = ort.Open(ort.Options{DataDir: models.DataDir(), Device: "cpu"}) })
	if err != nil {
		missing(tb, err)
	}
	return rt
}

// OldLibrary builds, with the C compiler cgo uses, a fake ONNX Runtime
// 1.16.3 (inference/ort/testdata/old_ort.c) that lacks the C API version
// Describer needs, and returns its path.
func OldLibrary(tb testing.TB) string {
	tb.Helper()
	_, self, _, _ := runtime.Caller(0)
	src := filepath.Join(filepath.Dir(self), "..", "testdata", "old_ort.c")
	lib := filepath.Join(tb.TempDir(), "libonnxruntime.so.1.16.3")
	cc := os.Getenv("CC")
	if cc == "" {
		cc = "gcc"
	}
	if out, err := exec.Command(cc, "-shared", "-fPIC", "-o", lib, src).CombinedOutput(); err != nil {
		tb.Fatalf("build the fake ONNX Runtime with %s: %v\n%s", cc, err, out)
	}
	return lib
}
