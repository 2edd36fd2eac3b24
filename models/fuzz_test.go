package models

import (
	"archive/tar"
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func FuzzParseCatalog(f *testing.F) {
	f.Add(catalogJSON)
	f.Add([]byte(`{"schema":1,"sets":[]}`))
	f.Add([]byte(`{"schema":1,"sets":[{"name":"x","kind":"ocr","title":"t","folder":"../x","licence":"MIT","source":"https://a","files":[]}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		sets, err := ParseCatalog(data)
		if err != nil {
			return
		}
		// Whatever parses is safe to install: paths stay inside, sources are
		// HTTPS or pinned npm packages, sizes are capped.
		for _, s := range sets {
			dir := DirIn("/data", s)
			if !strings.HasPrefix(dir, filepath.FromSlash("/data/")) {
				t.Fatalf("set %q installs to %s", s.Name, dir)
			}
			for _, fl := range s.Files {
				if !safeRelPath(fl.Path) || fl.Limit() <= 0 || len(fl.Sources) == 0 {
					t.Fatalf("file %+v passed the checks", fl)
				}
				for _, src := range fl.Sources {
					if src.URL != "" && !strings.HasPrefix(src.URL, "https://") {
						t.Fatalf("source %q passed the checks", src.URL)
					}
				}
			}
		}
	})
}

func FuzzMemberName(f *testing.F) {
	for _, s := range []string{"package/bin/x.so", "./a/", "../x", "a/../../b", "/etc/passwd", `a\b`, "C:x", "a//b/./c"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		name, err := memberName(raw)
		if err == nil && name != "" && !safeRelPath(name) {
			t.Fatalf("memberName(%q) = %q, which is not a safe relative path", raw, name)
		}
	})
}

func FuzzExtractTar(f *testing.F) {
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	tw.WriteHeader(&tar.Header{Name: "a/b", Typeflag: tar.TypeReg, Size: 2})
	tw.Write([]byte("hi"))
	tw.WriteHeader(&tar.Header{Name: "a/l", Typeflag: tar.TypeSymlink, Linkname: "b"})
	tw.Close()
	f.Add(buf.Bytes())
	f.Fuzz(func(t *testing.T, data []byte) {
		root := t.TempDir()
		dir := filepath.Join(root, "out")
		ExtractTar(bytes.NewReader(data), dir, nil)
		// Nothing may appear beside the target folder, and every link in it
		// must stay inside.
		entries, _ := os.ReadDir(root)
		if len(entries) > 1 || len(entries) == 1 && entries[0].Name() != "out" {
			t.Fatalf("extraction wrote outside its folder: %v", entries)
		}
		filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err == nil && d.Type()&fs.ModeSymlink != 0 {
				target, _ := filepath.EvalSymlinks(p)
				if target != "" && !strings.HasPrefix(target, dir) {
					t.Fatalf("link %s leads to %s", p, target)
				}
			}
			return nil
		})
	})
}
