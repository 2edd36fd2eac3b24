package assets

import (
	"bytes"
	"errors"
	"math"
	"testing"
	"time"

	"github.com/describer/describer/speech"
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

// TestEarconWAVIsSpeechWAV checks that each embedded file is exactly what
// speech.WriteWAV writes of its samples: one WAV format across Describer.
func TestEarconWAVIsSpeechWAV(t *testing.T) {
	for _, name := range EarconNames {
		b, err := EarconWAV(name)
		if err != nil {
			t.Fatal(err)
		}
		samples, rate, err := Earcon(name)
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := speech.WriteWAV(&buf, speech.Audio{SampleRate: rate, Samples: samples}); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(buf.Bytes(), b) {
			t.Errorf("%s: speech.WriteWAV gives %d bytes unlike the embedded %d", name, buf.Len(), len(b))
		}
	}
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
