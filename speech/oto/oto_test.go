//go:build cgo || windows || (darwin && !amd64)

package oto

import (
	"errors"
	"io"
	"runtime"
	"slices"
	"testing"

	"github.com/describer/describer/speech"
)

func TestDeviceError(t *testing.T) {
	tests := []struct {
		oto, want string
	}{
		{`oto: ALSA error at snd_pcm_open: "default": Invalid argument, "plug:default": Invalid argument, "sysdefault": No such device`,
			`ALSA: cannot open "default": Invalid argument`},
		{"oto: ALSA error at snd_pcm_hw_params_set_format: Invalid argument",
			"ALSA: snd_pcm_hw_params_set_format: Invalid argument"},
		{"the device did not open within 5s", "ALSA: the device did not open within 5s"},
	}
	for _, tt := range tests {
		err := noDevice(errors.New(tt.oto))
		if !errors.Is(err, speech.ErrNoAudioDevice) {
			t.Errorf("%q does not wrap speech.ErrNoAudioDevice", err)
		}
		if got := deviceDetail(errors.New(tt.oto)); got != tt.want && !isNotLinux() {
			t.Errorf("detail of %q = %q, want %q", tt.oto, got, tt.want)
		}
	}
}

func TestSampleReader(t *testing.T) {
	r := &sampleReader{s: []int16{1, -2, 0x1234}}
	b, err := io.ReadAll(io.LimitReader(r, 100))
	if err != nil {
		t.Fatal(err)
	}
	if want := []byte{1, 0, 0xfe, 0xff, 0x34, 0x12}; !slices.Equal(b, want) {
		t.Errorf("read % x, want % x", b, want)
	}
	odd := &sampleReader{s: []int16{1, 2}}
	if n, _ := odd.Read(make([]byte, 3)); n != 2 {
		t.Errorf("a 3-byte read took %d bytes, want one whole sample (2)", n)
	}
}

func isNotLinux() bool { return runtime.GOOS == "windows" || runtime.GOOS == "darwin" }
