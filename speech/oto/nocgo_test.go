//go:build !cgo && !windows && !(darwin && !amd64)

package oto

import (
	"context"
	"errors"
	"testing"

	"github.com/describer/describer/speech"
)

func TestNoSoundWithoutCgo(t *testing.T) {
	p, err := New(22050)
	if p != nil || !errors.Is(err, speech.ErrNoAudioDevice) {
		t.Fatalf("New = %v, %v; want no player and ErrNoAudioDevice", p, err)
	}
	if p, err := Open(22050); p == nil || !errors.Is(err, speech.ErrNoAudioDevice) {
		t.Fatalf("Open = %v, %v; want a Player and ErrNoAudioDevice", p, err)
	}
	var zero Player
	if err := zero.Play(context.Background(), []int16{1}); !errors.Is(err, speech.ErrNoAudioDevice) {
		t.Errorf("Play = %v, want ErrNoAudioDevice", err)
	}
}
