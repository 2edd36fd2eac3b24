package main

import (
	"context"
	"fmt"
	"sync/atomic"
	"time"

	"github.com/describer/describer/app"
	"github.com/describer/describer/assets"
	"github.com/describer/describer/speech"
)

// earcons plays the embedded earcons on a player, each on its own
// goroutine so the caller (a hotkey) never waits; the player mixes them
// with speech. OnStart, when set, is called when the start earcon's
// samples are handed to the player (the hotkey → earcon measurement).
type earcons struct {
	p       speech.Player
	sounds  map[string][]int16
	OnStart func(time.Time)
	playing atomic.Int32
}

var _ app.Earcons = (*earcons)(nil)

// newEarcons decodes the earcons at the player's sample rate.
func newEarcons(p speech.Player) (*earcons, error) {
	e := &earcons{p: p, sounds: map[string][]int16{}}
	for _, name := range assets.EarconNames {
		s, rate, err := assets.Earcon(name)
		if err != nil {
			return nil, fmt.Errorf("earcon %s: %w", name, err)
		}
		e.sounds[name] = speech.Resample(s, rate, p.SampleRate())
	}
	return e, nil
}

func (e *earcons) play(name string) {
	// A tick never piles up behind another sound.
	if name == assets.EarconTick && e.playing.Load() > 0 {
		return
	}
	e.playing.Add(1)
	go func() {
		defer e.playing.Add(-1)
		if name == assets.EarconStart && e.OnStart != nil {
			e.OnStart(time.Now())
		}
		_ = e.p.Play(context.Background(), e.sounds[name])
	}()
}

// Start plays the start earcon.
func (e *earcons) Start() { e.play(assets.EarconStart) }

// Tick plays the tick earcon unless a sound is playing.
func (e *earcons) Tick() { e.play(assets.EarconTick) }

// Error plays the error earcon.
func (e *earcons) Error() { e.play(assets.EarconError) }

// earconSlot is the jobs' app.Earcons: silent until the sound device has
// opened (in the background, after the window is shown), then the earcons.
type earconSlot struct{ e atomic.Pointer[earcons] }

var _ app.Earcons = (*earconSlot)(nil)

func (s *earconSlot) set(e *earcons) { s.e.Store(e) }

// close silences the earcons and closes their player.
func (s *earconSlot) close() error {
	if e := s.e.Swap(nil); e != nil {
		return e.p.Close()
	}
	return nil
}

// Start plays the start earcon, once the device is open.
func (s *earconSlot) Start() {
	if e := s.e.Load(); e != nil {
		e.Start()
	}
}

// Tick plays the tick earcon, once the device is open.
func (s *earconSlot) Tick() {
	if e := s.e.Load(); e != nil {
		e.Tick()
	}
}

// Error plays the error earcon, once the device is open.
func (s *earconSlot) Error() {
	if e := s.e.Load(); e != nil {
		e.Error()
	}
}
