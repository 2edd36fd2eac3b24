package assets

import (
	"bytes"
	"encoding/binary"
	"errors"
	"math"
	"testing"
	"time"
)

func TestEarcons(t *testing.T) {
	want := map[string]time.Duration{
		EarconStart: 80 * time.Millisecond,
		EarconTick:  15 * time.Millisecond,
		EarconError: 220 * time.Millisecond,
	}
	if len(EarconNames) != len(want) {
		t.Fatalf("EarconNames = %v, want the %d earcons tested here", EarconNames, len(want))
	}
	for _, name := range EarconNames {
		t.Run(name, func(t *testing.T) {
			samples, rate, err := Earcon(name)
			if err != nil {
				t.Fatal(err)
			}
			if rate != 22050 {
				t.Errorf("rate = %d, want 22050", rate)
			}
			dur := time.Duration(len(samples)) * time.Second / time.Duration(rate)
			if d := dur - want[name]; d < -5*time.Millisecond || d > 5*time.Millisecond {
				t.Errorf("duration = %v, want %v ± 5 ms", dur, want[name])
			}
			peak := 0
			for _, s := range samples {
				peak = max(peak, abs(int(s)))
			}
			if db := 20 * math.Log10(float64(peak)/32768); db >= -6 {
				t.Errorf("peak = %.1f dBFS, want below −6 dBFS", db)
			}
			if peak < 300 {
				t.Errorf("peak = %d, the earcon is silent", peak)
			}
			// No clicks: the first and last millisecond fade in from and out
			// to silence.
			edge := rate / 1000
			for i := range edge {
				limit := 40 + i*peak/edge
				if a, b := abs(int(samples[i])), abs(int(samples[len(samples)-1-i])); a > limit || b > limit {
					t.Fatalf("sample %d from an edge is %d / %d, want at most %d (a click)", i, a, b, limit)
				}
			}
		})
	}
}

func TestEarconUnknown(t *testing.T) {
	if _, _, err := Earcon("fanfare"); !errors.Is(err, ErrNoEarcon) {
		t.Errorf("Earcon(fanfare) error = %v, want ErrNoEarcon", err)
	}
}

// wavBytes builds a WAV file with the given format fields, an optional
// extra chunk before "data", and samples.
func wavBytes(format, channels uint16, rate uint32, bits uint16, extra []byte, samples ...int16) []byte {
	le := binary.LittleEndian
	var b []byte
	b = append(b, "RIFF\x00\x00\x00\x00WAVEfmt "...)
	b = le.AppendUint32(b, 16)
	b = le.AppendUint16(b, format)
	b = le.AppendUint16(b, channels)
	b = le.AppendUint32(b, rate)
	b = le.AppendUint32(b, rate*uint32(channels)*uint32(bits)/8)
	b = le.AppendUint16(b, channels*bits/8)
	b = le.AppendUint16(b, bits)
	b = append(b, extra...)
	b = append(b, "data"...)
	b = le.AppendUint32(b, uint32(2*len(samples)))
	for _, s := range samples {
		b = le.AppendUint16(b, uint16(s))
	}
	le.PutUint32(b[4:], uint32(len(b)-8))
	return b
}

func TestDecodeWAV(t *testing.T) {
	list := []byte("LIST\x03\x00\x00\x00abc\x00") // odd size, padded
	good := wavBytes(1, 1, 16000, 16, list, 1, -2, 32767)
	samples, rate, err := DecodeWAV(good)
	if err != nil || rate != 16000 || len(samples) != 3 || samples[1] != -2 || samples[2] != 32767 {
		t.Fatalf("DecodeWAV = %v, %d, %v; want [1 -2 32767], 16000, nil", samples, rate, err)
	}
	bad := map[string][]byte{
		"empty":     nil,
		"not riff":  []byte("RIFX\x00\x00\x00\x00WAVE"),
		"stereo":    wavBytes(1, 2, 16000, 16, nil, 1, 2),
		"8 bit":     wavBytes(1, 1, 16000, 8, nil, 1),
		"float":     wavBytes(3, 1, 16000, 16, nil, 1),
		"rate 0":    wavBytes(1, 1, 0, 16, nil, 1),
		"truncated": good[:len(good)-3],
		"no data":   good[:36],
		"data first": append([]byte("RIFF\x00\x00\x00\x00WAVE"),
			good[bytes.Index(good, []byte("data")):]...),
	}
	for name, b := range bad {
		t.Run(name, func(t *testing.T) {
			if s, r, err := DecodeWAV(b); err == nil {
				t.Errorf("DecodeWAV = %d samples at %d Hz, want an error", len(s), r)
			}
		})
	}
}

func FuzzDecodeWAV(f *testing.F) {
	f.Add(wavBytes(1, 1, 22050, 16, nil, 0, 100, -100))
	b, _ := EarconWAV(EarconTick)
	f.Add(b)
	f.Fuzz(func(t *testing.T, b []byte) {
		samples, rate, err := DecodeWAV(b)
		if err == nil && (rate <= 0 || 2*len(samples) > len(b)) {
			t.Fatalf("DecodeWAV accepted %d bytes as %d samples at %d Hz", len(b), len(samples), rate)
		}
	})
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
