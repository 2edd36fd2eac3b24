package ort

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// touch creates an empty file at path, with its directories.
func touch(t *testing.T, path string) string {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// fakeSystemDirs makes FindLibrary see dirs as the system directories.
func fakeSystemDirs(t *testing.T, dirs ...string) {
	t.Helper()
	old := systemLibraryDirs
	systemLibraryDirs = func(string) []string { return dirs }
	t.Cleanup(func() { systemLibraryDirs = old })
}

func TestFindLibraryOrder(t *testing.T) {
	tmp := t.TempDir()
	flag := touch(t, filepath.Join(tmp, "flag", "libonnxruntime.so"))
	envLib := touch(t, filepath.Join(tmp, "env", "libonnxruntime.so"))
	dataDir := filepath.Join(tmp, "data")
	inData := touch(t, filepath.Join(dataDir, "runtime", libraryFileName(runtime.GOOS)))
	sysDir := filepath.Join(tmp, "sys")
	inSys := touch(t, filepath.Join(sysDir, systemLibraryNames(runtime.GOOS)[0]))
	fakeSystemDirs(t, filepath.Join(tmp, "empty"), sysDir)

	tests := []struct {
		name    string
		opt     Options
		env     string
		want    string
		wantErr string
	}{
		{"flag beats everything", Options{LibraryPath: flag, DataDir: dataDir}, envLib, flag, ""},
		{"env beats data dir", Options{DataDir: dataDir}, envLib, envLib, ""},
		{"data dir beats system", Options{DataDir: dataDir}, "", inData, ""},
		{"system last", Options{DataDir: filepath.Join(tmp, "nodata")}, "", inSys, ""},
		{"missing flag path does not fall through", Options{LibraryPath: filepath.Join(tmp, "nope.so"), DataDir: dataDir}, envLib,
			"", "ort: the ONNX Runtime library " + filepath.Join(tmp, "nope.so") + " (from --ort-lib) does not exist"},
		{"missing env path does not fall through", Options{DataDir: dataDir}, filepath.Join(tmp, "gone.so"),
			"", "ort: the ONNX Runtime library " + filepath.Join(tmp, "gone.so") + " (from DESCRIBER_ORT_LIB) does not exist"},
		{"directory flag means the file inside", Options{LibraryPath: filepath.Dir(inData)}, "", inData, ""},
		{"directory flag without the file", Options{LibraryPath: tmp}, "",
			"", "ort: the directory " + tmp + " (from --ort-lib) has no " + LibraryFileName() + " in it"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv(EnvLibrary, tt.env)
			got, err := FindLibrary(tt.opt)
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr {
					t.Fatalf("FindLibrary = %q, %v; want error %q", got, err, tt.wantErr)
				}
				if !errors.Is(err, ErrLibraryNotFound) || !errors.Is(err, fs.ErrNotExist) {
					t.Errorf("error %v does not match ErrLibraryNotFound and fs.ErrNotExist", err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("FindLibrary = %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}

func TestFindLibraryRelativePathBecomesAbsolute(t *testing.T) {
	tmp := t.TempDir()
	touch(t, filepath.Join(tmp, "lib", "libonnxruntime.so"))
	t.Chdir(tmp)
	t.Setenv(EnvLibrary, "")
	got, err := FindLibrary(Options{LibraryPath: filepath.Join("lib", "libonnxruntime.so")})
	if err != nil {
		t.Fatal(err)
	}
	if !filepath.IsAbs(got) {
		t.Errorf("FindLibrary = %q; want an absolute path, so the loader never searches for it", got)
	}
}

func TestFindLibraryNotFound(t *testing.T) {
	tmp := t.TempDir()
	sys1, sys2 := filepath.Join(tmp, "a"), filepath.Join(tmp, "b")
	fakeSystemDirs(t, sys1, "", sys2, sys1)
	t.Setenv(EnvLibrary, "")
	dataDir := filepath.Join(tmp, "data")

	_, err := FindLibrary(Options{DataDir: dataDir})
	var nf *LibraryNotFoundError
	if !errors.As(err, &nf) || !errors.Is(err, ErrLibraryNotFound) {
		t.Fatalf("err = %v; want a *LibraryNotFoundError matching ErrLibraryNotFound", err)
	}
	goos := runtime.GOOS
	want := []string{filepath.Join(dataDir, "runtime", libraryFileName(goos))}
	for _, dir := range []string{sys1, sys2} { // the empty and repeated entries are dropped
		for _, name := range systemLibraryNames(goos) {
			want = append(want, filepath.Join(dir, name))
		}
	}
	if !slices.Equal(nf.Tried, want) {
		t.Errorf("Tried = %q\nwant    %q", nf.Tried, want)
	}
	wantMsg := "ort: ONNX Runtime 1.24.1 is not installed (looked at " + want[0] + " and " +
		strconv.Itoa(len(want)-1) + " other places); run \"describer models pull runtime\" (make run does), or pass --ort-lib PATH"
	if err.Error() != wantMsg {
		t.Errorf("Error() = %q\nwant      %q", err, wantMsg)
	}
}

func TestDefaultSystemDirsLinux(t *testing.T) {
	t.Setenv("LD_LIBRARY_PATH", "/opt/ort/lib:/srv/lib")
	dirs := defaultSystemLibraryDirs("linux")
	if len(dirs) < 4 || dirs[0] != "/opt/ort/lib" || dirs[1] != "/srv/lib" {
		t.Fatalf("dirs = %q; want LD_LIBRARY_PATH entries first", dirs)
	}
	for _, want := range []string{"/usr/local/lib", "/usr/lib"} {
		if !slices.Contains(dirs, want) {
			t.Errorf("dirs = %q; missing %s", dirs, want)
		}
	}
}

func TestLibraryFileNames(t *testing.T) {
	for goos, want := range map[string]string{
		"linux":   "libonnxruntime.so.1.24.1",
		"darwin":  "libonnxruntime.1.24.1.dylib",
		"windows": "onnxruntime.dll",
	} {
		if got := libraryFileName(goos); got != want {
			t.Errorf("libraryFileName(%q) = %q; want %q", goos, got, want)
		}
	}
}

func TestLibraryNotFoundErrorSentence(t *testing.T) {
	err := &LibraryNotFoundError{Tried: []string{"/x/libonnxruntime.so.1.24.1"}}
	msg := err.Error()
	if strings.Count(msg, ". ") > 0 || !strings.HasSuffix(msg, "--ort-lib PATH") || !strings.Contains(msg, "/x/libonnxruntime.so.1.24.1") {
		t.Errorf("Error() = %q; want one sentence naming the path and ending with how to get it", msg)
	}
}
