package models

import (
	"net/url"
	"os"
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
	if got := Dir(Caption); got != "/opt/describer/models/vit-gpt2-image-captioning" {
		t.Errorf("Dir(Caption) = %s", got)
	}
}

func TestCatalogIsWellFormed(t *testing.T) {
	for _, s := range Sets {
		if s.Name == "" || s.Licence == "" || s.Folder == "" || !strings.HasPrefix(s.Source, "https://") {
			t.Errorf("set %+v lacks a name, licence, folder or HTTPS source", s)
		}
		seen := map[string]bool{}
		for _, f := range s.Files {
			if f.Package != "" {
				if !strings.Contains(f.Package[1:], "@") || !strings.HasSuffix(f.PackagePath, "/"+f.Path) ||
					len(f.SHA256) != 64 || f.Size <= 0 {
					t.Errorf("%s: packaged file %+v lacks a pinned version, path, size or hash", s.Name, f)
				}
			} else if u, err := url.Parse(f.URL); err != nil || u.Scheme != "https" || !strings.HasSuffix(u.Path, "/"+f.Path) {
				t.Errorf("%s: file %s has URL %q", s.Name, f.Path, f.URL)
			}
			if seen[f.Path] || filepath.IsAbs(f.Path) || strings.Contains(f.Path, "..") {
				t.Errorf("%s: bad or repeated path %q", s.Name, f.Path)
			}
			seen[f.Path] = true
		}
	}
}

// TestSetupPinsTheCatalogHashes checks that scripts/setup.sh verifies the
// OCR files against the same SHA-256 values as the catalog.
func TestSetupPinsTheCatalogHashes(t *testing.T) {
	script, err := os.ReadFile("../scripts/setup.sh")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range OCR.Files {
		if !strings.Contains(string(script), f.Path+" "+f.SHA256) {
			t.Errorf("setup.sh does not pin %s to %s", f.Path, f.SHA256)
		}
	}
}
