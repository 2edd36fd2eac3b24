package filehash

import (
	"os"
	"path/filepath"
	"testing"
)

// SHA256 gives the known digest of "abc" and fails on a missing file.
func TestSHA256(t *testing.T) {
	p := filepath.Join(t.TempDir(), "f")
	if err := os.WriteFile(p, []byte("abc"), 0o600); err != nil {
		t.Fatal(err)
	}
	const want = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
	if got, err := SHA256(p); err != nil || got != want {
		t.Errorf("SHA256 = %s, %v; want %s", got, err, want)
	}
	if _, err := SHA256(p + ".missing"); err == nil {
		t.Error("a missing file: no error")
	}
}
