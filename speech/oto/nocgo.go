//go:build !cgo && !windows && !(darwin && !amd64)

package oto

import (
	"context"
	"fmt"
	"time"

	"github.com/describer/describer/speech"
)

// DeviceBuffer is the sound device's buffer; this build has no device.
const DeviceBuffer = 30 * time.Millisecond

// Player would play sound; this build has none, so New never returns one.
// Builds without cgo have no sound on Linux and the other Unix systems
// (ALSA needs cgo) and on Intel Macs (where oto's cgo-free path, purego
// v0.4.1, does not compile with Go 1.26).
type Player struct{}

var _ speech.Player = (*Player)(nil)

// New always fails in this build, which was made without cgo. The error
// wraps speech.ErrNoAudioDevice.
func New(sampleRate int) (*Player, error) {
	return nil, fmt.Errorf("%w (this program was built without cgo, which sound needs here); descriptions are still shown as text",
		speech.ErrNoAudioDevice)
}

// Open returns a Player that cannot play, and New's error; it returns a
// nil Player only when sampleRate is not positive.
func Open(sampleRate int) (*Player, error) {
	if sampleRate <= 0 {
		return nil, fmt.Errorf("oto: sample rate %d is not positive", sampleRate)
	}
	_, err := New(sampleRate)
	return &Player{}, err
}

// SampleRate is 0: there is no device.
func (p *Player) SampleRate() int { return 0 }

// Play fails with speech.ErrNoAudioDevice.
func (p *Player) Play(ctx context.Context, samples []int16) error { return speech.ErrNoAudioDevice }

// Close does nothing.
func (p *Player) Close() error { return nil }
