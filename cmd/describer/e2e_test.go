//go:build linux

package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/describer/describer/models"
)

// requireDesktop skips (or, with DESCRIBER_REQUIRE_DISPLAY=1 as make test
// sets, fails) when there is no X display or a needed tool is missing.
func requireDesktop(t *testing.T, tools ...string) {
	t.Helper()
	why := ""
	if os.Getenv("DISPLAY") == "" {
		why = "no X display (DISPLAY is not set; make test runs the suite under Xvfb)"
	}
	for _, tool := range tools {
		if _, err := exec.LookPath(tool); err != nil && why == "" {
			why = tool + " is not installed (scripts/setup.sh installs it)"
		}
	}
	if why == "" {
		return
	}
	if os.Getenv("DESCRIBER_REQUIRE_DISPLAY") == "1" {
		t.Fatal(why)
	}
	t.Skip(why)
}

// tapRate is the sample rate the app opens the device at (eSpeak NG's).
const tapRate = 22050

// audioTap reads what the app plays from a FIFO that an ALSA file device
// writes raw 16-bit samples to, and notes when sound (not silence) came.
type audioTap struct {
	mu        sync.Mutex
	loud      int64 // samples above the silence threshold
	firstLoud time.Time
	lastLoud  time.Time
}

func newAudioTap(t *testing.T, dir string) (alsaConf string, tap *audioTap) {
	t.Helper()
	fifo := filepath.Join(dir, "audio.fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	alsaConf = filepath.Join(dir, "alsa.conf")
	conf := fmt.Sprintf("pcm.!default { type file slave.pcm \"null\" file %q format \"raw\" }\n", fifo)
	if err := os.WriteFile(alsaConf, []byte(conf), 0o600); err != nil {
		t.Fatal(err)
	}
	tap = &audioTap{}
	go func() {
		f, err := os.Open(fifo) // blocks until the app opens the device
		if err != nil {
			return
		}
		defer f.Close()
		// A pipe holds 64 KiB, 1.5 s of sound: shrink it to one page
		// (93 ms) so what the app stops playing stops arriving.
		const fSetPipeSz = 1031 // F_SETPIPE_SZ
		syscall.Syscall(syscall.SYS_FCNTL, f.Fd(), fSetPipeSz, 4096)
		r := bufio.NewReaderSize(f, 4096)
		buf := make([]byte, 2*tapRate/100) // 10 ms
		var began time.Time
		var read int64
		for {
			n, err := io.ReadFull(r, buf)
			// Read no faster than a sound card plays, so speech takes its
			// real time and Stop has something to cut.
			if began.IsZero() {
				began = time.Now()
			}
			read += int64(n)
			if ahead := time.Until(began.Add(time.Duration(read) * time.Second / (2 * tapRate))); ahead > 0 {
				time.Sleep(ahead)
			}
			n -= n % 2
			var loud int64
			for i := 0; i < n; i += 2 {
				v := int16(binary.LittleEndian.Uint16(buf[i:]))
				if v > 300 || v < -300 {
					loud++
				}
			}
			if loud > 0 {
				now := time.Now()
				tap.mu.Lock()
				if tap.firstLoud.IsZero() {
					tap.firstLoud = now
				}
				tap.loud += loud
				tap.lastLoud = now
				tap.mu.Unlock()
			}
			if err != nil {
				return
			}
		}
	}()
	return alsaConf, tap
}

func (a *audioTap) state() (loud int64, last time.Time) {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.loud, a.lastLoud
}

// waitQuiet waits until no sound has come for quiet, or fails after limit.
func (a *audioTap) waitQuiet(t *testing.T, quiet, limit time.Duration) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		if _, last := a.state(); time.Since(last) > quiet {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("the app was still making sound after %v", limit)
}

// trace reads the app's --trace file: event name → times.
func readTrace(t *testing.T, path string) map[string][]time.Time {
	t.Helper()
	data, _ := os.ReadFile(path)
	ev := map[string][]time.Time{}
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		ns, name, ok := strings.Cut(line, " ")
		n, err := strconv.ParseInt(ns, 10, 64)
		if ok && err == nil {
			ev[name] = append(ev[name], time.Unix(0, n))
		}
	}
	return ev
}

