//go:build cgo || windows || (darwin && !amd64)

package oto

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"
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
	// openTimeout is how long New waits for the device to open.
	openTimeout = 5 * time.Second
	// Play checks whether oto has handed the last sample to the device
	// every fastPoll for the first fastPollFor, then near the end every
	// pollInterval.
	fastPoll     = time.Millisecond
	fastPollFor  = 20 * time.Millisecond
	pollInterval = 5 * time.Millisecond
)

// device is the process-wide oto context.
type device struct {
	ctx  *oto.Context
	rate int
	err  error

	mu     sync.Mutex
	active int           // Play calls in progress; the context runs while > 0
	kick   chan struct{} // wakes idle to suspend or resume the context
}

var (
	openOnce sync.Once
	shared   *device
)

// Player plays 16-bit mono PCM on the default sound device. It implements
// speech.Player; its methods are safe for concurrent use, and sounds
// played at the same time are mixed.
type Player struct {
	dev    *device
	closed atomic.Bool
}

var _ speech.Player = (*Player)(nil)

// New returns a Player on the default sound device. The first call opens
// the device at sampleRate; later calls share it at that rate, which
// SampleRate reports. When there is no usable device, New returns an
// error wrapping speech.ErrNoAudioDevice, such as "no sound device is
// available (ALSA: cannot open "default": No such file or directory);
// descriptions are still shown as text".
func New(sampleRate int) (*Player, error) {
	if sampleRate <= 0 {
		return nil, fmt.Errorf("oto: sample rate %d is not positive", sampleRate)
	}
	openOnce.Do(func() { shared = openDevice(sampleRate) })
	if shared.err != nil {
		return nil, shared.err
	}
	return &Player{dev: shared}, nil
}

func openDevice(rate int) *device {
	d := &device{rate: rate}
	ctx, ready, err := oto.NewContextWithOptions(&oto.NewContextOptions{
		SampleRate:   rate,
		ChannelCount: 1,
		Format:       oto.FormatSignedInt16LE,
		BufferSize:   DeviceBuffer,
	})
	if err != nil {
		d.err = noDevice(err)
		return d
	}
	select {
	case <-ready:
	case <-time.After(openTimeout):
		d.err = noDevice(fmt.Errorf("the device did not open within %v", openTimeout))
		return d
	}
	if err := ctx.Err(); err != nil {
		d.err = noDevice(err)
		return d
	}
	// Idle until the first Play: a running context feeds the device
	// silence, which costs a whole core on devices that never block.
	if err := ctx.Suspend(); err != nil {
		d.err = noDevice(err)
		return d
	}
	d.ctx = ctx
	d.kick = make(chan struct{}, 1)
	go d.idle()
	return d
}

// noDevice turns an oto error into one sentence wrapping
// speech.ErrNoAudioDevice.
func noDevice(err error) error {
	return &deviceError{detail: deviceDetail(err), err: err}
}

type deviceError struct {
	detail string
	err    error
}

func (e *deviceError) Error() string {
	return fmt.Sprintf("%v (%s); descriptions are still shown as text", speech.ErrNoAudioDevice, e.detail)
}

func (e *deviceError) Unwrap() []error { return []error{speech.ErrNoAudioDevice, e.err} }

// deviceDetail shortens oto's message to the system's name and the first
// reason, e.g. `ALSA: cannot open "default": No such file or directory`.
func deviceDetail(err error) string {
	msg := strings.TrimPrefix(err.Error(), "oto: ")
	system := map[string]string{"windows": "Windows audio", "darwin": "Core Audio"}[runtime.GOOS]
	if system == "" {
		system = "ALSA"
	}
	msg = strings.TrimPrefix(msg, "ALSA error at ")
	if rest, ok := strings.CutPrefix(msg, "snd_pcm_open: "); ok {
		first, _, _ := strings.Cut(rest, ", \"")
		msg = "cannot open " + first
	}
	msg = strings.NewReplacer("\n", " ", "\r", " ").Replace(strings.TrimRight(msg, ". "))
	return system + ": " + msg
}

// acquire notes a Play starting; the context runs while any do.
func (d *device) acquire() {
	d.mu.Lock()
	d.active++
	d.mu.Unlock()
	d.poke()
}

// release notes a Play that no longer needs the context.
func (d *device) release() {
	d.mu.Lock()
	d.active--
	d.mu.Unlock()
	d.poke()
}

func (d *device) poke() {
	select {
	case d.kick <- struct{}{}:
	default: // a wake-up is already pending; it will see the new count
	}
}

// idle runs for the life of the process, suspending the context while
// nothing plays and resuming it when something does. Suspend and Resume
// wait for the lock that oto holds while the device takes a period of
// samples (or longer, when a write to the device blocks), so Play never
// calls them itself: that would delay a stop.
func (d *device) idle() {
	running := false
	for range d.kick {
		d.mu.Lock()
		want := d.active > 0
		d.mu.Unlock()
		var err error
		switch {
		case want && !running:
			err = d.ctx.Resume()
		case !want && running:
			err = d.ctx.Suspend()
		}
		if err == nil { // on failure Play reports the device's error
			running = want
		}
	}
}

// SampleRate is the device's rate, the only rate Play accepts.
func (p *Player) SampleRate() int { return p.dev.rate }

// Close marks the Player closed. The device itself stays open for the
// rest of the process (oto cannot reopen it), suspended while idle.
func (p *Player) Close() error {
	p.closed.Store(true)
	return nil
}

var errClosed = errors.New("oto: the player is closed")

// Play plays samples at SampleRate and returns once they have been heard,
// or as soon as ctx is done: the sound is paused at once and only what is
// already in the device's buffer (DeviceBuffer) still sounds.
func (p *Player) Play(ctx context.Context, samples []int16) (err error) {
	if p.closed.Load() {
		return errClosed
	}
	if err := ctx.Err(); err != nil || len(samples) == 0 {
		return err
	}
	op := p.dev.ctx.NewPlayer(&sampleReader{s: samples})
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
	return p.wait(ctx, op, start, start.Add(dur))
}

// wait lets op play until the device has it all and the sound's length has
// passed, letting the context be suspended as soon as oto has handed the
// device the last sample.
func (p *Player) wait(ctx context.Context, op oto.Player, start, end time.Time) error {
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
		if err := p.dev.ctx.Err(); err != nil {
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
