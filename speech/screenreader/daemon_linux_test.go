package screenreader

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// requireTool finds a program the test needs. Without it the test is
// skipped with the reason, or fails when DESCRIBER_REQUIRE_SPEECHD=1 (make
// test), so CI never skips silently.
func requireTool(t testing.TB, name, pkg string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		msg := fmt.Sprintf("%s is not installed (Debian package %s): %v", name, pkg, err)
		if os.Getenv("DESCRIBER_REQUIRE_SPEECHD") == "1" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	return p
}

// speechd is a real speech-dispatcher started for one test, with one output
// module: sd_generic running a shell command that appends each message to
// a file instead of making sound.
type speechd struct {
	addr   string // SPEECHD_ADDRESS form
	spoken string // the chunks of the messages, each followed by "<<END>>\n"
	seen   int    // how much of spoken next has returned
	pgid   int    // the daemon's process group
	params string // "rate=… volume=…" per message
	logDir string
}

// moduleConf is the capture module's configuration. sd_generic puts the
// text, shell-quoted, where $DATA is (only its first occurrence), and runs
// the command for each chunk of a message (it cuts at sentence ends). A
// message containing SLOW keeps the module busy for 30 s, so that Stop has
// something to cut off.
const moduleConf = `GenericExecuteSynth "D='$DATA'; printf %%s \"$D\" >> %[1]s; echo '<<END>>' >> %[1]s; echo rate=$RATE volume=$VOLUME >> %[2]s; case \"$D\" in *SLOW*) sleep 30;; esac"
GenericMaxChunkLength 100000
GenericRateForceInteger 1
GenericVolumeForceInteger 1
AddVoice "en" "MALE1" "capture"
DefaultVoice "capture"
GenericLanguage "en" "en" "utf-8"
`

// startSpeechd starts speech-dispatcher in the foreground with a private
// configuration, runtime directory and home, and ALSA's null device (its
// output modules insist on opening an audio device, and there is no sound
// card here). The daemon and its module are killed when the test ends.
func startSpeechd(t testing.TB) *speechd {
	t.Helper()
	return startSpeechdWith(t, "")
}

