//go:build cgo

package ort

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// cachedGraphs lists the optimised graphs in dir.
func cachedGraphs(t *testing.T, dir string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.onnx"))
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// openAdd opens add.onnx (or a copy at path) and checks that it adds.
func openAdd(t *testing.T, r *Runtime, path string) *session {
	t.Helper()
	s, err := r.NewSession(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	runAdd(t, s)
	return s.(*session)
}

// The first session of a model writes its optimised graph; the next loads
// it; a damaged cached graph is replaced; another model gets its own.
func TestGraphCache(t *testing.T) {
	dir := t.TempDir()
	r := mustOpen(t, Options{Device: "cpu", GraphCache: dir})
	model := testModel("add.onnx")
	if s := openAdd(t, r, model); s.from != model || len(cachedGraphs(t, dir)) != 1 {
		t.Fatalf("first session: from %s, cache %v", s.from, cachedGraphs(t, dir))
	}
	cached := cachedGraphs(t, dir)[0]
	if s := openAdd(t, r, model); s.from != cached {
		t.Errorf("second session loaded %s; want the cached %s", s.from, cached)
	}
	if err := os.WriteFile(cached, []byte("not a model"), 0o600); err != nil {
		t.Fatal(err)
	}
	if s := openAdd(t, r, model); s.from != model {
		t.Errorf("with a damaged cached graph: loaded %s; want the model", s.from)
	}
	if s := openAdd(t, r, model); s.from != cached {
		t.Errorf("after the damaged graph was replaced: loaded %s", s.from)
	}
	// The same file elsewhere is the same graph; another model is another.
	data, err := os.ReadFile(model)
	if err != nil {
		t.Fatal(err)
	}
	copied := filepath.Join(t.TempDir(), "copy.onnx")
	if err := os.WriteFile(copied, data, 0o600); err != nil {
		t.Fatal(err)
	}
	if s := openAdd(t, r, copied); s.from != cached {
		t.Errorf("a copy of the model: loaded %s; want the cached %s", s.from, cached)
	}
	other, err := r.NewSession(testModel("types.onnx"))
	if err != nil {
		t.Fatal(err)
	}
	other.Close()
	if got := cachedGraphs(t, dir); len(got) != 2 {
		t.Errorf("another model: cache %v; want a second graph", got)
	}
	if tmp, _ := filepath.Glob(filepath.Join(dir, "*.tmp")); len(tmp) != 0 {
		t.Errorf("temporary files left: %v", tmp)
	}
}

// A model's hash is kept with its size and modification time and read
// back while they hold; a model that changes is hashed again.
func TestFileHashMemo(t *testing.T) {
	cache, model := t.TempDir(), filepath.Join(t.TempDir(), "m.onnx")
	write := func(s string) {
		if err := os.WriteFile(model, []byte(s), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write("first")
	a, err := fileHash(cache, model)
	if err != nil {
		t.Fatal(err)
	}
	memos, _ := filepath.Glob(filepath.Join(cache, "hashes", "*"))
	if len(memos) != 1 {
		t.Fatalf("memos %v; want one", memos)
	}
	// A memo that still matches is believed: rewrite its hash and see it come back.
	data, _ := os.ReadFile(memos[0])
	fake := string(data[:len(data)-64]) + strings.Repeat("0", 64)
	if err := os.WriteFile(memos[0], []byte(fake), 0o600); err != nil {
		t.Fatal(err)
	}
	if b, _ := fileHash(cache, model); b != strings.Repeat("0", 64) {
		t.Errorf("a matching memo was not used: %s", b)
	}
	write("second, longer")
	if c, _ := fileHash(cache, model); c == a || c == strings.Repeat("0", 64) || len(c) != 64 {
		t.Errorf("a changed model kept its old hash: %s", c)
	}
}
