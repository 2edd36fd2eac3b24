//go:build !windows

package syslook

import (
	"context"
	"testing"
)

// TestReadCancelled runs the real Read without running any command: with
// ctx already ended only FYNE_SCALE can answer, whatever the machine's
// desktop.
func TestReadCancelled(t *testing.T) {
	t.Setenv("FYNE_SCALE", "1.5")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if got, want := Read(ctx), (Look{TextSize: 150}); got != want {
		t.Errorf("Read = %+v, want %+v", got, want)
	}
}
