package screenreader

import (
	"bufio"
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/godbus/dbus/v5"

	"github.com/describer/describer/speech"
)

// startSessionBus runs a private dbus-daemon for one test and points
// DBUS_SESSION_BUS_ADDRESS at it.
func startSessionBus(t testing.TB) string {
	t.Helper()
	bin := requireTool(t, "dbus-daemon", "dbus-daemon")
	dir, err := os.MkdirTemp("", "bus")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	cmd := exec.Command(bin, "--session", "--nofork", "--nopidfile", "--print-address=1",
		"--address=unix:path="+filepath.Join(dir, "bus"))
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		t.Fatalf("start dbus-daemon: %v", err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		if t.Failed() {
			t.Logf("dbus-daemon said:\n%s", stderr.String())
		}
	})
	line := make(chan string, 1)
	go func() {
		s, _ := bufio.NewReader(out).ReadString('\n')
		line <- strings.TrimSpace(s)
	}()
	select {
	case addr := <-line:
		if addr == "" {
			t.Fatal("dbus-daemon printed no address")
		}
		t.Setenv("DBUS_SESSION_BUS_ADDRESS", addr)
		return addr
	case <-time.After(5 * time.Second):
		t.Fatal("dbus-daemon printed no address in 5 s")
	}
	return ""
}

// fakeOrca stands in for Orca's remote controller on the test bus.
type fakeOrca struct {
	conn     *dbus.Conn
	mu       sync.Mutex
	messages []string
	stops    []string
	refuse   bool
}

func (f *fakeOrca) record(list *[]string, s string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	*list = append(*list, s)
}

func (f *fakeOrca) got() (messages, stops []string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.messages), slices.Clone(f.stops)
}

// orcaService is exported under the service interface.
type orcaService struct{ f *fakeOrca }

func (s orcaService) PresentMessage(message string) (bool, *dbus.Error) {
	s.f.record(&s.f.messages, message)
	return !s.f.refuse, nil
}

// orcaSpeechManager is Orca 50+'s SpeechManager interface.
type orcaSpeechManager struct{ f *fakeOrca }

func (s orcaSpeechManager) InterruptSpeech(notifyUser bool) (bool, *dbus.Error) {
	s.f.record(&s.f.stops, "InterruptSpeech notify="+map[bool]string{true: "true", false: "false"}[notifyUser])
	return true, nil
}

// orcaModule is Orca 49's generic module interface.
type orcaModule struct{ f *fakeOrca }

func (s orcaModule) ExecuteCommand(name string, notifyUser bool) (bool, *dbus.Error) {
	s.f.record(&s.f.stops, name+" notify="+map[bool]string{true: "true", false: "false"}[notifyUser])
	return true, nil
}

// startFakeOrca exports a fake remote controller in dialect d on the
// session bus, with the interrupt command at d.stops[stop], and takes its
// name.
func startFakeOrca(t testing.TB, d orcaDialect, stop int) *fakeOrca {
	t.Helper()
	conn, err := dbus.ConnectSessionBus()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	f := &fakeOrca{conn: conn}
	if err := conn.Export(orcaService{f}, dbus.ObjectPath(d.path), d.iface); err != nil {
		t.Fatal(err)
	}
	call := d.stops[stop]
	iface := call.method[:strings.LastIndexByte(call.method, '.')]
	if len(call.args) == 1 {
		err = conn.Export(orcaSpeechManager{f}, call.path, iface)
	} else {
		err = conn.Export(orcaModule{f}, call.path, iface)
	}
	if err != nil {
		t.Fatal(err)
	}
	if r, err := conn.RequestName(d.service, dbus.NameFlagDoNotQueue); err != nil || r != dbus.RequestNameReplyPrimaryOwner {
		t.Fatalf("RequestName %s: %v, %v", d.service, r, err)
	}
	return f
}

// noOrcaProcess points the process scan at an empty directory.
func noOrcaProcess(t *testing.T) {
	old := procDir
	procDir = t.TempDir()
	t.Cleanup(func() { procDir = old })
}

