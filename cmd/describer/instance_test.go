package main

import (
	"errors"
	"net"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

func TestSingleInstance(t *testing.T) {
	path := filepath.Join(t.TempDir(), "describer", "app.sock")
	got := make(chan []string, 1)
	first, err := claim(path, nil, func(files []string) { got <- files })
	if err != nil {
		t.Fatal(err)
	}
	defer first.Close()
	if fi, err := os.Stat(filepath.Dir(path)); err != nil || fi.Mode().Perm() != 0o700 {
		t.Errorf("socket folder: %v, %v; want mode 0700", fi, err)
	}
	files := []string{"/home/user/a.png", "/tmp/b c.jpg"}
	second, err := claim(path, files, func([]string) { t.Error("the second instance got a message") })
	if !errors.Is(err, errAlreadyRunning) || second != nil {
		t.Fatalf("second claim: %v, %v; want errAlreadyRunning", second, err)
	}
	select {
	case f := <-got:
		if !slices.Equal(f, files) {
			t.Errorf("first instance got %q, want %q", f, files)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the first instance heard nothing")
	}
	if err := first.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("socket left behind: %v", err)
	}
}

func TestStaleSocketIsReplaced(t *testing.T) {
	path := filepath.Join(t.TempDir(), "app.sock")
	// A socket file nobody listens on, as a crashed app leaves it.
	ln, err := net.Listen("unix", path)
	if err != nil {
		t.Fatal(err)
	}
	ln.(*net.UnixListener).SetUnlinkOnClose(false)
	ln.Close()
	in, err := claim(path, nil, func([]string) {})
	if err != nil {
		t.Fatalf("claim over a stale socket: %v", err)
	}
	in.Close()
}