func waitUntil(t *testing.T, limit time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %v waiting for %s", limit, what)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func xdotool(t *testing.T, args ...string) {
	t.Helper()
	if out, err := exec.Command("xdotool", args...).CombinedOutput(); err != nil {
		t.Fatalf("xdotool %v: %v %s", args, err, out)
	}
}

// TestDesktopAppEndToEnd starts the real app on the X display, shows a
// window of known text, presses the global hotkey and checks that the
// description holds that text and that sound reached the sound device;
// then that Stop cuts the speech, that mashing the hotkey leaves one job,
// and that a second start hands over to the first.
func TestDesktopAppEndToEnd(t *testing.T) {
	requireDesktop(t, "xdotool", "display", "convert")
	lib := ortLib(t)
	ocrDir := models.Dir(models.OCR)
	if _, err := os.Stat(filepath.Join(ocrDir, "ch_PP-OCRv4_det_infer.onnx")); err != nil {
		t.Fatalf("the OCR models are not installed (scripts/setup.sh installs them): %v", err)
	}
	dir := t.TempDir()
	runtimeDir := filepath.Join(dir, "run")
	if err := os.Mkdir(runtimeDir, 0o700); err != nil {
		t.Fatal(err)
	}

	// A window of known text, away from the app's window at the top left.
	const phrase = "Quarterly budget approved"
	textPNG := filepath.Join(dir, "text.png")
	if out, err := exec.Command("convert", "-size", "520x110", "xc:white", "-fill", "black",
		"-font", "DejaVu-Sans", "-pointsize", "26", "-annotate", "+12+70", phrase, textPNG).CombinedOutput(); err != nil {
		t.Fatalf("convert: %v %s", err, out)
	}
	show := exec.Command("display", "-geometry", "+700+660", textPNG)
	if err := show.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { show.Process.Kill(); show.Wait() }()

	alsaConf, tap := newAudioTap(t, dir)
	logFile, traceFile := filepath.Join(dir, "descriptions.log"), filepath.Join(dir, "trace.txt")
	fixture, _ := filepath.Abs("../../inference/testdata/vit-gpt2/tiny")
	env := append(os.Environ(), "DESCRIBER_BE_MAIN=1", "DESCRIBER_HOME="+filepath.Join(dir, "home"),
		"XDG_CONFIG_HOME="+filepath.Join(dir, "config"), "XDG_RUNTIME_DIR="+runtimeDir,
		"ALSA_CONFIG_PATH=/usr/share/alsa/alsa.conf:"+alsaConf, "LANG=en_US.UTF-8", "DBUS_SESSION_BUS_ADDRESS=")
	args := []string{"--engine", "espeak", "--device", "cpu", "--ort-lib", lib, "--model", fixture,
		"--ocr-models", ocrDir, "--log-descriptions", logFile, "--trace", traceFile}
	app := exec.Command(os.Args[0], args...)
	app.Env = env
	var appOut bytes.Buffer
	app.Stdout, app.Stderr = &appOut, &appOut
	start := time.Now()
	if err := app.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan struct{})
	var exitErr error
	go func() { exitErr = app.Wait(); close(exited) }()
	defer func() {
		select {
		case <-exited:
		default:
			app.Process.Kill()
			<-exited
		}
		if t.Failed() {
			t.Logf("app output:\n%s", appOut.String())
		}
	}()

	waitUntil(t, 60*time.Second, "the window and the models", func() bool {
		return len(readTrace(t, traceFile)["models-loaded"]) > 0
	})
	ev := readTrace(t, traceFile)
	t.Logf("start → window shown %v, → models loaded %v",
		ev["window-shown"][0].Sub(start).Round(time.Millisecond), ev["models-loaded"][0].Sub(start).Round(time.Millisecond))
	tap.waitQuiet(t, 700*time.Millisecond, 60*time.Second) // the start-up note (no Piper voice installed)

	// The hotkey: the description holds the phrase, and sound is heard.
	loudBefore, _ := tap.state()
	pressed := time.Now()
	xdotool(t, "key", "ctrl+alt+d")
	var line string
	waitUntil(t, 60*time.Second, "the description in the log", func() bool {
		data, _ := os.ReadFile(logFile)
		line = strings.TrimSpace(string(data))
		return line != ""
	})
	if !strings.Contains(line, phrase) {
		t.Fatalf("the description does not hold %q:\n%s", phrase, line)
	}
	if f := strings.Split(line, "\t"); len(f) != 3 || f[1] != "screen" {
		t.Errorf("log line %q: want TIME, screen and the text, tab-separated", line)
	}
	firstAudio := func() time.Time { // the first speech after the hotkey
		for _, at := range readTrace(t, traceFile)["first-audio"] {
			if at.After(pressed) {
				return at
			}
		}
		return time.Time{}
	}
	waitUntil(t, 10*time.Second, "speech on the sound device", func() bool {
		loud, _ := tap.state()
		return !firstAudio().IsZero() && loud > loudBefore+tapRate/2 // half a second of sound
	})
	ev = readTrace(t, traceFile)
	hk := ev["hotkey"][0]
	t.Logf("hotkey → earcon %v, → described %v, → first speech audio %v (trace); key press → half a second of sound at the device %v",
		ev["earcon"][0].Sub(hk), ev["described"][0].Sub(hk), firstAudio().Sub(hk), time.Since(pressed).Round(time.Millisecond))
	if d := ev["earcon"][0].Sub(hk); d > 100*time.Millisecond || d < 0 {
		t.Errorf("hotkey → earcon took %v, want under 100 ms", d)
	}

	// Stop cuts the speech: the app's own window text makes it long.
	time.Sleep(time.Second)
	if _, last := tap.state(); time.Since(last) > 200*time.Millisecond {
		t.Fatalf("the description was not being spoken a second after it began (last sound %v ago)", time.Since(last))
	}
	xdotool(t, "key", "ctrl+alt+s")
	stopAt := time.Now()
	time.Sleep(1500 * time.Millisecond)
	if _, last := tap.state(); last.Sub(stopAt) > 500*time.Millisecond {
		t.Errorf("sound went on %v after Stop", last.Sub(stopAt))
	}

	// Mashing the hotkey 20 times in 2 s leaves one job and no crash.
	for range 20 {
		xdotool(t, "key", "ctrl+alt+d")
		time.Sleep(100 * time.Millisecond)
	}
	waitUntil(t, 90*time.Second, "the mashed job's description", func() bool {
		data, _ := os.ReadFile(logFile)
		return strings.Count(string(data), "\n") >= 2
	})
	time.Sleep(2 * time.Second)
	data, _ := os.ReadFile(logFile)
	if n := strings.Count(string(data), "\n"); n != 2 {
		t.Errorf("after mashing the hotkey the log has %d descriptions, want 2 (one before, one after)", n)
	}
	select {
	case <-exited:
		t.Fatalf("the app ended: %v", exitErr)
	default:
	}

	// A second start hands over to the first and exits.
	second := exec.Command(os.Args[0], args...)
	second.Env = env
	out, err := second.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "already running") {
		t.Errorf("second start: %v %q", err, out)
	}

	// Ctrl+C (SIGINT) quits cleanly.
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	app.Process.Signal(os.Interrupt)
	select {
	case <-exited:
		if exitErr != nil {
			t.Errorf("the app quit with %v", exitErr)
		}
	case <-ctx.Done():
		t.Error("the app did not quit on SIGINT")
	}
}
