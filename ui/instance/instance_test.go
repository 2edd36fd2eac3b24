//go:build unix

package instance

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
	first, err := Claim(path, nil, func(files []string) { got <- files })
	if err != nil {
		t.Fatal(err)
	}
	defer first.Close()
	if fi, err := os.Stat(filepath.Dir(path)); err != nil || fi.Mode().Perm() != 0o700 {
		t.Errorf("socket folder: %v, %v; want mode 0700", fi, err)
	}
	files := []string{"/home/user/a.png", "/tmp/b c.jpg"}
	second, err := Claim(path, files, func([]string) { t.Error("the second instance got a message") })
	if !errors.Is(err, ErrAlreadyRunning) || second != nil {
		t.Fatalf("second claim: %v, %v; want ErrAlreadyRunning", second, err)
	}
	// Until the first app is ready (window and jobs made), the files wait.
	// The second claim returned, so the first has the message; the window
	// below can only catch a wrong early delivery, never fail a right one.
	select {
	case f := <-got:
		t.Fatalf("files %q handed over before Ready", f)
	case <-time.After(200 * time.Millisecond):
	}
	first.Ready()
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
	in, err := Claim(path, nil, func([]string) {})
	if err != nil {
		t.Fatalf("claim over a stale socket: %v", err)
	}
	in.Close()
}

func TestClaimRefusesAFolderOfAnotherUser(t *testing.T) {
	if os.Getuid() != 0 {
		t.Skip("needs root to give a folder to another user") // CI runs as root
	}
	dir := filepath.Join(t.TempDir(), "describer")
	if err := os.Mkdir(dir, 0o777); err != nil {
		t.Fatal(err)
	}
	if err := os.Chown(dir, 65534, 65534); err != nil {
		t.Fatal(err)
	}
	if _, err := Claim(filepath.Join(dir, "app.sock"), nil, func([]string) {}); err == nil {
		t.Fatal("claimed a socket in another user's folder")
	}
	mine := filepath.Join(t.TempDir(), "mine")
	if err := os.Mkdir(mine, 0o755); err != nil {
		t.Fatal(err)
	}
	in, err := Claim(filepath.Join(mine, "app.sock"), nil, func([]string) {})
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	if fi, _ := os.Stat(mine); fi.Mode().Perm() != 0o700 {
		t.Errorf("folder mode %v, want it tightened to 0700", fi.Mode().Perm())
	}
}

func TestLockFileIsExclusive(t *testing.T) {
	path := filepath.Join(t.TempDir(), "app.lock")
	a, err := lockFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if b, err := lockFile(path); err == nil {
		b.Close()
		t.Fatal("a second lock was granted while the first is held")
	}
	a.Close()
	b, err := lockFile(path)
	if err != nil {
		t.Fatalf("the lock was not released: %v", err)
	}
	b.Close()
}
