package screenreader

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// fakeProc writes a /proc-like tree: pid → comm and cmdline.
func fakeProc(t *testing.T, procs map[string][2]string) string {
	t.Helper()
	dir := t.TempDir()
	for pid, p := range procs {
		d := filepath.Join(dir, pid)
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(d, "comm"), []byte(p[0]+"\n"), 0o644)
		os.WriteFile(filepath.Join(d, "cmdline"), []byte(p[1]), 0o644)
	}
	os.WriteFile(filepath.Join(dir, "uptime"), []byte("1 1\n"), 0o644)
	return dir
}

func TestOrcaProcessScan(t *testing.T) {
	for _, tc := range []struct {
		name  string
		procs map[string][2]string
		want  bool
	}{
		{"none", map[string][2]string{"1": {"systemd", "/sbin/init\x00"}, "77": {"bash", "bash\x00"}}, false},
		{"orca", map[string][2]string{"1": {"systemd", ""}, "4242": {"orca", "/usr/bin/python3\x00/usr/bin/orca\x00--replace\x00"}}, true},
		{"python running orca", map[string][2]string{"99": {"python3", "/usr/bin/python3\x00/usr/bin/orca\x00"}}, true},
		{"python -m orca", map[string][2]string{"99": {"python3.11", "python3\x00-m\x00orca\x00"}}, true},
		{"python running something else", map[string][2]string{"99": {"python3", "python3\x00/usr/bin/orcas-tool\x00orca\x00"}}, false},
		{"orca-like name", map[string][2]string{"5": {"orca-helper", "orca-helper\x00"}}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := fakeProc(t, tc.procs)
			if got := orcaProcessRunning(dir, os.Getuid()); got != tc.want {
				t.Errorf("orcaProcessRunning = %v, want %v", got, tc.want)
			}
		})
	}
	dir := fakeProc(t, map[string][2]string{"4242": {"orca", ""}})
	if orcaProcessRunning(dir, os.Getuid()+1) {
		t.Error("another user's Orca counted")
	}
	if orcaProcessRunning(filepath.Join(dir, "missing"), os.Getuid()) {
		t.Error("a missing /proc found Orca")
	}
}

func TestDetectOnLinux(t *testing.T) {
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", "")
	t.Setenv("XDG_RUNTIME_DIR", t.TempDir())
	f := newFakeSSIP(t)
	old := procDir
	t.Cleanup(func() { procDir = old })

	t.Run("speech-dispatcher alone is no screen reader", func(t *testing.T) {
		procDir = fakeProc(t, map[string][2]string{"10": {"speech-dispatch", ""}})
		st := Probe(bg, Config{Address: f.addr})
		if !st.SpeechDispatcher || len(st.ScreenReaders) != 0 {
			t.Errorf("Probe = %+v", st)
		}
		if _, err := Detect(bg, Config{Address: f.addr}); !errors.Is(err, ErrNoScreenReader) {
			t.Errorf("Detect = %v, want ErrNoScreenReader", err)
		}
		eng, err := Open(bg, Config{Address: f.addr})
		if err != nil {
			t.Fatalf("Open = %v", err)
		}
		defer eng.Close()
		if eng.Name() != NameSpeechDispatcher {
			t.Errorf("Open chose %s", eng.Name())
		}
	})
	t.Run("Orca without its D-Bus service", func(t *testing.T) {
		procDir = fakeProc(t, map[string][2]string{"10": {"orca", ""}})
		if got := Running(bg); !slices.Equal(got, []string{NameOrca}) {
			t.Errorf("Running = %q", got)
		}
		eng, err := Detect(bg, Config{Address: f.addr})
		if err != nil {
			t.Fatalf("Detect: %v", err)
		}
		defer eng.Close()
		if eng.Name() != NameSpeechDispatcher {
			t.Errorf("Detect chose %s, want speech-dispatcher", eng.Name())
		}
		if err := eng.Speak(bg, "through speech-dispatcher"); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("Orca and nothing to reach it", func(t *testing.T) {
		procDir = fakeProc(t, map[string][2]string{"10": {"orca", ""}})
		_, err := Detect(bg, Config{Address: "unix_socket:/nonexistent/s"})
		if err == nil || errors.Is(err, ErrNoScreenReader) {
			t.Errorf("Detect = %v, want a connection error", err)
		}
	})
}

func TestSessionBusAddress(t *testing.T) {
	run := t.TempDir()
	t.Setenv("XDG_RUNTIME_DIR", run)
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/x/bus")
	if a, err := sessionBusAddress(); err != nil || a != "unix:path=/x/bus" {
		t.Errorf("from the environment: %q, %v", a, err)
	}
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", "autolaunch:")
	if _, err := sessionBusAddress(); !errors.Is(err, errNoSessionBus) {
		t.Errorf("autolaunch: %v, want errNoSessionBus (never start a bus)", err)
	}
	os.WriteFile(filepath.Join(run, "bus"), nil, 0o600) // a file, not a socket
	if _, err := sessionBusAddress(); !errors.Is(err, errNoSessionBus) {
		t.Errorf("plain file: %v", err)
	}
}
