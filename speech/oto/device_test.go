//go:build cgo || windows || (darwin && !amd64)

package oto

import (
	"context"
	"errors"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/describer/describer/speech"
	"github.com/hajimehoshi/oto/v2"
)

// fakeClock is a clock that moves only when told.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func newFakeClock() *fakeClock { return &fakeClock{t: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)} }

func (c *fakeClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// failingDevice is a device whose every open fails with err, counting the
// tries in opens.
func failingDevice(clock *fakeClock, opens *atomic.Int32, err error) *device {
	d := newDevice(22050)
	d.canReopen, d.now = true, clock.now
	d.open = func(int) (*oto.Context, error) {
		opens.Add(1)
		return nil, err
	}
	return d
}

var errNoCard = errors.New(`oto: ALSA error at snd_pcm_open: "default": No such file or directory`)

func TestPlayRetriesOpenAfterBackOff(t *testing.T) {
	clock := newFakeClock()
	var opens atomic.Int32
	p := &Player{dev: failingDevice(clock, &opens, errNoCard)}
	ctx := context.Background()
	play := func(wantOpens int32) {
		t.Helper()
		err := p.Play(ctx, []int16{1, 2, 3})
		if !errors.Is(err, speech.ErrNoAudioDevice) || !strings.Contains(err.Error(), `ALSA: cannot open "default"`) {
			t.Fatalf("Play = %v, want the no-device sentence", err)
		}
		if got := opens.Load(); got != wantOpens {
			t.Fatalf("%d tries to open the device, want %d", got, wantOpens)
		}
	}
	play(1)
	play(1) // within the back-off: the last failure, no new try
	clock.advance(retryInterval - time.Nanosecond)
	play(1)
	clock.advance(time.Nanosecond)
	play(2)

	// Plays at the same moment share one try.
	clock.advance(retryInterval)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			if err := p.Play(ctx, []int16{1}); !errors.Is(err, speech.ErrNoAudioDevice) {
				t.Errorf("Play = %v, want ErrNoAudioDevice", err)
			}
		})
	}
	wg.Wait()
	if got := opens.Load(); got != 3 {
		t.Errorf("8 Plays at once made %d tries in all, want 3", got)
	}
}

func TestNoRetry(t *testing.T) {
	tests := []struct {
		name      string
		canReopen bool
		err       error
	}{
		{"oto cannot reopen here", false, errNoCard},
		{"the device was left open", true, errors.New("oto: ALSA error at snd_pcm_hw_params_set_format: Invalid argument")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clock := newFakeClock()
			var opens atomic.Int32
			d := failingDevice(clock, &opens, tt.err)
			d.canReopen = tt.canReopen
			p := &Player{dev: d}
			for range 3 {
				if err := p.Play(context.Background(), []int16{1}); !errors.Is(err, speech.ErrNoAudioDevice) {
					t.Fatalf("Play = %v, want ErrNoAudioDevice", err)
				}
				clock.advance(time.Hour)
			}
			if got := opens.Load(); got != 1 {
				t.Errorf("%d tries to open the device, want 1", got)
			}
		})
	}
}

// TestSlowOpen: a device that takes longer than openTimeout to open
// fails the Plays that wait for it, without a second try, and what it
// comes to counts once it is done.
func TestSlowOpen(t *testing.T) {
	clock := newFakeClock()
	var opens atomic.Int32
	started, release := make(chan struct{}), make(chan struct{})
	d := newDevice(22050)
	d.canReopen, d.now, d.openTimeout = true, clock.now, 20*time.Millisecond
	d.open = func(int) (*oto.Context, error) {
		if opens.Add(1) == 1 {
			close(started)
		}
		<-release
		return nil, errNoCard
	}
	p := &Player{dev: d}

	ctx, cancel := context.WithCancel(context.Background())
	errc := make(chan error, 1)
	go func() { errc <- p.Play(ctx, []int16{1}) }()
	<-started
	cancel()
	if err := <-errc; !errors.Is(err, context.Canceled) {
		t.Fatalf("Play cancelled while the device opens = %v, want context.Canceled", err)
	}
	for _, step := range []time.Duration{0, retryInterval - time.Nanosecond} {
		clock.advance(step) // first the open's 20 ms run out, then they have
		err := p.Play(context.Background(), []int16{1})
		if !errors.Is(err, speech.ErrNoAudioDevice) || !strings.Contains(err.Error(), "did not open within 20ms") {
			t.Fatalf("Play while the device takes long to open = %v, want the no-device sentence", err)
		}
	}
	d.mu.Lock()
	opening := d.opening
	d.mu.Unlock()
	close(release)
	<-opening
	if err := p.Play(context.Background(), []int16{1}); !errors.Is(err, errNoCard) {
		t.Errorf("Play after the slow open failed = %v, want its error", err)
	}
	if got := opens.Load(); got != 1 {
		t.Errorf("%d tries to open the device, want 1", got)
	}
}
