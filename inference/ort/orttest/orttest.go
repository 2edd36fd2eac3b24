// Package orttest gives tests the real ONNX Runtime and PP-OCRv4 models the
// way make test provides them: from the folder named by DESCRIBER_TEST_DATA,
// which set-up fills (never the user's own data folder), the runtime opened
// once per test binary, failing the test when DESCRIBER_REQUIRE_ORT=1 (as
// make test sets) and skipping with the reason elsewhere. It also builds a
// fake old runtime for version tests.
package orttest

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/describer/describer/inference/ort"
	"github.com/describer/describer/models"
)

// EnvRequire names the variable that turns a missing runtime from a skip
// into a failure.
const EnvRequire = "DESCRIBER_REQUIRE_ORT"

// EnvData names the variable that holds the test data folder: a data folder
// laid out as Describer's own (runtime/, models/ppocr-v4/), filled by
// make test-data.
const EnvData = "DESCRIBER_TEST_DATA"

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

// DataDir returns the test data folder named by DESCRIBER_TEST_DATA.
func DataDir(tb testing.TB) string {
	tb.Helper()
	dir := os.Getenv(EnvData)
	if dir == "" {
		missing(tb, errors.New(EnvData+" is not set (make test sets it and fills the folder)"))
	}
	return dir
}

// OCRModels returns the folder of the PP-OCRv4 models in the test data.
func OCRModels(tb testing.TB) string {
	tb.Helper()
	dir := models.DirIn(DataDir(tb), models.OCR)
	if _, err := os.Stat(filepath.Join(dir, models.OCR.Files[0].Path)); err != nil {
		missing(tb, fmt.Errorf("the PP-OCRv4 models are not in the test data: %w", err))
	}
	return dir
}

// Library returns the path of the ONNX Runtime library in the test data.
func Library(tb testing.TB) string {
	tb.Helper()
	p, err := ort.FindLibrary(ort.Options{DataDir: DataDir(tb)})
	if err != nil {
		missing(tb, err)
	}
	return p
}

// Runtime returns the process's ONNX Runtime on the CPU, opened on first
// use and kept open for the rest of the test binary.
func Runtime(tb testing.TB) *ort.Runtime {
	tb.Helper()
	lib := Library(tb)
	once.Do(func() { rt, err = ort.Open(ort.Options{LibraryPath: lib, Device: "cpu"}) })
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

// BenchLoad measures a model's start with and without the graph cache:
// each iteration calls load with an empty cache folder, then twice with
// the graphs that load kept, and the benchmark reports the first load, the
// second cached one and their ratio (issue 15's goal: at most 0.4). The
// first cached load is not counted: right after the graphs were written it
// waits for the disk, which a real later start does not. load returns how
// long loading took.
func BenchLoad(b *testing.B, load func(cache string) time.Duration) {
	var cold, warm time.Duration
	for b.Loop() {
		cache := b.TempDir()
		cold += load(cache)
		load(cache)
		warm += load(cache)
	}
	n := float64(b.N)
	b.ReportMetric(float64(cold.Milliseconds())/n, "first-load-ms")
	b.ReportMetric(float64(warm.Milliseconds())/n, "cached-load-ms")
	b.ReportMetric(warm.Seconds()/cold.Seconds(), "cached/first")
}

// PeakRSS returns the process's peak resident set size (VmHWM) in bytes,
// for benchmarks' memory figures; it skips where /proc is missing.
func PeakRSS(tb testing.TB) int64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		tb.Skipf("skipping: peak memory needs /proc/self/status: %v", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			return kb << 10
		}
	}
	return 0
}