func TestOrcaDialects(t *testing.T) {
	for _, tc := range []struct {
		name string
		d    orcaDialect
		stop int
	}{
		{"Orca 50+", orcaDialects[0], 0},
		{"Orca 49-50", orcaDialects[1], 0},
		{"early Orca 49", orcaDialects[1], 1},
	} {
		d := tc.d
		t.Run(tc.name, func(t *testing.T) {
			startSessionBus(t)
			noOrcaProcess(t)
			f := startFakeOrca(t, d, tc.stop)
			st := Probe(bg, Config{Address: "unix_socket:/nonexistent"})
			if !slices.Equal(st.ScreenReaders, []string{NameOrca}) || st.OrcaService != d.service || st.SpeechDispatcher {
				t.Errorf("Probe = %+v", st)
			}
			eng, err := Detect(bg, Config{Address: "unix_socket:/nonexistent"})
			if err != nil {
				t.Fatalf("Detect: %v", err)
			}
			defer eng.Close()
			if eng.Name() != NameOrca {
				t.Errorf("Detect chose %s", eng.Name())
			}
			text := "A dog on a beach.\nSecond line, ünïcödé ✓"
			if err := eng.Speak(bg, text); err != nil {
				t.Fatalf("Speak: %v", err)
			}
			if err := eng.Speak(bg, "  "); !errors.Is(err, speech.ErrNothingToSay) {
				t.Errorf("Speak(blank) = %v", err)
			}
			if err := eng.Stop(); err != nil {
				t.Fatalf("Stop: %v", err)
			}
			msgs, stops := f.got()
			if !slices.Equal(msgs, []string{text}) {
				t.Errorf("Orca got messages %q", msgs)
			}
			if want := []string{"InterruptSpeech notify=false"}; !slices.Equal(stops, want) {
				t.Errorf("Orca got stops %q, want %q", stops, want)
			}
			if err := eng.Close(); err != nil {
				t.Errorf("Close: %v", err)
			}
			if err := eng.Speak(bg, "late"); !errors.Is(err, ErrClosed) {
				t.Errorf("Speak after Close = %v", err)
			}
		})
	}
}

func TestOrcaRefusesAndLeaves(t *testing.T) {
	startSessionBus(t)
	f := startFakeOrca(t, orcaDialects[0], 0)
	o, err := OpenOrca(bg, Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer o.Close()
	f.mu.Lock()
	f.refuse = true
	f.mu.Unlock()
	if err := o.Speak(bg, "hi"); err == nil || err.Error() != "orca: Orca declined to present the message" {
		t.Errorf("Speak to a refusing Orca = %v", err)
	}
	f.conn.Close() // Orca quits
	err = o.Speak(bg, "hi")
	if err == nil || !strings.HasPrefix(err.Error(), "orca: present the message: ") {
		t.Errorf("Speak after Orca quit = %v", err)
	}
	t.Logf("after Orca quit: %v", err)
}

func TestOrcaPrefersNewerDialect(t *testing.T) {
	startSessionBus(t)
	startFakeOrca(t, orcaDialects[1], 0)
	startFakeOrca(t, orcaDialects[0], 0)
	o, err := OpenOrca(bg, Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer o.Close()
	if o.Service() != "org.gnome.Orca1.Service" {
		t.Errorf("chose %s", o.Service())
	}
}

func TestNoSessionBus(t *testing.T) {
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", "")
	t.Setenv("XDG_RUNTIME_DIR", t.TempDir())
	noOrcaProcess(t)
	if _, err := OpenOrca(bg, Config{}); !errors.Is(err, errNoSessionBus) {
		t.Errorf("OpenOrca without a bus = %v", err)
	}
	if st := Probe(bg, Config{Address: "unix_socket:/nonexistent"}); len(st.ScreenReaders) != 0 || st.OrcaService != "" {
		t.Errorf("Probe = %+v", st)
	}
	if _, err := Detect(bg, Config{Address: "unix_socket:/nonexistent"}); !errors.Is(err, ErrNoScreenReader) {
		t.Errorf("Detect = %v, want ErrNoScreenReader", err)
	}
}

func TestBusWithoutOrca(t *testing.T) {
	startSessionBus(t)
	if _, err := OpenOrca(bg, Config{}); err == nil || !strings.Contains(err.Error(), "Orca's D-Bus service is not running") {
		t.Errorf("OpenOrca = %v", err)
	}
}
