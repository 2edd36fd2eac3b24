package speech

import (
	"bufio"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
)

const wavHeaderSize = 44

// maxWAVData is the most sample data one WAV file can hold: its sizes are
// 32-bit.
const maxWAVData = math.MaxUint32 - (wavHeaderSize - 8)

// ErrWAVTooLong means the audio does not fit in one WAV file (about 27
// hours at 22 050 Hz).
var ErrWAVTooLong = errors.New("the speech is too long for one WAV file (4 GiB)")

// wavHeader returns the 44-byte RIFF header of 16-bit mono PCM at rate with
// dataSize bytes of samples.
func wavHeader(rate int, dataSize uint32) []byte {
	var h [wavHeaderSize]byte
	le := binary.LittleEndian
	copy(h[0:], "RIFF")
	le.PutUint32(h[4:], dataSize+wavHeaderSize-8)
	copy(h[8:], "WAVEfmt ")
	le.PutUint32(h[16:], 16)             // fmt chunk size
	le.PutUint16(h[20:], 1)              // PCM
	le.PutUint16(h[22:], 1)              // mono
	le.PutUint32(h[24:], uint32(rate))   // samples per second
	le.PutUint32(h[28:], uint32(rate)*2) // bytes per second
	le.PutUint16(h[32:], 2)              // bytes per frame
	le.PutUint16(h[34:], 16)             // bits per sample
	copy(h[36:], "data")
	le.PutUint32(h[40:], dataSize)
	return h[:]
}

// writeSamples writes samples little-endian, in blocks.
func writeSamples(w io.Writer, samples []int16) error {
	buf := make([]byte, 0, 32<<10)
	for i, s := range samples {
		buf = binary.LittleEndian.AppendUint16(buf, uint16(s))
		if len(buf) == cap(buf) || i == len(samples)-1 {
			if _, err := w.Write(buf); err != nil {
				return fmt.Errorf("wav: write samples: %w", err)
			}
			buf = buf[:0]
		}
	}
	return nil
}

// WriteWAV writes a as a standard WAV file: the 44-byte RIFF header of
// 16-bit PCM, mono, at a.SampleRate, then the samples little-endian.
func WriteWAV(w io.Writer, a Audio) error {
	if a.SampleRate <= 0 {
		return fmt.Errorf("wav: write: sample rate %d is not positive", a.SampleRate)
	}
	dataSize := 2 * uint64(len(a.Samples))
	if dataSize > maxWAVData {
		return fmt.Errorf("wav: write: %w", ErrWAVTooLong)
	}
	if _, err := w.Write(wavHeader(a.SampleRate, uint32(dataSize))); err != nil {
		return fmt.Errorf("wav: write header: %w", err)
	}
	return writeSamples(w, a.Samples)
}

// WAVFile writes a WAV file a piece at a time, so long speech never has to
// be held in memory. It writes to a temporary file in the same folder and
// renames it into place on Commit, so a failure never leaves a half-written
// file behind.
type WAVFile struct {
	path, tmp string
	f         *os.File
	bw        *bufio.Writer
	rate      int
	data      uint64
}

// CreateWAVFile starts a WAV file at path for audio at rate.
func CreateWAVFile(path string, rate int) (*WAVFile, error) {
	if rate <= 0 {
		return nil, fmt.Errorf("wav: write: sample rate %d is not positive", rate)
	}
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return nil, fmt.Errorf("wav: create %s: %w", path, err)
	}
	w := &WAVFile{path: path, tmp: f.Name(), f: f, bw: bufio.NewWriterSize(f, 64<<10), rate: rate}
	if _, err := w.bw.Write(wavHeader(rate, 0)); err != nil {
		return nil, errors.Join(fmt.Errorf("wav: write %s: %w", path, err), w.Abort())
	}
	return w, nil
}

// Write appends samples. It fails with ErrWAVTooLong before the file would
// pass the format's 4 GiB limit.
func (w *WAVFile) Write(samples []int16) error {
	if w.data+2*uint64(len(samples)) > maxWAVData {
		return fmt.Errorf("wav: write %s: %w", w.path, ErrWAVTooLong)
	}
	if err := writeSamples(w.bw, samples); err != nil {
		return fmt.Errorf("wav: write %s: %w", w.path, err)
	}
	w.data += 2 * uint64(len(samples))
	return nil
}

// Commit writes the final sizes into the header and moves the file into
// place.
func (w *WAVFile) Commit() error {
	err := w.bw.Flush()
	if err == nil {
		_, err = w.f.WriteAt(wavHeader(w.rate, uint32(w.data)), 0)
	}
	if err == nil {
		err = w.f.Sync()
	}
	if cerr := w.f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(w.tmp, 0o644)
	}
	if err == nil {
		err = os.Rename(w.tmp, w.path)
	}
	if err != nil {
		return errors.Join(fmt.Errorf("wav: write %s: %w", w.path, err), ignoreNotExist(os.Remove(w.tmp)))
	}
	return nil
}

