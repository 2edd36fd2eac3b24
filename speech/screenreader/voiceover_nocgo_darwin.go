//go:build !cgo

package screenreader

import "fmt"

// voiceOverBuilt is false: announcements need cgo and AppKit.
const voiceOverBuilt = false

func announce(string) error {
	return fmt.Errorf("VoiceOver: not available in this build (built without cgo): %w", ErrNotAvailable)
}
