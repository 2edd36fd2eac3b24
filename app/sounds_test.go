package app_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/describer/describer/app"
)

// recPlayer records what it plays; block holds each Play until released.
type recPlayer struct {
	mu     sync.Mutex
	plays  []int
	closed bool
	block  chan struct{}
	played chan struct{}
}

func (p *recPlayer) SampleRate() int { return 16000 }

func (p *recPlayer) Play(ctx context.Context, s []int16) error {
	p.mu.Lock()
	p.plays = append(p.plays, len(s))
	p.mu.Unlock()
	p.played <- struct{}{}
	<-p.block
	return nil
}

func (p *recPlayer) Close() error { p.mu.Lock(); p.closed = true; p.mu.Unlock(); return nil }

func TestSoundsSilentUntilOpenThenNoTickPileUp(t *testing.T) {
	var s app.Sounds
	s.Start() // no player yet: nothing happens, nothing blocks
	p := &recPlayer{block: make(chan struct{}), played: make(chan struct{}, 4)}
	started := make(chan time.Time, 1)
	s.OnStart = func(at time.Time) { started <- at }
	if err := s.Open(p); err != nil {
		t.Fatal(err)
	}
	s.Start()
	<-p.played
	<-started
	s.Tick() // the start sound still plays: the tick is dropped
	s.Error()
	<-p.played
	close(p.block)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.plays) != 2 || !p.closed {
		t.Fatalf("played %v sounds (closed %v); want start and error, no tick, then closed", p.plays, p.closed)
	}
	for _, n := range p.plays {
		if n == 0 {
			t.Errorf("a sound of no samples was played")
		}
	}
}
