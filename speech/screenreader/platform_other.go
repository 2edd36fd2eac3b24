//go:build !linux && !windows && !darwin

package screenreader

import (
	"context"
	"net"

	"github.com/describer/describer/speech"
)

// probe finds no screen reader on this platform; it only checks whether
// speech-dispatcher (which BSD desktops can run) is reachable.
func probe(ctx context.Context, cfg Config) Status {
	addr, err := ParseAddress(cfg.Address)
	if err != nil {
		return Status{}
	}
	var d net.Dialer
	conn, err := d.DialContext(ctx, addr.Network, addr.Addr)
	if err != nil {
		return Status{}
	}
	_ = conn.Close()
	return Status{SpeechDispatcher: true}
}

// openFor opens speech-dispatcher, the only channel on this platform.
func openFor(ctx context.Context, cfg Config, _ Status) (speech.Engine, error) {
	return OpenSpeechDispatcher(ctx, cfg)
}
