package screenreader

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"strings"
	"sync"

	"golang.org/x/sys/unix"

	"github.com/describer/describer/speech"
)

// VoiceOver is a speech.Engine that asks VoiceOver to announce text
// (NSAccessibilityAnnouncementRequestedNotification, high priority), in the
// user's VoiceOver voice and settings. It needs a cgo build and the app's
// main loop (Describer's window): announcements are posted on the main
// thread.
//
// Speak returns once the announcement is posted; VoiceOver does not say when
// it has finished. Stop cannot silence VoiceOver — macOS gives applications
// no way to — so it returns nil; the user's Control key still does.
type VoiceOver struct {
	mu     sync.Mutex
	closed bool
}

// OpenVoiceOver returns the VoiceOver engine, or an error wrapping
// ErrNotAvailable in a build without cgo.
func OpenVoiceOver(Config) (*VoiceOver, error) {
	if !voiceOverBuilt {
		return nil, fmt.Errorf("VoiceOver: announcements need a cgo build (CGO_ENABLED=1): %w", ErrNotAvailable)
	}
	return &VoiceOver{}, nil
}

// Name returns "VoiceOver".
func (v *VoiceOver) Name() string { return NameVoiceOver }

// Speak asks VoiceOver to announce text. Text with nothing to say (only
// spaces or control characters) gives speech.ErrNothingToSay.
func (v *VoiceOver) Speak(ctx context.Context, text string) error {
	if blank(text) {
		return speech.ErrNothingToSay
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	v.mu.Lock()
	closed := v.closed
	v.mu.Unlock()
	if closed {
		return ErrClosed
	}
	return announce(strings.ReplaceAll(strings.ToValidUTF8(text, " "), "\x00", " "))
}

// Stop returns nil: applications cannot silence VoiceOver.
func (v *VoiceOver) Stop() error { return nil }

// Close marks the engine closed.
func (v *VoiceOver) Close() error {
	v.mu.Lock()
	defer v.mu.Unlock()
	v.closed = true
	return nil
}

// probe looks for this user's VoiceOver process in the kernel's process
// table (sysctl kern.proc.uid): pure Go, no cgo, no child process.
func probe(ctx context.Context, _ Config) Status {
	res := make(chan bool, 1)
	go func() { res <- voiceOverRunning() }()
	select {
	case up := <-res:
		if up {
			return Status{ScreenReaders: []string{NameVoiceOver}}
		}
	case <-ctx.Done():
	}
	return Status{}
}

func voiceOverRunning() bool {
	procs, err := unix.SysctlKinfoProcSlice("kern.proc.uid", os.Getuid())
	if err != nil {
		return false
	}
	for _, p := range procs {
		comm := p.Proc.P_comm[:]
		if i := bytes.IndexByte(comm, 0); i >= 0 {
			comm = comm[:i]
		}
		if string(comm) == "VoiceOver" {
			return true
		}
	}
	return false
}

// openFor opens VoiceOver, the one screen reader reached on macOS.
func openFor(_ context.Context, cfg Config, _ Status) (speech.Engine, error) {
	return OpenVoiceOver(cfg)
}