// Abort discards the file.
func (w *WAVFile) Abort() error {
	cerr := w.f.Close()
	if errors.Is(cerr, os.ErrClosed) {
		cerr = nil
	}
	return errors.Join(cerr, ignoreNotExist(os.Remove(w.tmp)))
}

// WriteWAVFile writes a to path as a WAV file (see WriteWAV), atomically:
// it writes a temporary file in the same folder and renames it over path,
// so a failure never leaves a half-written file behind.
func WriteWAVFile(path string, a Audio) error {
	w, err := CreateWAVFile(path, a.SampleRate)
	if err != nil {
		return err
	}
	if err := w.Write(a.Samples); err != nil {
		return errors.Join(err, w.Abort())
	}
	return w.Commit()
}

func ignoreNotExist(err error) error {
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	return err
}

// ReadWAV reads a 16-bit PCM mono WAV file, skipping chunks other than
// "fmt " and "data". A data chunk whose size runs past the end of the file
// (as streaming writers leave it) is read to the end.
func ReadWAV(r io.Reader) (Audio, error) {
	var riff [12]byte
	if _, err := io.ReadFull(r, riff[:]); err != nil {
		return Audio{}, fmt.Errorf("wav: read header: %w", err)
	}
	if string(riff[0:4]) != "RIFF" || string(riff[8:12]) != "WAVE" {
		return Audio{}, errors.New("wav: not a RIFF/WAVE file")
	}
	rate := 0
	for {
		var ch [8]byte
		if _, err := io.ReadFull(r, ch[:]); err != nil {
			return Audio{}, fmt.Errorf("wav: no data chunk: %w", err)
		}
		id, size := string(ch[0:4]), int64(binary.LittleEndian.Uint32(ch[4:]))
		switch id {
		case "fmt ":
			var err error
			if rate, err = readFmt(r, size); err != nil {
				return Audio{}, err
			}
		case "data":
			if rate == 0 {
				return Audio{}, errors.New("wav: data chunk before fmt chunk")
			}
			return readData(r, size, rate)
		default:
			if _, err := io.CopyN(io.Discard, r, size+size%2); err != nil {
				return Audio{}, fmt.Errorf("wav: skip %q chunk: %w", id, err)
			}
		}
	}
}

func readFmt(r io.Reader, size int64) (int, error) {
	if size < 16 || size > 1<<16 {
		return 0, fmt.Errorf("wav: fmt chunk of %d bytes", size)
	}
	b := make([]byte, size+size%2)
	if _, err := io.ReadFull(r, b); err != nil {
		return 0, fmt.Errorf("wav: read fmt chunk: %w", err)
	}
	le := binary.LittleEndian
	format, channels := le.Uint16(b[0:]), le.Uint16(b[2:])
	rate, bits := le.Uint32(b[4:]), le.Uint16(b[14:])
	switch {
	case format != 1 && format != 0xFFFE:
		return 0, fmt.Errorf("wav: format %d is not PCM", format)
	case channels != 1:
		return 0, fmt.Errorf("wav: %d channels, want mono", channels)
	case bits != 16:
		return 0, fmt.Errorf("wav: %d bits per sample, want 16", bits)
	case rate == 0 || rate > 1<<24:
		return 0, fmt.Errorf("wav: sample rate %d", rate)
	}
	return int(rate), nil
}

func readData(r io.Reader, size int64, rate int) (Audio, error) {
	b, err := io.ReadAll(io.LimitReader(r, size))
	if err != nil {
		return Audio{}, fmt.Errorf("wav: read samples: %w", err)
	}
	a := Audio{SampleRate: rate, Samples: make([]int16, len(b)/2)}
	for i := range a.Samples {
		a.Samples[i] = int16(binary.LittleEndian.Uint16(b[2*i:]))
	}
	return a, nil
}

// SynthesizeToFile writes the speech of text to a 16-bit PCM WAV file at
// path a sentence at a time, so memory stays bounded, and atomically: a
// failure leaves no file. It returns the seconds of speech written.
func (s *Speaker) SynthesizeToFile(ctx context.Context, text, path string) (float64, error) {
	s.synthMu.Lock()
	rate := s.synth.SampleRate()
	s.synthMu.Unlock()
	wav, err := CreateWAVFile(path, rate)
	if err != nil {
		return 0, err
	}
	var samples int
	_, err = s.SynthesizeEach(ctx, text, func(b []int16) error {
		samples += len(b)
		return wav.Write(b)
	})
	if err != nil {
		return 0, errors.Join(err, wav.Abort())
	}
	if err := wav.Commit(); err != nil {
		return 0, err
	}
	return float64(samples) / float64(rate), nil
}
