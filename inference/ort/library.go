package ort

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
)

// EnvLibrary names the environment variable that, like the --ort-lib flag,
// names the ONNX Runtime library to load.
const EnvLibrary = "DESCRIBER_ORT_LIB"

// LibraryFileName returns the file name of the ONNX Runtime library on this
// platform, as it is installed in the data directory's runtime folder:
// libonnxruntime.so.1.24.1, libonnxruntime.1.24.1.dylib or onnxruntime.dll.
func LibraryFileName() string { return libraryFileName(runtime.GOOS) }

func libraryFileName(goos string) string {
	switch goos {
	case "windows":
		return "onnxruntime.dll"
	case "darwin":
		return "libonnxruntime." + RequiredVersion + ".dylib"
	}
	return "libonnxruntime.so." + RequiredVersion
}

// systemLibraryNames lists the file names looked for in system directories,
// most specific first.
func systemLibraryNames(goos string) []string {
	switch goos {
	case "windows":
		return []string{"onnxruntime.dll"}
	case "darwin":
		return []string{libraryFileName(goos), "libonnxruntime.dylib"}
	}
	return []string{libraryFileName(goos), "libonnxruntime.so.1", "libonnxruntime.so"}
}

// systemLibraryDirs returns the system directories searched after the data
// directory, in order. Tests replace it.
var systemLibraryDirs = defaultSystemLibraryDirs

func defaultSystemLibraryDirs(goos string) []string {
	switch goos {
	case "windows":
		var dirs []string
		if exe, err := os.Executable(); err == nil {
			dirs = append(dirs, filepath.Dir(exe))
		}
		return append(dirs, filepath.SplitList(os.Getenv("PATH"))...)
	case "darwin":
		dirs := filepath.SplitList(os.Getenv("DYLD_LIBRARY_PATH"))
		return append(dirs, "/opt/homebrew/lib", "/usr/local/lib", "/usr/lib")
	}
	dirs := filepath.SplitList(os.Getenv("LD_LIBRARY_PATH"))
	dirs = append(dirs, "/usr/local/lib")
	if triplet := debianTriplet(runtime.GOARCH); triplet != "" {
		dirs = append(dirs, "/usr/lib/"+triplet)
	}
	return append(dirs, "/usr/lib", "/usr/lib64")
}

// debianTriplet returns the multiarch directory name for goarch.
func debianTriplet(goarch string) string {
	switch goarch {
	case "amd64":
		return "x86_64-linux-gnu"
	case "arm64":
		return "aarch64-linux-gnu"
	}
	return ""
}

// FindLibrary returns the absolute path of the ONNX Runtime library to load.
// It looks, in order, at opt.LibraryPath, the DESCRIBER_ORT_LIB environment
// variable, opt.DataDir/runtime/[LibraryFileName], and then the system
// library directories (LD_LIBRARY_PATH, /usr/local/lib, /usr/lib/<triplet>,
// /usr/lib and /usr/lib64 on Linux; DYLD_LIBRARY_PATH, /opt/homebrew/lib,
// /usr/local/lib and /usr/lib on macOS; the executable's directory and PATH
// on Windows).
//
// A path given by the flag or the environment that does not exist is an
// error naming it; it never falls through to the other places. When nothing
// is found the error is a *[LibraryNotFoundError]; every failure matches
// [ErrLibraryNotFound].
func FindLibrary(opt Options) (string, error) {
	if opt.LibraryPath != "" {
		return explicitLibrary(opt.LibraryPath, "--ort-lib")
	}
	if p := os.Getenv(EnvLibrary); p != "" {
		return explicitLibrary(p, EnvLibrary)
	}
	tried := libraryCandidates(opt.DataDir, runtime.GOOS)
	for _, p := range tried {
		if isFile(p) {
			return absPath(p), nil
		}
	}
	return "", &LibraryNotFoundError{Tried: tried}
}

// libraryCandidates lists every path FindLibrary tries after the explicit
// ones, without duplicates.
func libraryCandidates(dataDir, goos string) []string {
	var paths []string
	seen := map[string]bool{}
	add := func(p string) {
		if !seen[p] {
			seen[p] = true
			paths = append(paths, p)
		}
	}
	if dataDir != "" {
		add(filepath.Join(dataDir, "runtime", libraryFileName(goos)))
	}
	for _, dir := range systemLibraryDirs(goos) {
		if dir == "" {
			continue // an empty PATH entry means the working directory; skip it
		}
		for _, name := range systemLibraryNames(goos) {
			add(filepath.Join(dir, name))
		}
	}
	return paths
}

// explicitLibrary checks a library path the user named through source.
func explicitLibrary(path, source string) (string, error) {
	abs := absPath(path)
	st, err := os.Stat(abs)
	if errors.Is(err, fs.ErrNotExist) {
		return "", sentence(ErrLibraryNotFound, err,
			"ort: the ONNX Runtime library %s (from %s) does not exist", abs, source)
	}
	if err != nil {
		return "", sentence(ErrLibraryNotFound, err, "ort: cannot read the ONNX Runtime library %s (from %s): %v",
			abs, source, unwrapPathError(err))
	}
	if !st.IsDir() {
		return abs, nil
	}
	inside := filepath.Join(abs, LibraryFileName())
	if isFile(inside) {
		return inside, nil
	}
	return "", sentence(ErrLibraryNotFound, fs.ErrNotExist,
		"ort: the directory %s (from %s) has no %s in it", abs, source, LibraryFileName())
}

// unwrapPathError drops the *fs.PathError wrapper, whose message repeats the
// path the caller's sentence already names.
func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func isFile(path string) bool {
	st, err := os.Stat(path)
	return err == nil && !st.IsDir()
}

// absPath makes path absolute so that the dynamic loader never searches for
// it; it returns path unchanged if the working directory is unknown.
func absPath(path string) string {
	if abs, err := filepath.Abs(path); err == nil {
		return abs
	}
	return path
}

// samePath reports whether a and b name the same file, following links.
func samePath(a, b string) bool {
	if a == b {
		return true
	}
	ra, errA := filepath.EvalSymlinks(a)
	rb, errB := filepath.EvalSymlinks(b)
	return errA == nil && errB == nil && ra == rb
}

// providerLibraryPath returns the path of an ONNX Runtime provider library
// (such as "cuda") beside the main library at lib.
func providerLibraryPath(lib, provider, goos string) string {
	name := "libonnxruntime_providers_" + provider + ".so"
	if goos == "windows" {
		name = "onnxruntime_providers_" + provider + ".dll"
	}
	return filepath.Join(filepath.Dir(lib), name)
}

// trimSentence shortens an ONNX Runtime message to its first line without
// the trailing full stop, for use inside one of our sentences.
func trimSentence(msg string) string {
	msg = strings.TrimSpace(msg)
	if i := strings.IndexByte(msg, '\n'); i >= 0 {
		msg = strings.TrimSpace(msg[:i])
	}
	return strings.TrimSuffix(msg, ".")
}
