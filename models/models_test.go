package models

import (
	"net/url"
	"path"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func TestDirs(t *testing.T) {
	t.Setenv(EnvHome, "")
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("XDG_DATA_HOME", "")
	t.Setenv("XDG_CONFIG_HOME", "")
	if runtime.GOOS == "linux" {
		if got, want := DataDir(), filepath.Join(home, ".local/share/describer"); got != want {
			t.Errorf("DataDir = %s, want %s", got, want)
		}
		if got, want := ConfigDir(), filepath.Join(home, ".config/describer"); got != want {
			t.Errorf("ConfigDir = %s, want %s", got, want)
		}
		t.Setenv("XDG_DATA_HOME", "/xdg/data")
		if got := DataDir(); got != "/xdg/data/describer" {
			t.Errorf("DataDir with XDG_DATA_HOME = %s", got)
		}
	}
	t.Setenv(EnvHome, "/opt/describer")
	if DataDir() != "/opt/describer" || ConfigDir() != "/opt/describer/config" {
		t.Errorf("DESCRIBER_HOME: %s %s", DataDir(), ConfigDir())
	}
	if got := Dir(Caption); got != "/opt/describer/models/Florence-2-base-ft" {
		t.Errorf("Dir(Caption) = %s", got)
	}
}

func TestCatalogIsWellFormed(t *testing.T) {
	if err := CatalogError(); err != nil {
		t.Fatal(err)
	}
	if Caption.Name != "caption" || OCR.Name != "ocr" {
		t.Fatalf("Caption %q and OCR %q not found in the catalog", Caption.Name, OCR.Name)
	}
	for _, s := range Sets {
		if s.Name == "" || s.Licence == "" || !strings.HasPrefix(s.Source, "https://") {
			t.Errorf("set %+v lacks a name, licence or HTTPS source", s.Name)
		}
		for _, f := range s.Files {
			src := f.Sources[0]
			switch {
			case src.Package != "":
				// npm-delivered files were fetched and hashed here: every one is pinned.
				if !strings.HasSuffix(src.Path, "/"+path.Base(f.Path)) && !strings.HasPrefix(path.Base(src.Path), "libonnxruntime.so") ||
					len(f.SHA256) != 64 || f.Size <= 0 || !strings.HasPrefix(f.HashNote, "verified here") {
					t.Errorf("%s: packaged file %+v lacks a pinned path, size or hash", s.Name, f)
				}
			case src.Path == "":
				if u, err := url.Parse(src.URL); err != nil || u.Scheme != "https" || !strings.HasSuffix(u.Path, "/"+path.Base(f.Path)) {
					t.Errorf("%s: file %s has URL %q", s.Name, f.Path, src.URL)
				}
			}
			if !f.Pinned() && !strings.HasPrefix(f.HashNote, "not verified here") {
				t.Errorf("%s: %s has no hash and its note does not say so: %q", s.Name, f.Path, f.HashNote)
			}
		}
	}
	// Every platform Describer builds for has a default runtime set, named
	// as ort.FindLibrary looks for it.
	for _, p := range []struct{ goos, goarch, lib string }{
		{"linux", "amd64", "libonnxruntime.so.1.24.1"}, {"linux", "arm64", "libonnxruntime.so.1.24.1"},
		{"windows", "amd64", "onnxruntime.dll"}, {"darwin", "arm64", "libonnxruntime.1.24.1.dylib"},
	} {
		s, ok := LookupFor("runtime", p.goos, p.goarch)
		if !ok || !s.Default || s.Files[0].Path != p.lib || DirIn("/d", s) != filepath.Join("/d", "runtime") {
			t.Errorf("%s/%s: runtime set %+v", p.goos, p.goarch, s)
		}
	}
	if s, ok := LookupFor("runtime-cuda", "linux", "amd64"); !ok || !s.OptIn || s.Default {
		t.Errorf("the CUDA runtime must be an opt-in set: %+v", s)
	}
	v, ok := LookupFor("voice", "linux", "amd64")
	if !ok || DirIn("/d", v) != filepath.Join("/d", "voices") || !v.Default || !v.Files[0].Pinned() {
		t.Errorf("the default voice must be pinned and go to /d/voices: %+v", v)
	}
}
