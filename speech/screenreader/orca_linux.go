package screenreader

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/godbus/dbus/v5"

	"github.com/describer/describer/speech"
)

// orcaDialect is one version of Orca's D-Bus remote controller.
//
// The contract, from Orca's src/orca/dbus_service.py and
// REMOTE-CONTROLLER-COMMANDS.md (GNOME/orca):
//
//   - Orca 49 and 50 own "org.gnome.Orca.Service" and serve
//     PresentMessage(s message) → (b) on object /org/gnome/Orca/Service,
//     interface org.gnome.Orca.Service. Module commands go through the
//     generic org.gnome.Orca.Module.ExecuteCommand(s name, b notify_user) →
//     (b) on /org/gnome/Orca/Service/<Module>; speech is interrupted with
//     "InterruptSpeech" on the SpeechManager module (SpeechAndVerbosityManager
//     in early 49 releases).
//   - Later Orca renamed the service with a version number:
//     "org.gnome.Orca1.Service", object /org/gnome/Orca1/Service, interface
//     org.gnome.Orca1.Service, same PresentMessage(s) → (b); each module is
//     its own interface, so speech is interrupted with
//     org.gnome.Orca1.SpeechManager.InterruptSpeech(b notify_user) → (b) on
//     /org/gnome/Orca1/Service/SpeechManager.
//
// PresentMessage presents the text in speech and braille, with Orca's own
// voice, rate and verbosity, and returns once Orca has it (not when it has
// been spoken).
type orcaDialect struct {
	service, path, iface string
	// stops are the ways to interrupt speech, tried in order.
	stops []orcaCall
}

type orcaCall struct {
	path   dbus.ObjectPath
	method string // interface.Member
	args   []any
}

var orcaDialects = []orcaDialect{
	{
		service: "org.gnome.Orca1.Service", path: "/org/gnome/Orca1/Service", iface: "org.gnome.Orca1.Service",
		stops: []orcaCall{{"/org/gnome/Orca1/Service/SpeechManager", "org.gnome.Orca1.SpeechManager.InterruptSpeech", []any{false}}},
	},
	{
		service: "org.gnome.Orca.Service", path: "/org/gnome/Orca/Service", iface: "org.gnome.Orca.Service",
		stops: []orcaCall{
			{"/org/gnome/Orca/Service/SpeechManager", "org.gnome.Orca.Module.ExecuteCommand", []any{"InterruptSpeech", false}},
			{"/org/gnome/Orca/Service/SpeechAndVerbosityManager", "org.gnome.Orca.Module.ExecuteCommand", []any{"InterruptSpeech", false}},
		},
	},
}

// findOrcaService returns the dialect whose service name is owned on the
// bus, preferring the newer one.
func findOrcaService(ctx context.Context, conn *dbus.Conn) (orcaDialect, bool, error) {
	var errs []error
	for _, d := range orcaDialects {
		owned, err := nameHasOwner(ctx, conn, d.service)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if owned {
			return d, true, nil
		}
	}
	return orcaDialect{}, false, errors.Join(errs...)
}

// Orca is a speech.Engine that hands text to the Orca screen reader through
// its D-Bus remote controller (Orca 49 and later), so Orca says it in the
// user's voice and shows it in braille.
//
// Speak returns once Orca has taken the message: Orca owns its speech queue
// and tells no one when it has finished. Orca interrupts what it was saying
// to present the message, as it does for its own announcements. Stop asks
// Orca to interrupt its speech. Rate and volume stay Orca's own.
type Orca struct {
	cfg     Config
	conn    *dbus.Conn
	dialect orcaDialect

	mu     sync.Mutex
	closed bool
}

// OpenOrca connects to the session bus and finds Orca's remote controller.
// It starts nothing: without a session bus, or when Orca does not own its
// name, it returns an error.
func OpenOrca(ctx context.Context, cfg Config) (*Orca, error) {
	ctx, cancel := context.WithTimeout(ctx, cfg.timeout())
	defer cancel()
	conn, err := connectSessionBus(ctx)
	if err != nil {
		return nil, fmt.Errorf("orca: %w", err)
	}
	d, ok, err := findOrcaService(ctx, conn)
	if !ok {
		if err == nil {
			err = errors.New("Orca's D-Bus service is not running (Orca 49 or later provides it)")
		}
		return nil, errors.Join(fmt.Errorf("orca: %w", err), conn.Close())
	}
	return &Orca{cfg: cfg, conn: conn, dialect: d}, nil
}

// Name returns "Orca".
func (o *Orca) Name() string { return NameOrca }

// Service returns the D-Bus name Orca answers on.
func (o *Orca) Service() string { return o.dialect.service }

// Speak asks Orca to present text. Text with nothing to say (only spaces
// or control characters) gives speech.ErrNothingToSay.
func (o *Orca) Speak(ctx context.Context, text string) error {
	if blank(text) {
		return speech.ErrNothingToSay
	}
	if o.isClosed() {
		return ErrClosed
	}
	text = strings.ToValidUTF8(text, " ") // D-Bus strings must be valid UTF-8
	text = strings.ReplaceAll(text, "\x00", " ")
	ctx, cancel := context.WithTimeout(ctx, o.cfg.timeout())
	defer cancel()
	obj := o.conn.Object(o.dialect.service, dbus.ObjectPath(o.dialect.path))
	var ok bool
	err := obj.CallWithContext(ctx, o.dialect.iface+".PresentMessage", dbus.FlagNoAutoStart, text).Store(&ok)
	if err != nil {
		return fmt.Errorf("orca: present the message: %w", err)
	}
	if !ok {
		return errors.New("orca: Orca declined to present the message")
	}
	return nil
}

// Stop asks Orca to interrupt its speech.
func (o *Orca) Stop() error {
	if o.isClosed() {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), o.cfg.timeout())
	defer cancel()
	var errs []error
	for _, s := range o.dialect.stops {
		var ok bool
		err := o.conn.Object(o.dialect.service, s.path).CallWithContext(ctx, s.method, dbus.FlagNoAutoStart, s.args...).Store(&ok)
		if err == nil {
			return nil
		}
		errs = append(errs, err)
	}
	return fmt.Errorf("orca: interrupt speech: %w", errors.Join(errs...))
}

// Close closes the D-Bus connection.
func (o *Orca) Close() error {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.closed {
		return nil
	}
	o.closed = true
	return o.conn.Close()
}

func (o *Orca) isClosed() bool {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.closed
}