// startSpeechdWith starts speech-dispatcher with a real output module
// (for example "espeak-ng", whose configuration is copied from
// /etc/speech-dispatcher/modules), or the capture module when module is "".
func startSpeechdWith(t testing.TB, module string) *speechd {
	t.Helper()
	bin := requireTool(t, "speech-dispatcher", "speech-dispatcher")
	if _, err := os.Stat("/usr/share/alsa/alsa.conf"); err != nil {
		t.Skipf("ALSA's configuration is missing (Debian package libasound2-data): %v", err)
	}
	dir, err := os.MkdirTemp("", "speechd") // short: socket paths are limited to 108 bytes
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	d := &speechd{
		addr:   "unix_socket:" + filepath.Join(dir, "run", "speechd.sock"),
		spoken: filepath.Join(dir, "spoken.txt"),
		params: filepath.Join(dir, "params.txt"),
		logDir: filepath.Join(dir, "log"),
	}
	for name, body := range speechdFiles(t, d, module) {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	runSpeechd(t, bin, dir, d)
	return d
}

// speechdFiles returns the files, relative to the daemon's directory, that
// configure it with one output module.
func speechdFiles(t testing.TB, d *speechd, module string) map[string]string {
	name, conf := "capture", fmt.Sprintf(moduleConf, d.spoken, d.params)
	add := `AddModule "capture" "sd_generic" "capture.conf"` + "\nDefaultModule capture\n"
	if module != "" {
		if _, err := os.Stat("/usr/lib/speech-dispatcher-modules/sd_" + module); err != nil {
			t.Skipf("speech-dispatcher's %s module is not installed (Debian package speech-dispatcher-%s): %v", module, module, err)
		}
		b, err := os.ReadFile("/etc/speech-dispatcher/modules/" + module + ".conf")
		if err != nil {
			t.Skip(err)
		}
		name, conf = module, string(b)
		add = fmt.Sprintf("AddModule %q %q %q\nDefaultModule %s\n", module, "sd_"+module, module+".conf", module)
	}
	return map[string]string{
		"conf/speechd.conf":              "LogLevel 3\n" + add + "DefaultLanguage \"en\"\nAudioOutputMethod \"alsa\"\n",
		"conf/modules/" + name + ".conf": conf,
		"alsa.conf":                      "pcm.!default { type null }\n",
		"log/.keep":                      "",
		"run/.keep":                      "",
		"home/.keep":                     "",
	}
}

// runSpeechd starts the daemon in its own process group, ends the group
// when the test ends, and waits until the socket accepts connections.
func runSpeechd(t testing.TB, bin, dir string, d *speechd) {
	t.Helper()
	sock := strings.TrimPrefix(d.addr, "unix_socket:")
	cmd := exec.Command(bin, "--run-single", "--timeout", "0", "--config-dir", filepath.Join(dir, "conf"),
		"--communication-method", "unix_socket", "--socket-path", sock, "--log-dir", d.logDir)
	cmd.Env = []string{
		"PATH=/usr/bin:/bin", "HOME=" + filepath.Join(dir, "home"), "XDG_RUNTIME_DIR=" + filepath.Join(dir, "run"),
		"ALSA_CONFIG_PATH=/usr/share/alsa/alsa.conf:" + filepath.Join(dir, "alsa.conf"),
	}
	out, err := os.Create(filepath.Join(dir, "out.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	cmd.Stdout, cmd.Stderr = out, out
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true} // the daemon and its modules, to end together
	if err := cmd.Start(); err != nil {
		t.Fatalf("start speech-dispatcher: %v", err)
	}
	d.pgid = cmd.Process.Pid
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	t.Cleanup(func() {
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGTERM)
		select {
		case <-exited:
		case <-time.After(3 * time.Second):
			_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
			<-exited
		}
	})
	said := func() string { b, _ := os.ReadFile(out.Name()); return string(b) + d.log() }
	for deadline := time.Now().Add(10 * time.Second); ; {
		if c, err := net.Dial("unix", sock); err == nil { // the socket file appears before listen
			c.Close()
			return
		}
		select {
		case err := <-exited:
			t.Fatalf("speech-dispatcher exited (%v):\n%s", err, said())
		case <-time.After(10 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("speech-dispatcher accepted no connection in 10 s:\n%s", said())
		}
	}
}

func (d *speechd) log() string {
	b, _ := os.ReadFile(filepath.Join(d.logDir, "speech-dispatcher.log"))
	return string(b)
}

// next waits for the module to finish the text spoken since the last call
// and returns it: the chunks joined, with the CRLF line ends
// speech-dispatcher hands its modules made LF again. It polls the file the
// module writes, and fails after 10 s.
func (d *speechd) next(t *testing.T) string {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		b, _ := os.ReadFile(d.spoken)
		if len(b) > d.seen && bytes.HasSuffix(b, []byte("<<END>>\n")) {
			text := strings.ReplaceAll(string(b[d.seen:]), "<<END>>\n", "")
			d.seen = len(b)
			return strings.ReplaceAll(text, "\r\n", "\n")
		}
		if time.Now().After(deadline) {
			t.Fatalf("the module got no new text (it has %q)\n%s", b, d.log())
		}
		time.Sleep(5 * time.Millisecond) // between polls; the wait ends on the file
	}
}

func TestRealDaemonSpeaksExactText(t *testing.T) {
	d := startSpeechd(t)
	var events = make(chan Event, 32)
	e := mustOpen(t, Config{Address: d.addr, OnEvent: func(ev Event) { events <- ev }})
	texts := []string{
		"Hello world.",
		"A photo of a dog.\n.dot line\n..two dots\nit's \"quoted\" $HOME `x` \\ back",
		"über ✓ 3.5 m",
	}
	for i, text := range texts {
		start := time.Now()
		if err := e.Speak(bg, text); err != nil {
			t.Fatalf("Speak(%q): %v\n%s", text, err, d.log())
		}
		t.Logf("Speak %d returned after %v, when the module had finished", i, time.Since(start))
		waitEvent(t, events, EventEnd)
		if got := d.next(t); got != text {
			t.Errorf("message %d: module got %q, want %q", i, got, text)
		}
	}
}

func TestRealDaemonStop(t *testing.T) {
	d := startSpeechd(t)
	var events = make(chan Event, 32)
	e := mustOpen(t, Config{Address: d.addr, OnEvent: func(ev Event) { events <- ev }})
	res := make(chan error, 1)
	go func() { res <- e.Speak(bg, "SLOW: a long description") }()
	begin := waitEvent(t, events, EventBegin)
	d.next(t)
	start := time.Now()
	if err := e.Stop(); err != nil {
		t.Fatalf("Stop: %v", err)
	}
	select {
	case err := <-res:
		if err != nil {
			t.Errorf("Speak after Stop = %v, want nil", err)
		}
	case <-time.After(5 * time.Second): // goal 50 ms: BenchmarkStopCapture
		t.Fatal("Speak did not return within 5 s of Stop")
	}
	t.Logf("Speak returned %v after Stop", time.Since(start))
	if ev := waitEvent(t, events, EventCancel); ev.MessageID != begin.MessageID {
		t.Errorf("cancelled message %d, want %d", ev.MessageID, begin.MessageID)
	}
	// The server is free again: the next text is spoken to the end.
	if err := e.Speak(bg, "After the stop."); err != nil {
		t.Fatal(err)
	}
	if got := d.next(t); got != "After the stop." {
		t.Errorf("module got %q", got)
	}
}

func TestRealDaemonNewUtteranceInterrupts(t *testing.T) {
	d := startSpeechd(t)
	var events = make(chan Event, 32)
	e := mustOpen(t, Config{Address: d.addr, OnEvent: func(ev Event) { events <- ev }})
	first := make(chan error, 1)
	go func() { first <- e.Speak(bg, "SLOW first description") }()
	waitEvent(t, events, EventBegin)
	d.next(t)
	if err := e.Speak(bg, "Second description."); err != nil {
		t.Fatal(err)
	}
	if err := <-first; err != nil {
		t.Errorf("interrupted Speak = %v", err)
	}
	if got := d.next(t); got != "Second description." {
		t.Errorf("module got %q", got)
	}
}

func TestRealDaemonContextCancel(t *testing.T) {
	d := startSpeechd(t)
	var events = make(chan Event, 32)
	e := mustOpen(t, Config{Address: d.addr, OnEvent: func(ev Event) { events <- ev }})
	ctx, cancel := context.WithCancel(bg)
	res := make(chan error, 1)
	go func() { res <- e.Speak(ctx, "SLOW description") }()
	waitEvent(t, events, EventBegin)
	d.next(t)
	cancel()
	if err := <-res; err != context.Canceled {
		t.Errorf("Speak = %v, want context.Canceled", err)
	}
	waitEvent(t, events, EventCancel)
}

func TestRealDaemonRateAndVolume(t *testing.T) {
	d := startSpeechd(t)
	plain := mustOpen(t, Config{Address: d.addr})
	if err := plain.Speak(bg, "default"); err != nil {
		t.Fatal(err)
	}
	fast := mustOpen(t, Config{Address: d.addr, ClientName: "user:describer:fast"})
	fast.cfg.Voice.Rate, fast.cfg.Voice.Volume = 449, 0.25
	fast.c.Close() // redial with the new settings on the next Speak
	if err := fast.Speak(bg, "fast and quiet"); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(d.params)
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	if len(lines) != 2 || lines[0] == lines[1] {
		t.Fatalf("module parameters %q: want two different lines", lines)
	}
	t.Logf("module saw %q then %q", lines[0], lines[1])
	if want := "rate=100 volume=-50"; lines[1] != want {
		t.Errorf("module saw %q, want %q", lines[1], want)
	}
}

func TestRealDaemonMegabyteIsStoppable(t *testing.T) {
	d := startSpeechd(t)
	var events = make(chan Event, 32)
	e := mustOpen(t, Config{Address: d.addr, OnEvent: func(ev Event) { events <- ev }})
	text := "SLOW " + strings.Repeat("A long sentence to read out. ", 1<<20/29)
	res := make(chan error, 1)
	start := time.Now()
	go func() { res <- e.Speak(bg, text) }()
	waitEvent(t, events, EventBegin)
	t.Logf("1 MB: speech began %v after Speak", time.Since(start))
	if got := d.next(t); len(got) > MaxMessageBytes || !strings.HasPrefix(text, got) {
		t.Errorf("first message is %d bytes, not the start of the text", len(got))
	}
	start = time.Now()
	if err := e.Stop(); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-res:
		if err != nil {
			t.Errorf("Speak = %v", err)
		}
	case <-time.After(5 * time.Second): // goal 50 ms: BenchmarkStopCapture
		t.Fatal("Speak of 1 MB did not return within 5 s of Stop")
	}
	ev := waitEvent(t, events, EventCancel)
	t.Logf("1 MB: cancelled %v after Stop", ev.At.Sub(start))
}

