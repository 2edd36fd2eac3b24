//go:build cgo

package ort

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// mustOpen opens the real ONNX Runtime with opt (its LibraryPath filled in)
// and closes it when the test ends.
func mustOpen(tb testing.TB, opt Options) *Runtime {
	tb.Helper()
	opt.LibraryPath = testLibrary(tb)
	r, err := Open(opt)
	if err != nil {
		tb.Fatalf("Open: %v", err)
	}
	tb.Cleanup(func() {
		if err := r.Close(); err != nil {
			tb.Errorf("Close: %v", err)
		}
	})
	return r
}

func TestOpenCPU(t *testing.T) {
	r := mustOpen(t, Options{Device: "cpu", Threads: 3})
	if r.Device() != DeviceCPU || r.FallbackReason() != "" {
		t.Errorf("Device() = %q, FallbackReason() = %q; want cpu and no reason", r.Device(), r.FallbackReason())
	}
	if r.Version() != RequiredVersion {
		t.Errorf("Version() = %q; want %s", r.Version(), RequiredVersion)
	}
	if r.LibraryPath() != testLibrary(t) || r.Threads() != 3 {
		t.Errorf("LibraryPath() = %q, Threads() = %d", r.LibraryPath(), r.Threads())
	}
}

func TestOpenDefaultThreads(t *testing.T) {
	r := mustOpen(t, Options{Device: "cpu"})
	if want := min(runtime.NumCPU(), 8); r.Threads() != want {
		t.Errorf("Threads() = %d; want %d", r.Threads(), want)
	}
}

func TestOpenAutoFallsBackToCPU(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the expected reason is for the Linux CPU-only library")
	}
	for _, device := range []string{"", "auto", " AUTO "} {
		r := mustOpen(t, Options{Device: device})
		if r.Device() != DeviceCPU {
			t.Errorf("Device(%q) = %q; want cpu on the CPU-only library", device, r.Device())
		}
		if want := "CUDA unavailable in this ONNX Runtime build; using CPU"; r.FallbackReason() != want {
			t.Errorf("FallbackReason() = %q; want %q", r.FallbackReason(), want)
		}
	}
}

func TestOpenExplicitDeviceNeverFallsBack(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the expected messages are for the Linux CPU-only library")
	}
	lib := testLibrary(t)
	tests := []struct{ device, want string }{
		{"cuda", "ort: device cuda cannot be used: CUDA unavailable in this ONNX Runtime build (there is no " +
			"libonnxruntime_providers_cuda.so beside " + lib + ")"},
		{"directml", "ort: device directml cannot be used: DirectML is only available on Windows"},
		{"coreml", "ort: device coreml cannot be used: CoreML is only available on macOS"},
	}
	for _, tt := range tests {
		t.Run(tt.device, func(t *testing.T) {
			r, err := Open(Options{LibraryPath: lib, Device: tt.device})
			if err == nil {
				t.Fatalf("Open succeeded with device %s", r.Device())
			}
			if !errors.Is(err, ErrDeviceUnavailable) || err.Error() != tt.want {
				t.Errorf("err = %q\nwant %q matching ErrDeviceUnavailable", err, tt.want)
			}
		})
	}
}

func TestOpenBadOptions(t *testing.T) {
	lib := testLibrary(t)
	for _, opt := range []Options{{Device: "gpu"}, {Threads: -1}} {
		opt.LibraryPath = lib
		if r, err := Open(opt); err == nil {
			t.Errorf("Open(%+v) = %v; want an error", opt, r)
		} else if !strings.HasPrefix(err.Error(), "ort: ") {
			t.Errorf("err = %q; want an ort: prefix", err)
		}
	}
}

func TestProviders(t *testing.T) {
	r := mustOpen(t, Options{Device: "cpu"})
	got := r.Providers()
	names := make([]string, len(got))
	for i, p := range got {
		names[i] = p.Name
		if p.Available != (p.Reason == "") {
			t.Errorf("%s: Available %v with reason %q", p.Name, p.Available, p.Reason)
		}
	}
	if strings.Join(names, ",") != "cpu,cuda,directml,coreml" {
		t.Fatalf("providers %v; want cpu, cuda, directml, coreml", names)
	}
	if !got[0].Available {
		t.Errorf("cpu unavailable: %s", got[0].Reason)
	}
	if runtime.GOOS == "linux" {
		for _, p := range got[1:] {
			if p.Available {
				t.Errorf("%s available on the Linux CPU-only library", p.Name)
			}
		}
		if !strings.HasPrefix(got[1].Reason, "CUDA unavailable in this ONNX Runtime build") {
			t.Errorf("cuda reason %q", got[1].Reason)
		}
	}
	t.Logf("%+v", got)
}

