package main

import (
	"bufio"
	"encoding/binary"
	"math"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/describer/describer/models"
	"github.com/describer/describer/speech"
)

// toneVoice is the Piper fixture voice whose waveform encodes its ids.
var toneVoice, _ = filepath.Abs("../../speech/piper/testdata/tone.onnx")

// noScreenReader keeps auto from finding speech-dispatcher or Orca on the
// machine running the tests.
func noScreenReader(t *testing.T) []string {
	dir := t.TempDir()
	return []string{"XDG_RUNTIME_DIR=" + dir, "SPEECHD_ADDRESS=unix_socket:" + filepath.Join(dir, "none.sock"),
		"DBUS_SESSION_BUS_ADDRESS=unix:path=" + filepath.Join(dir, "no-bus"), models.EnvHome + "=" + dir}
}

func readWAV(t *testing.T, path string) speech.Audio {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	a, err := speech.ReadWAV(f)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func rms(s []int16) float64 {
	var sum float64
	for _, v := range s {
		sum += float64(v) * float64(v)
	}
	return math.Sqrt(sum / float64(max(len(s), 1)))
}

func TestSpeakToWAV(t *testing.T) {
	lib := ortLib(t)
	dir := t.TempDir()
	env := noScreenReader(t)
	short := filepath.Join(dir, "short.wav")
	r := run(t, nil, env, "speak", "--out", short, "Hello world.")
	if r.code != 0 || !strings.Contains(r.stdout, "short.wav") {
		t.Fatalf("exit %d stdout %q stderr %q", r.code, r.stdout, r.stderr)
	}
	a := readWAV(t, short)
	if a.SampleRate != 22050 || a.Duration() < 0.5 || a.Duration() > 3 || rms(a.Samples) < 300 {
		t.Errorf("eSpeak NG (auto, nothing installed): %d Hz, %.2f s, RMS %.0f", a.SampleRate, a.Duration(), rms(a.Samples))
	}
	fast := filepath.Join(dir, "fast.wav")
	if r := run(t, nil, env, "speak", "--engine", "espeak", "--rate", "350", "--out", fast, "Hello world."); r.code != 0 {
		t.Fatalf("fast: %q", r.stderr)
	}
	if f := readWAV(t, fast); f.Duration() >= a.Duration()*0.8 {
		t.Errorf("350 wpm lasts %.2f s, normal %.2f s", f.Duration(), a.Duration())
	}
	// German text with eSpeak NG's German voice: it sounds different from
	// the English voice on the same words (a different length).
	de := filepath.Join(dir, "de.wav")
	if r := run(t, nil, env, "speak", "--lang", "de", "--out", de, "Hello world."); r.code != 0 {
		t.Fatalf("--lang de: exit %d %q", r.code, r.stderr)
	}
	if g := readWAV(t, de); g.Duration() == a.Duration() || rms(g.Samples) < 300 {
		t.Errorf("--lang de: %.3f s (English %.3f s), RMS %.0f", g.Duration(), a.Duration(), rms(g.Samples))
	}
	piper := filepath.Join(dir, "piper.wav")
	r = run(t, []byte("Hello world. Is it 3.5?"), env, "speak", "--ort-lib", lib, "--voice", toneVoice, "--out", piper, "-")
	if r.code != 0 {
		t.Fatalf("piper: exit %d %q", r.code, r.stderr)
	}
	if p := readWAV(t, piper); p.SampleRate != 22050 && p.SampleRate != 16000 || p.Duration() < 0.2 || rms(p.Samples) < 300 {
		t.Errorf("Piper fixture voice: %d Hz, %.2f s, RMS %.0f", p.SampleRate, p.Duration(), rms(p.Samples))
	}
}

// alsaFile writes an ALSA configuration whose default device writes raw
// samples to a file, and returns the environment that selects it.
func alsaFile(t *testing.T) ([]string, string) {
	dir := t.TempDir()
	raw := filepath.Join(dir, "out.raw")
	conf := filepath.Join(dir, "asound.conf")
	body := `pcm.!default { type file slave.pcm "null" file "` + raw + `" format "raw" }` + "\n"
	if err := os.WriteFile(conf, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return []string{"ALSA_CONFIG_PATH=/usr/share/alsa/alsa.conf:" + conf}, raw
}

// TestSpeakPlays plays through oto into an ALSA file device: sound reached
// the device, and it was speech, not silence. It runs a process: oto opens
// the sound device once per process, as it was set up then.
func TestSpeakPlays(t *testing.T) {
	env, raw := alsaFile(t)
	env = append(env, noScreenReader(t)...)
	r := runProcess(t, nil, env, "speak", "--engine", "espeak", "Hello world. This is Describer.")
	if r.code != 0 {
		t.Fatalf("exit %d stderr %q", r.code, r.stderr)
	}
	data, err := os.ReadFile(raw)
	if err != nil {
		t.Fatal(err)
	}
	// oto writes float32 little-endian samples.
	var loud int
	for i := 0; i+4 <= len(data); i += 4 {
		if v := math.Float32frombits(binary.LittleEndian.Uint32(data[i:])); math.Abs(float64(v)) > 0.05 {
			loud++
		}
	}
	if loud < 5000 {
		t.Errorf("the device got %d bytes with %d loud samples; want speech", len(data), loud)
	}
}

// TestSpeakNoSoundDevice runs a process, as TestSpeakPlays does: oto
// remembers a device that failed to open for the life of the process.
func TestSpeakNoSoundDevice(t *testing.T) {
	dir := t.TempDir()
	conf := filepath.Join(dir, "asound.conf")
	if err := os.WriteFile(conf, []byte("pcm.!default { type hw card 99 }\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	env := append(noScreenReader(t), "ALSA_CONFIG_PATH=/usr/share/alsa/alsa.conf:"+conf)
	r := runProcess(t, nil, env, "speak", "--engine", "espeak", "Hello.")
	if r.code != 1 || r.stdout != "Hello.\n" {
		t.Errorf("exit %d stdout %q; want 1 and the text shown instead", r.code, r.stdout)
	}
	checkOneSentence(t, r.stderr, "no sound device")
}

// fakeSSIP is a speech-dispatcher stand-in on a Unix socket: it answers the
// SSIP handshake and keeps the text of each SPEAK.
type fakeSSIP struct {
	mu     sync.Mutex
	spoken []string
}

func (f *fakeSSIP) serve(t *testing.T, ln net.Listener) {
	for {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		go f.handle(c)
	}
}

func (f *fakeSSIP) handle(c net.Conn) {
	defer c.Close()
	r := bufio.NewReader(c)
	reply := func(s string) { c.Write([]byte(s + "\r\n")) }
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return
		}
		cmd := strings.ToUpper(strings.TrimRight(line, "\r\n"))
		switch {
		case strings.HasPrefix(cmd, "SPEAK"):
			reply("230 OK RECEIVING DATA")
			var text []string
			for {
				l, err := r.ReadString('\n')
				if err != nil {
					return
				}
				l = strings.TrimRight(l, "\r\n")
				if l == "." {
					break
				}
				text = append(text, strings.TrimPrefix(l, "."))
			}
			f.mu.Lock()
			f.spoken = append(f.spoken, strings.Join(text, "\n"))
			f.mu.Unlock()
			reply("225-1")
			reply("225 OK MESSAGE QUEUED")
			reply("701-1")
			reply("701-0")
			reply("701 BEGIN")
			reply("702-1")
			reply("702-0")
			reply("702 END")
		case strings.HasPrefix(cmd, "QUIT"):
			reply("231 HAPPY HACKING")
			return
		case strings.HasPrefix(cmd, "SET"):
			reply("208 OK CLIENT NAME SET")
		default:
			reply("200 OK")
		}
	}
}

func TestSpeakThroughScreenReader(t *testing.T) {
	dir := t.TempDir()
	sock := filepath.Join(dir, "speechd.sock")
	ln, err := net.Listen("unix", sock)
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	f := &fakeSSIP{}
	go f.serve(t, ln)
	env := []string{"SPEECHD_ADDRESS=unix_socket:" + sock, "DBUS_SESSION_BUS_ADDRESS=unix:path=" + filepath.Join(dir, "no-bus")}
	r := run(t, nil, env, "speak", "--engine", "screenreader", "The screen appears blank.")
	if r.code != 0 {
		t.Fatalf("exit %d stderr %q", r.code, r.stderr)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.spoken) != 1 || f.spoken[0] != "The screen appears blank." {
		t.Errorf("speech-dispatcher got %q", f.spoken)
	}
}

func TestSpeakBadInput(t *testing.T) {
	dir := t.TempDir()
	env := append(noScreenReader(t), "DESCRIBER_ORT_LIB="+ortLib(t))
	json, _ := os.ReadFile(toneVoice + ".json")
	onnx, _ := os.ReadFile(toneVoice)
	voice := func(name string, model, cfg []byte) string {
		p := filepath.Join(dir, name+".onnx")
		if err := os.WriteFile(p, model, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p+".json", cfg, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	noMap := voice("nomap", onnx, []byte(strings.Replace(string(json), `"phoneme_id_map"`, `"phoneme_map_gone"`, 1)))
	cut := voice("cut", onnx[:len(onnx)/2], json)
	big := strings.Repeat("word ", 1<<22) // 20 MiB, over the limit
	out := filepath.Join(dir, "x.wav")
	for _, tc := range []struct {
		name  string
		stdin string
		args  []string
		code  int
		want  string
	}{
		{"empty text", "", []string{"-"}, 2, "nothing to say"},
		{"punctuation only", "", []string{"..."}, 2, "nothing to say"},
		{"emoji only", "", []string{"😀😀"}, 2, "nothing to say"},
		{"no text", "", nil, 2, "needs text"},
		{"too much input", big, []string{"-"}, 2, "16 MiB"},
		{"unknown engine", "", []string{"--engine", "sam", "hi"}, 2, "unknown engine"},
		{"rate too low", "", []string{"--rate", "5", "hi"}, 2, "--rate"},
		{"bad volume", "", []string{"--volume", "3", "hi"}, 2, "--volume"},
		{"out not wav", "", []string{"--out", filepath.Join(dir, "x.mp3"), "hi"}, 2, ".wav"},
		{"out with screen reader", "", []string{"--engine", "screenreader", "--out", out, "hi"}, 2, "screen reader"},
		{"out into missing folder", "", []string{"--engine", "espeak", "--out", filepath.Join(dir, "no/such/x.wav"), "hi"}, 2, "x.wav"},
		{"unknown eSpeak voice", "", []string{"--engine", "espeak", "--voice", "xx-nowhere", "--out", out, "hi"}, 2, "xx-nowhere"},
		{"malformed language", "", []string{"--lang", "German", "--out", out, "hi"}, 2, "--lang"},
		{"language eSpeak NG lacks", "", []string{"--engine", "espeak", "--lang", "qq", "--out", out, "hi"}, 2, "qq"},
		{"piper with none installed", "", []string{"--engine", "piper", "--out", out, "hi"}, 2, "no Piper voice"},
		{"voice JSON missing phoneme_id_map", "", []string{"--voice", noMap, "--out", out, "hi"}, 2, "phoneme_id_map"},
		{"truncated voice model", "", []string{"--voice", cut, "--out", out, "hi"}, 2, "damaged"},
		{"missing voice file", "", []string{"--voice", filepath.Join(dir, "gone.onnx"), "--out", out, "hi"}, 2, "gone.onnx"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := run(t, []byte(tc.stdin), env, append([]string{"speak"}, tc.args...)...)
			if r.code != tc.code {
				t.Errorf("exit %d, want %d; stderr %q", r.code, tc.code, r.stderr)
			}
			checkOneSentence(t, r.stderr, tc.want)
		})
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a failed speak left a WAV file behind")
	}
}

// TestSpeakVolume checks that --volume scales the sound once: the tone
// voice peaks at full scale, so half volume peaks at half.
func TestSpeakVolume(t *testing.T) {
	env := append(noScreenReader(t), "DESCRIBER_ORT_LIB="+ortLib(t))
	dir := t.TempDir()
	peak := func(vol string) float64 {
		out := filepath.Join(dir, "v"+vol+".wav")
		if r := run(t, nil, env, "speak", "--voice", toneVoice, "--volume", vol, "--out", out, "A red square."); r.code != 0 {
			t.Fatalf("volume %s: %q", vol, r.stderr)
		}
		var p float64
		for _, s := range readWAV(t, out).Samples {
			p = max(p, math.Abs(float64(s)))
		}
		return p
	}
	full, half := peak("1"), peak("0.5")
	if r := half / full; r < 0.45 || r > 0.55 {
		t.Errorf("peak at volume 0.5 is %.2f of full volume (%.0f / %.0f), want 0.5", r, half, full)
	}
}

func TestSpeakScreenReaderNotRunning(t *testing.T) {
	r := run(t, nil, noScreenReader(t), "speak", "--engine", "screenreader", "Hello.")
	if r.code != 1 {
		t.Errorf("exit %d, want 1", r.code)
	}
	checkOneSentence(t, r.stderr, "speech-dispatcher is not running")
}