func TestRealDaemonLongTextInPieces(t *testing.T) {
	d := startSpeechd(t)
	e := mustOpen(t, Config{Address: d.addr})
	text := strings.Repeat("Line of a long text with no full stop\n", 3*MaxMessageBytes/37)
	if err := e.Speak(bg, text); err != nil {
		t.Fatal(err)
	}
	var got strings.Builder
	for got.Len() < len(text) {
		got.WriteString(d.next(t))
	}
	if got.String() != text {
		t.Errorf("the module got %d bytes, not the text (%d bytes)", got.Len(), len(text))
	}
}

func TestRealDaemonDiesWhileSpeaking(t *testing.T) {
	d := startSpeechd(t)
	events := make(chan Event, 8)
	e := mustOpen(t, Config{Address: d.addr, OnEvent: func(ev Event) { events <- ev }})
	res := make(chan error, 1)
	go func() { res <- e.Speak(bg, "SLOW and then the daemon dies") }()
	waitEvent(t, events, EventBegin)
	if err := syscall.Kill(-d.pgid, syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-res:
		if err == nil || !strings.Contains(err.Error(), "speech-dispatcher closed the connection") {
			t.Errorf("Speak = %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Speak did not return when the daemon died")
	}
	if err := e.Stop(); err != nil {
		t.Errorf("Stop with the daemon gone = %v, want nil", err)
	}
	// Not reachable, or (while the dying module still holds the listening
	// socket) reset during the introduction.
	err := e.Speak(bg, "again")
	if err == nil || !strings.HasPrefix(err.Error(), "speech-dispatcher") {
		t.Errorf("Speak with the daemon gone = %v", err)
	}
}

// TestRealDaemonScreenReaderSpeechWins plays Orca: another client speaking
// with priority "message" cuts the description off, and the rest of a long
// description is not queued after it.
func TestRealDaemonScreenReaderSpeechWins(t *testing.T) {
	d := startSpeechd(t)
	events := make(chan Event, 8)
	e := mustOpen(t, Config{Address: d.addr, OnEvent: func(ev Event) { events <- ev }})
	text := "SLOW first part\n" + strings.Repeat("More of a long description\n", 2*MaxMessageBytes/27)
	res := make(chan error, 1)
	go func() { res <- e.Speak(bg, text) }()
	waitEvent(t, events, EventBegin)
	if got := d.next(t); !strings.HasPrefix(got, "SLOW first part\n") || len(got) > MaxMessageBytes {
		t.Fatalf("first piece %q…", got[:min(len(got), 40)])
	}
	orca, err := Dial(bg, Config{Address: d.addr, ClientName: "user:orca:default", Priority: "message"})
	if err != nil {
		t.Fatal(err)
	}
	defer orca.Close()
	if _, err := orca.Speak(bg, "Orca: OK button"); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-res:
		if err != nil {
			t.Errorf("Speak = %v, want nil", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the description went on after Orca spoke")
	}
	if got := d.next(t); got != "Orca: OK button" {
		t.Errorf("after Orca spoke the module got %q", got)
	}
	// A marker queued now at the description's priority is spoken after
	// anything of the description still queued, so the module's next text
	// being the marker shows nothing more of it comes.
	marker, err := Dial(bg, Config{Address: d.addr, ClientName: "user:test:marker"})
	if err != nil {
		t.Fatal(err)
	}
	defer marker.Close()
	if _, err := marker.Speak(bg, "Marker."); err != nil {
		t.Fatal(err)
	}
	if got := d.next(t); got != "Marker." {
		t.Errorf("more of the description was spoken after Orca: %q", strings.TrimSuffix(got, "Marker."))
	}
}