func TestClassifyProviderErrors(t *testing.T) {
	tests := []struct{ msg, want string }{
		{"Specified provider is not supported.", "DirectML unavailable in this ONNX Runtime build"},
		{"CUDA execution provider is not enabled in this build.", "DirectML unavailable in this ONNX Runtime build"},
		{"OrtSessionOptionsAppendExecutionProvider_Cuda: Failed to load shared library", "DirectML libraries could not be loaded"},
		{"Failed to load library libonnxruntime_providers_cuda.so with error: libcublasLt.so.12: cannot open shared object file",
			"DirectML libraries could not be loaded"},
		{"CUDA failure 100: no CUDA-capable device is detected ; GPU=0", "no working DirectML GPU or driver found"},
		{"something else entirely.\nsecond line", "DirectML failed to start"},
	}
	for _, tt := range tests {
		u := classify("DirectML", errors.New(tt.msg))
		if u.short != tt.want {
			t.Errorf("classify(%q) = %q; want %q", tt.msg, u.short, tt.want)
		}
		if strings.Contains(u.Error(), "\n") || strings.HasSuffix(u.detail, ".") {
			t.Errorf("classify(%q).Error() = %q; want one line without a full stop", tt.msg, u.Error())
		}
	}
}

func TestOpenCloseOpenAgain(t *testing.T) {
	lib := testLibrary(t)
	for i := range 3 {
		r, err := Open(Options{LibraryPath: lib, Device: "cpu"})
		if err != nil {
			t.Fatalf("Open #%d: %v", i+1, err)
		}
		s, err := r.NewSession(testModel("add.onnx"))
		if err != nil {
			t.Fatal(err)
		}
		if err := r.Close(); err != nil { // the session keeps the environment alive
			t.Fatal(err)
		}
		runAdd(t, s)
		if err := errors.Join(s.Close(), s.Close(), r.Close()); err != nil {
			t.Fatal(err)
		}
		if _, err := r.NewSession(testModel("add.onnx")); err == nil {
			t.Fatal("NewSession on a closed Runtime succeeded")
		}
	}
}

