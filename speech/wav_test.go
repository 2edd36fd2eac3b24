package speech

import (
	"bytes"
	"context"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestWriteWAVHeader(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteWAV(&buf, Audio{SampleRate: 22050, Samples: []int16{1, -2, 0x1234}}); err != nil {
		t.Fatal(err)
	}
	// Worked out by hand: RIFF size 36+6, fmt 16 bytes PCM mono 22050 Hz
	// (0x5622), 44100 bytes/s (0xAC44), block 2, 16 bits, data 6 bytes.
	want := "52494646" + "2a000000" + "57415645" + // RIFF, 42, WAVE
		"666d7420" + "10000000" + "0100" + "0100" + // "fmt ", 16, PCM, mono
		"22560000" + "44ac0000" + "0200" + "1000" + // 22050, 44100, 2, 16
		"64617461" + "06000000" + // data, 6
		"0100" + "feff" + "3412"
	if got := hex.EncodeToString(buf.Bytes()); got != want {
		t.Errorf("WAV bytes\n got %s\nwant %s", got, want)
	}
}

func TestWAVRoundTrip(t *testing.T) {
	for _, a := range []Audio{
		{SampleRate: 16000},
		{SampleRate: 22050, Samples: sine(22050, 440, 30000, 0.5)},
		{SampleRate: 48000, Samples: []int16{-32768, 32767, 0, -1}},
	} {
		var buf bytes.Buffer
		if err := WriteWAV(&buf, a); err != nil {
			t.Fatal(err)
		}
		if buf.Len() != wavHeaderSize+2*len(a.Samples) {
			t.Errorf("WAV of %d samples is %d bytes, want %d", len(a.Samples), buf.Len(), wavHeaderSize+2*len(a.Samples))
		}
		got, err := ReadWAV(&buf)
		if err != nil {
			t.Fatal(err)
		}
		if got.SampleRate != a.SampleRate || !slices.Equal(got.Samples, a.Samples) {
			t.Errorf("round trip of %d samples at %d Hz gave %d samples at %d Hz", len(a.Samples), a.SampleRate, len(got.Samples), got.SampleRate)
		}
	}
}

func TestWriteWAVBadRate(t *testing.T) {
	if err := WriteWAV(&bytes.Buffer{}, Audio{Samples: []int16{1}}); err == nil {
		t.Error("WriteWAV with no sample rate succeeded")
	}
}

func TestReadWAVSkipsChunks(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteWAV(&buf, Audio{SampleRate: 8000, Samples: []int16{7, 8, 9}}); err != nil {
		t.Fatal(err)
	}
	b := buf.Bytes()
	// Put a LIST chunk of odd size (padded) between fmt and data.
	list := []byte("LIST\x03\x00\x00\x00abc\x00")
	withList := slices.Concat(b[:36], list, b[36:])
	a, err := ReadWAV(bytes.NewReader(withList))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(a.Samples, []int16{7, 8, 9}) {
		t.Errorf("got %v, want [7 8 9]", a.Samples)
	}
}

func TestReadWAVErrors(t *testing.T) {
	var good bytes.Buffer
	if err := WriteWAV(&good, Audio{SampleRate: 8000, Samples: []int16{1}}); err != nil {
		t.Fatal(err)
	}
	patch := func(off int, v ...byte) []byte {
		b := slices.Clone(good.Bytes())
		copy(b[off:], v)
		return b
	}
	tests := []struct {
		name string
		in   []byte
		want string
	}{
		{"empty", nil, "read header"},
		{"not RIFF", []byte("RIFX0000WAVE"), "not a RIFF/WAVE"},
		{"stereo", patch(22, 2), "2 channels"},
		{"8-bit", patch(34, 8), "8 bits"},
		{"float", patch(20, 3), "not PCM"},
		{"rate 0", patch(24, 0, 0), "sample rate 0"},
		{"no data", good.Bytes()[:36], "no data chunk"},
		{"data first", slices.Concat(good.Bytes()[:12], good.Bytes()[36:]), "before fmt"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadWAV(bytes.NewReader(tt.in))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("ReadWAV error %v, want one mentioning %q", err, tt.want)
			}
		})
	}
}

func TestWriteWAVFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.wav")
	a := Audio{SampleRate: 22050, Samples: sine(22050, 440, 1000, 0.1)}
	if err := WriteWAVFile(path, a); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	got, err := ReadWAV(f)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got.Samples, a.Samples) {
		t.Error("file does not hold the samples written")
	}
	assertOnly(t, dir, "out.wav")
}

func TestWriteWAVFileFailureLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.wav")
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := WriteWAVFile(path, Audio{Samples: []int16{1, 2}}) // no rate: fails
	if err == nil {
		t.Fatal("WriteWAVFile with no sample rate succeeded")
	}
	if b, _ := os.ReadFile(path); string(b) != "old" {
		t.Errorf("a failed write changed the existing file to %q", b)
	}
	assertOnly(t, dir, "out.wav")

	err = WriteWAVFile(filepath.Join(dir, "missing", "x.wav"), Audio{SampleRate: 8000})
	if err == nil || !errors.Is(err, os.ErrNotExist) {
		t.Errorf("writing into a missing folder: %v, want a not-exist error", err)
	}
}

// assertOnly checks that dir holds exactly the named files (no temporaries).
func assertOnly(t *testing.T, dir string, names ...string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	if !slices.Equal(got, names) {
		t.Errorf("folder holds %q, want %q", got, names)
	}
}

func FuzzReadWAV(f *testing.F) {
	var buf bytes.Buffer
	_ = WriteWAV(&buf, Audio{SampleRate: 16000, Samples: []int16{1, 2, 3}})
	f.Add(buf.Bytes())
	f.Add([]byte("RIFF\x00\x00\x00\x00WAVEdata\xff\xff\xff\xff"))
	f.Fuzz(func(t *testing.T, b []byte) {
		a, err := ReadWAV(bytes.NewReader(b))
		if err != nil {
			return
		}
		var out bytes.Buffer
		if err := WriteWAV(&out, a); err != nil {
			t.Fatalf("a WAV that reads cannot be written back: %v", err)
		}
		back, err := ReadWAV(&out)
		if err != nil || !slices.Equal(back.Samples, a.Samples) {
			t.Fatalf("rewritten WAV does not read back the same: %v", err)
		}
	})
}

func TestSynthesizeToFileIsWholeOrNothing(t *testing.T) {
	s := NewSpeaker(&fakeSynth{rate: 16000, perChar: 10}, nil, Options{})
	defer s.Close()
	path := filepath.Join(t.TempDir(), "out.wav")
	secs, err := s.SynthesizeToFile(context.Background(), threeSentences, path)
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	a, err := ReadWAV(f)
	if err != nil || a.SampleRate != 16000 || secs != float64(len(a.Samples))/16000 || len(a.Samples) == 0 {
		t.Fatalf("file: %d samples at %d Hz (%v), reported %.3f s", len(a.Samples), a.SampleRate, err, secs)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	failed := filepath.Join(t.TempDir(), "cut.wav")
	if _, err := s.SynthesizeToFile(ctx, threeSentences, failed); err == nil {
		t.Fatal("a cancelled synthesis wrote its file")
	}
	if entries, _ := os.ReadDir(filepath.Dir(failed)); len(entries) != 0 {
		t.Errorf("a failed synthesis left %v", entries)
	}
}
