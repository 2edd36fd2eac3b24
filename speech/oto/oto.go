//go:build cgo || windows || (darwin && !amd64)

package oto

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"sync"
	"sync/atomic"
	"time"

	"github.com/describer/describer/speech"
	"github.com/hajimehoshi/oto/v2"
)

const (
	// DeviceBuffer is the sound device's buffer, in two periods. Samples
	// in it (and up to one period more on its way) still sound after
	// playback is stopped, so it bounds stop latency at about 45 ms.
	DeviceBuffer = 30 * time.Millisecond
	// Play checks whether oto has handed the last sample to the device
	// every fastPoll for the first fastPollFor, then near the end every
	// pollInterval.
	fastPoll     = time.Millisecond
	fastPollFor  = 20 * time.Millisecond
	pollInterval = 5 * time.Millisecond
)

var (
	sharedMu sync.Mutex
	shared   *device // the process's device, made by the first New or Open
)

// Player plays 16-bit mono PCM on the default sound device. It implements
// speech.Player; its methods are safe for concurrent use, and sounds
// played at the same time are mixed.
type Player struct {
	dev    *device
	closed atomic.Bool
}

var _ speech.Player = (*Player)(nil)

// New returns a Player on the default sound device. The first call to New
// or Open fixes the rate, sampleRate, for the life of the process; later
// calls share the device at that rate, which SampleRate reports. When
// there is no usable device, New returns an error wrapping
// speech.ErrNoAudioDevice, such as "no sound device is available (ALSA:
// cannot open "default": No such file or directory); descriptions are
// still shown as text". The failure is not kept: a later New tries again
// (at most once every few seconds).
func New(sampleRate int) (*Player, error) {
	p, err := Open(sampleRate)
	if err != nil {
		return nil, err
	}
	return p, nil
}

// Open is New for programs that run for long: it returns a Player even
// when the device cannot be opened now, together with New's error. Its
// Play fails with that error until a device can be opened, then plays:
// sound that was missing at start (no device yet, the sound server not
// up) comes back without a restart, as it does when the device goes
// away and comes back. Open returns a nil Player only when sampleRate is
// not positive.
func Open(sampleRate int) (*Player, error) {
	if sampleRate <= 0 {
		return nil, fmt.Errorf("oto: sample rate %d is not positive", sampleRate)
	}
	sharedMu.Lock()
	if shared == nil {
		shared = newDevice(sampleRate)
	}
	p := &Player{dev: shared}
	sharedMu.Unlock()
	_, err := p.dev.context(context.Background())
	return p, err
}

// SampleRate is the device's rate, the only rate Play accepts.
func (p *Player) SampleRate() int { return p.dev.rate }

// Close marks the Player closed. The device itself stays open for the
// rest of the process (oto cannot close a context), suspended while idle.
func (p *Player) Close() error {
	p.closed.Store(true)
	return nil
}

var errClosed = errors.New("oto: the player is closed")

// Play plays samples at SampleRate and returns once they have been heard,
// or as soon as ctx is done: the sound is paused at once and only what is
// already in the device's buffer (DeviceBuffer) still sounds. When the
// device is not open (it could not be, or it went away), Play opens it,
// at most once every few seconds, and fails with an error wrapping
// speech.ErrNoAudioDevice while it cannot.
func (p *Player) Play(ctx context.Context, samples []int16) (err error) {
	if p.closed.Load() {
		return errClosed
	}
	if err := ctx.Err(); err != nil || len(samples) == 0 {
		return err
	}
	oc, err := p.dev.context(ctx)
	if err != nil {
		return err
	}
	op := oc.NewPlayer(&sampleReader{s: samples})
	defer func() {
		// Close reports the player's own error, which wait may already have.
		if cerr := op.Close(); cerr != nil && err == nil {
			err = fmt.Errorf("oto: play: %w", cerr)
		}
	}()
	// Queue the whole sound at once: it then reaches the device with no
	// gaps, and Pause still silences it at once.
	if bs, ok := op.(oto.BufferSizeSetter); ok {
		bs.SetBufferSize(2*len(samples) + 2)
	}
	op.Play()
	p.dev.acquire()
	dur := time.Duration(float64(len(samples)) / float64(p.dev.rate) * float64(time.Second))
	start := time.Now()
	return p.wait(ctx, oc, op, start, start.Add(dur))
}

// wait lets op play on oc until the device has it all and the sound's length has
// passed, letting the context be suspended as soon as oto has handed the
// device the last sample.
func (p *Player) wait(ctx context.Context, oc *oto.Context, op oto.Player, start, end time.Time) error {
	held := true
	defer func() {
		if held {
			p.dev.release()
		}
	}()
	timer := time.NewTimer(fastPoll)
	defer timer.Stop()
	var drained time.Time
	for {
		select {
		case <-ctx.Done():
			op.Pause()
			return ctx.Err()
		case <-timer.C:
		}
		now := time.Now()
		if drained.IsZero() && !op.IsPlaying() {
			if err := op.Err(); err != nil {
				return fmt.Errorf("oto: play: %w", err)
			}
			drained, held = now, false
			p.dev.release()
		}
		if err := oc.Err(); err != nil {
			return noDevice(err)
		}
		if drained.IsZero() {
			timer.Reset(nextPoll(now, start, end))
			continue
		}
		done := later(drained.Add(DeviceBuffer), end)
		if !now.Before(done) {
			return nil
		}
		timer.Reset(done.Sub(now))
	}
}

// nextPoll is when to look again whether oto has handed the device every
// sample: often at first (devices that never block, such as ALSA's file
// device, take it all at once, and the context spins until suspended),
// then not until near the end, then every pollInterval.
func nextPoll(now, start, end time.Time) time.Duration {
	if now.Sub(start) < fastPollFor {
		return fastPoll
	}
	if d := end.Add(-2 * DeviceBuffer).Sub(now); d > pollInterval {
		return d
	}
	return pollInterval
}

func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// sampleReader reads int16 samples as little-endian bytes.
type sampleReader struct{ s []int16 }

func (r *sampleReader) Read(b []byte) (int, error) {
	if len(r.s) == 0 {
		return 0, io.EOF
	}
	n := min(len(b)/2, len(r.s))
	for i, v := range r.s[:n] {
		binary.LittleEndian.PutUint16(b[2*i:], uint16(v))
	}
	r.s = r.s[n:]
	return 2 * n, nil
}