func TestOpenSecondLibraryIsAnError(t *testing.T) {
	mustOpen(t, Options{Device: "cpu"})
	other := filepath.Join(t.TempDir(), "libonnxruntime.so")
	if err := os.WriteFile(other, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Open(Options{LibraryPath: other, Device: "cpu"})
	if !errors.Is(err, ErrLibraryLoad) || !strings.Contains(err.Error(), "already loaded from") {
		t.Errorf("err = %v; want ErrLibraryLoad saying another library is already loaded", err)
	}
}

// The wrong-library cases run in a child process: ONNX Runtime loading is
// process-wide, and the test binary may already have the real one loaded.

// helperEnv makes the test binary act as openInChild's child.
const helperEnv = "DESCRIBER_ORT_TEST_HELPER_LIB"

// helperResult is what the child reports about Open.
type helperResult struct {
	Err                                     string
	IsLoad, IsVersion, IsNotFound, IsDevice bool
}

// TestMain makes the test binary, when started with helperEnv set, act as
// the child of openInChild: it calls Open on that library, prints a
// helperResult as JSON and exits, running no tests.
func TestMain(m *testing.M) {
	if lib := os.Getenv(helperEnv); lib != "" {
		os.Exit(helperOpen(lib))
	}
	os.Exit(m.Run())
}

func helperOpen(lib string) int {
	r, err := Open(Options{LibraryPath: lib, Device: "cpu"})
	res := helperResult{Err: fmt.Sprint(err), IsLoad: errors.Is(err, ErrLibraryLoad),
		IsVersion: errors.Is(err, ErrLibraryVersion), IsNotFound: errors.Is(err, ErrLibraryNotFound),
		IsDevice: errors.Is(err, ErrDeviceUnavailable)}
	if err == nil {
		res.Err = ""
		err = r.Close()
	}
	b, _ := json.Marshal(res)
	fmt.Printf("\nRESULT %s\n", b)
	if err != nil {
		fmt.Println(err)
		return 1
	}
	return 0
}

// openInChild runs Open(lib) in a child process and returns its result.
func openInChild(t *testing.T, lib string) helperResult {
	t.Helper()
	cmd := exec.Command(os.Args[0])
	cmd.Env = append(os.Environ(), helperEnv+"="+lib)
	out, err := cmd.CombinedOutput()
	i := strings.LastIndex(string(out), "\nRESULT ")
	if i < 0 {
		t.Fatalf("child failed (%v) without a result:\n%s", err, out)
	}
	var res helperResult
	line, _, _ := strings.Cut(string(out[i+len("\nRESULT "):]), "\n")
	if err := json.Unmarshal([]byte(line), &res); err != nil {
		t.Fatalf("child result %q: %v", line, err)
	}
	return res
}

// compileLibrary builds C source into a shared library with the cgo C
// compiler, or skips the test if there is none.
func compileLibrary(t *testing.T, name, src string) string {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("the fake libraries are built for ELF and Mach-O systems")
	}
	cc := os.Getenv("CC")
	if cc == "" {
		cc = "gcc"
	}
	if _, err := exec.LookPath(cc); err != nil {
		if os.Getenv("DESCRIBER_REQUIRE_ORT") == "1" {
			t.Fatalf("no C compiler to build the fake library: %v", err)
		}
		t.Skipf("no C compiler to build the fake library: %v", err)
	}
	dir := t.TempDir()
	c := filepath.Join(dir, name+".c")
	lib := filepath.Join(dir, "lib"+name+".so")
	if err := os.WriteFile(c, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(cc, "-shared", "-fPIC", "-o", lib, c).CombinedOutput(); err != nil {
		t.Fatalf("%s: %v\n%s", cc, err, out)
	}
	return lib
}

func TestWrongLibrary(t *testing.T) {
	textFile := filepath.Join(t.TempDir(), "libonnxruntime.so.1.24.1")
	if err := os.WriteFile(textFile, []byte("this is a text file, not a library\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Run("old version", func(t *testing.T) {
		lib := compileLibrary(t, "oldort", readTestdata(t, "old_ort.c"))
		res := openInChild(t, lib)
		want := "ort: " + lib + " is ONNX Runtime 1.16.3, which lacks C API 24; Describer needs ONNX Runtime 1.24.1 " +
			"or newer (run \"describer models pull runtime\" (make run does), or pass --ort-lib PATH)"
		if !res.IsVersion || res.Err != want {
			t.Errorf("got %+v\nwant error %q matching ErrLibraryVersion", res, want)
		}
	})
	t.Run("not ONNX Runtime", func(t *testing.T) {
		lib := compileLibrary(t, "other", "int describer_something(void) { return 1; }\n")
		res := openInChild(t, lib)
		if !res.IsLoad || !strings.Contains(res.Err, "is a shared library but not ONNX Runtime") {
			t.Errorf("got %+v; want ErrLibraryLoad saying it is not ONNX Runtime", res)
		}
	})
	t.Run("text file", func(t *testing.T) {
		res := openInChild(t, textFile)
		want := "ort: " + textFile + " is not a shared library ("
		if !res.IsLoad || !strings.HasPrefix(res.Err, want) {
			t.Errorf("got %+v\nwant error starting %q matching ErrLibraryLoad", res, want)
		}
	})
	t.Run("the real one", func(t *testing.T) {
		if res := openInChild(t, testLibrary(t)); res.Err != "" {
			t.Errorf("child could not open the real library: %s", res.Err)
		}
	})
}

// TestOpenAutoReasonFollowsTheError puts a fake CUDA provider library
// beside a link to the real library, so ONNX Runtime itself tries, and
// fails, to load CUDA support: the fallback reason must say that kind of
// failure rather than the "not in this build" one.
func TestOpenAutoReasonFollowsTheError(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("builds a Linux provider library layout")
	}
	lib := testLibrary(t)
	dir := t.TempDir()
	link := filepath.Join(dir, filepath.Base(lib))
	if err := os.Symlink(lib, link); err != nil {
		t.Fatal(err)
	}
	touch(t, providerLibraryPath(link, "cuda", runtime.GOOS))
	r, err := Open(Options{LibraryPath: link})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if want := "CUDA libraries could not be loaded; using CPU"; r.Device() != DeviceCPU || r.FallbackReason() != want {
		t.Errorf("Device() = %q, FallbackReason() = %q; want cpu, %q", r.Device(), r.FallbackReason(), want)
	}
	_, err = Open(Options{LibraryPath: link, Device: "cuda"})
	want := "ort: device cuda cannot be used: CUDA libraries could not be loaded (there is no " +
		"libonnxruntime_providers_shared.so beside " + link + ")"
	if !errors.Is(err, ErrDeviceUnavailable) || err.Error() != want {
		t.Errorf("err = %v\nwant %s", err, want)
	}
	touch(t, providerLibraryPath(link, "shared", runtime.GOOS))
	_, err = Open(Options{LibraryPath: link, Device: "cuda"})
	if !errors.Is(err, ErrDeviceUnavailable) || !strings.Contains(err.Error(), "libonnxruntime_providers_cuda.so: file too short") {
		t.Errorf("err = %v; want the loader's message about the provider library", err)
	}
	t.Log(err)
}

// readTestdata returns the text of testdata/name.
func readTestdata(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
