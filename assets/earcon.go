package assets

//go:generate go run gen_earcons.go -dir .

import (
	"embed"
	"encoding/binary"
	"errors"
	"fmt"
)

// Earcon names, for Earcon and EarconWAV.
const (
	// EarconStart is a gentle rising two-note chime (80 ms): a job started.
	EarconStart = "start"
	// EarconTick is a soft 15 ms blip, repeated while a job is working.
	EarconTick = "tick"
	// EarconError is a low falling pair of notes (220 ms): a job failed.
	EarconError = "error"
)

// EarconNames lists every earcon, in the order above.
var EarconNames = []string{EarconStart, EarconTick, EarconError}

// earconFiles holds the WAV files that gen_earcons.go writes.
//
//go:embed earcon_*.wav
var earconFiles embed.FS

// ErrNoEarcon means there is no earcon of the asked name.
var ErrNoEarcon = errors.New("no such earcon")

// EarconWAV returns the embedded WAV file of the named earcon: 16-bit mono
// PCM at 22 050 Hz.
func EarconWAV(name string) ([]byte, error) {
	b, err := earconFiles.ReadFile("earcon_" + name + ".wav")
	if err != nil {
		return nil, fmt.Errorf("assets: earcon %q: %w", name, ErrNoEarcon)
	}
	return b, nil
}

// Earcon returns the samples and sample rate of the named earcon.
func Earcon(name string) (samples []int16, rate int, err error) {
	b, err := EarconWAV(name)
	if err != nil {
		return nil, 0, err
	}
	samples, rate, err = DecodeWAV(b)
	if err != nil {
		return nil, 0, fmt.Errorf("assets: earcon %q: %w", name, err)
	}
	return samples, rate, nil
}

// DecodeWAV reads a RIFF WAV file of 16-bit mono PCM and returns its samples
// and sample rate. Chunks other than "fmt " and "data" are skipped.
func DecodeWAV(b []byte) (samples []int16, rate int, err error) {
	if len(b) < 12 || string(b[0:4]) != "RIFF" || string(b[8:12]) != "WAVE" {
		return nil, 0, errors.New("wav: not a RIFF WAVE file")
	}
	le := binary.LittleEndian
	haveFmt := false
	for p := 12; p+8 <= len(b); {
		id, size := string(b[p:p+4]), int64(le.Uint32(b[p+4:p+8]))
		body := b[p+8:]
		if size > int64(len(body)) {
			return nil, 0, fmt.Errorf("wav: chunk %q runs past the end of the file", id)
		}
		body = body[:size]
		switch id {
		case "fmt ":
			if rate, err = checkFormat(body); err != nil {
				return nil, 0, err
			}
			haveFmt = true
		case "data":
			if !haveFmt {
				return nil, 0, errors.New("wav: data comes before the format chunk")
			}
			samples = make([]int16, len(body)/2)
			for i := range samples {
				samples[i] = int16(le.Uint16(body[2*i:]))
			}
			return samples, rate, nil
		}
		p += 8 + int(size) + int(size&1) // chunks are padded to even sizes
	}
	return nil, 0, errors.New("wav: no data chunk")
}

// checkFormat accepts a "fmt " chunk of 16-bit mono PCM and returns its rate.
func checkFormat(f []byte) (int, error) {
	if len(f) < 16 {
		return 0, errors.New("wav: format chunk is too short")
	}
	le := binary.LittleEndian
	format, channels := le.Uint16(f[0:]), le.Uint16(f[2:])
	rate, bits := le.Uint32(f[4:]), le.Uint16(f[14:])
	if format != 1 || channels != 1 || bits != 16 {
		return 0, fmt.Errorf("wav: format %d, %d channels, %d bits; want PCM (1), mono, 16 bits", format, channels, bits)
	}
	if rate == 0 || rate > 1_000_000 {
		return 0, fmt.Errorf("wav: sample rate %d is not usable", rate)
	}
	return int(rate), nil
}
