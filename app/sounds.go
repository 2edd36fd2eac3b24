package app

import (
	"context"
	"fmt"
	"sync/atomic"
	"time"

	"github.com/describer/describer/assets"
	"github.com/describer/describer/speech"
)

// Sounds is the jobs' Earcons: the embedded earcons, played on a player
// that opens in the background once the window is shown. Until Open has
// been called it is silent. Each sound plays on its own goroutine, so the
// caller (a hotkey) never waits; the player mixes it with speech.
type Sounds struct {
	// OnStart, when set, is called when the start earcon's samples are
	// handed to the player (the hotkey → earcon measurement).
	OnStart func(time.Time)
	cur     atomic.Pointer[earconSet]
}

var _ Earcons = (*Sounds)(nil)

// earconSet is the earcons decoded at one player's rate.
type earconSet struct {
	p       speech.Player
	sounds  map[string][]int16
	playing atomic.Int32
}

// Open decodes the earcons at p's sample rate and plays them on p from now
// on; Close closes p. On error p is left open.
func (s *Sounds) Open(p speech.Player) error {
	e := &earconSet{p: p, sounds: map[string][]int16{}}
	for _, name := range assets.EarconNames {
		samples, rate, err := assets.Earcon(name)
		if err != nil {
			return fmt.Errorf("earcon %s: %w", name, err)
		}
		e.sounds[name] = speech.Resample(samples, rate, p.SampleRate())
	}
	s.cur.Store(e)
	return nil
}

// Close silences the earcons and closes their player.
func (s *Sounds) Close() error {
	if e := s.cur.Swap(nil); e != nil {
		return e.p.Close()
	}
	return nil
}

// Start plays the start earcon.
func (s *Sounds) Start() { s.play(assets.EarconStart) }

// Tick plays the tick earcon unless a sound is playing.
func (s *Sounds) Tick() { s.play(assets.EarconTick) }

// Error plays the error earcon.
func (s *Sounds) Error() { s.play(assets.EarconError) }

func (s *Sounds) play(name string) {
	e := s.cur.Load()
	// A tick never piles up behind another sound.
	if e == nil || name == assets.EarconTick && e.playing.Load() > 0 {
		return
	}
	e.playing.Add(1)
	go func() {
		defer e.playing.Add(-1)
		if name == assets.EarconStart && s.OnStart != nil {
			s.OnStart(time.Now())
		}
		_ = e.p.Play(context.Background(), e.sounds[name])
	}()
}
