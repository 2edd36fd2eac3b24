// Package screenreader hands text to the user's own screen reader instead of
// speaking it in Describer's voice, so descriptions sound like the rest of the
// user's desktop and obey the screen reader's own "stop speech" habits.
//
// Channels, by platform:
//
//   - Linux: Orca's D-Bus remote controller (PresentMessage, Orca 49 and
//     later) when Orca owns its bus name, else speech-dispatcher over its
//     SSIP socket, in pure Go (no libspeechd). Orca itself speaks through
//     speech-dispatcher, so both reach the user's voice and settings.
//   - Windows: NVDA through nvdaControllerClient.dll.
//   - macOS: a VoiceOver announcement (needs cgo).
//
// Probe and Running say which screen readers run for this user, quickly and
// without starting anything; Detect opens the engine for the one that runs
// (ErrNoScreenReader when none does), so "auto" can fall back to Describer's
// own voices. Open opens the best channel even when no screen reader runs,
// for an explicit choice.
package screenreader

import (
	"context"
	"errors"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/describer/describer/speech"
)

// Names of the screen readers Probe reports and engines' Name values.
const (
	// NameOrca is GNOME's screen reader.
	NameOrca = "Orca"
	// NameNVDA is NV Access's screen reader for Windows.
	NameNVDA = "NVDA"
	// NameVoiceOver is Apple's screen reader.
	NameVoiceOver = "VoiceOver"
	// NameSpeechDispatcher is the Linux speech server screen readers speak
	// through; it is a channel, not a screen reader.
	NameSpeechDispatcher = "Speech Dispatcher"
)

// ErrNoScreenReader means no screen reader is running for this user.
var ErrNoScreenReader = errors.New("no screen reader is running")

// ErrNotRunning means speech-dispatcher, asked for by name, is not running.
var ErrNotRunning = errors.New("speech-dispatcher is not running")

// ErrNotAvailable means this build or platform cannot reach the screen reader.
var ErrNotAvailable = errors.New("the screen reader cannot be reached from this build")

// ErrClosed means the engine was used after Close.
var ErrClosed = errors.New("the screen-reader engine is closed")

// DefaultTimeout bounds one exchange with speech-dispatcher, Orca or NVDA
// when Config.Timeout is zero.
const DefaultTimeout = 2 * time.Second

// ProbeBudget is the most time Probe spends; its checks run in parallel and
// take a few milliseconds on a normal desktop.
const ProbeBudget = 50 * time.Millisecond

// Config configures the screen-reader engines. The zero value means the
// defaults, field by field.
type Config struct {
	// Address is speech-dispatcher's address in SPEECHD_ADDRESS form:
	// "unix_socket:/path/to/speechd.sock" or "inet_socket:host:port".
	// "" means $SPEECHD_ADDRESS, else
	// $XDG_RUNTIME_DIR/speech-dispatcher/speechd.sock.
	Address string
	// ClientName is the SSIP client name, "user:application:component";
	// "" means "user:describer:main".
	ClientName string
	// Priority is the SSIP message priority: "important", "message",
	// "text", "notification" or "progress"; "" means DefaultPriority,
	// "text", which explains why.
	Priority string
	// Timeout bounds each exchange with the screen reader or speech
	// server; 0 means DefaultTimeout.
	Timeout time.Duration
	// ReturnWhenQueued makes the speech-dispatcher engine's Speak return as
	// soon as the text is queued, instead of when it has been spoken. Text
	// longer than MaxMessageBytes is still queued piece by piece, each when
	// the one before has been spoken, so Speak returns when the last piece
	// is queued.
	ReturnWhenQueued bool
	// Voice holds the rate and volume asked for. Zero fields leave the
	// user's own screen-reader settings alone, which is usually what a
	// screen-reader user wants. Only speech-dispatcher applies them (Rate
	// mapped from words per minute, Volume from 0–1); Orca, NVDA and
	// VoiceOver keep their own. Voice.Voice is ignored.
	Voice speech.Options
	// OnEvent, when set, receives speech-dispatcher's events (begin, end,
	// cancel, …) for this client's messages. It is called from the
	// connection's reader goroutine and must not block.
	OnEvent func(Event)
	// NVDAControllerDLL is the path of NVDA's controller client DLL
	// (Windows only); "" means nvdaControllerClient.dll, or the older
	// nvdaControllerClient64.dll / nvdaControllerClient32.dll, beside the
	// executable.
	NVDAControllerDLL string
}

func (c Config) timeout() time.Duration {
	if c.Timeout > 0 {
		return c.Timeout
	}
	return DefaultTimeout
}

// Status is what Probe found on this machine, for this user.
type Status struct {
	// ScreenReaders names the screen readers running for this user, in
	// order of preference (NameOrca, NameNVDA, NameVoiceOver).
	ScreenReaders []string
	// OrcaService is the D-Bus name under which Orca's remote controller
	// answers ("org.gnome.Orca1.Service" or "org.gnome.Orca.Service"), or
	// "" when it does not (Orca before 49, or not running).
	OrcaService string
	// SpeechDispatcher is true when speech-dispatcher's socket accepts a
	// connection. It says nothing about a screen reader running.
	SpeechDispatcher bool
}

// Running returns the names of the screen readers running for this user.
// It takes at most ProbeBudget and starts nothing.
func Running(ctx context.Context) []string {
	return Probe(ctx, Config{}).ScreenReaders
}

// Probe looks for running screen readers and the channels that reach them.
// It takes at most ProbeBudget, starts nothing and changes nothing: it reads
// the process list, asks the D-Bus session bus (if one is already running)
// whether Orca owns its name, and connects to speech-dispatcher's socket
// (which starts no daemon) and closes it again.
func Probe(ctx context.Context, cfg Config) Status {
	ctx, cancel := context.WithTimeout(ctx, ProbeBudget)
	defer cancel()
	return probe(ctx, cfg)
}

// Detect opens the engine for the screen reader that is running:
// on Linux Orca's D-Bus channel when it answers, else speech-dispatcher when
// Orca runs without it; NVDA on Windows; VoiceOver on macOS. It returns
// ErrNoScreenReader when none runs, so "auto" can fall back to Piper or
// eSpeak NG. speech-dispatcher being reachable alone does not count as a
// screen reader.
func Detect(ctx context.Context, cfg Config) (speech.Engine, error) {
	st := Probe(ctx, cfg)
	if len(st.ScreenReaders) == 0 {
		return nil, ErrNoScreenReader
	}
	return openFor(ctx, cfg, st)
}

// Open opens the best channel to a screen reader or speech server whether
// or not a screen reader runs, for when the user asked for it by name: on
// Linux Orca's D-Bus channel if it answers, else speech-dispatcher.
func Open(ctx context.Context, cfg Config) (speech.Engine, error) {
	return openFor(ctx, cfg, Probe(ctx, cfg))
}

// blank reports whether text has nothing to say: only spaces, control
// characters and bytes that are not UTF-8.
func blank(text string) bool {
	for _, r := range text {
		if !unicode.IsSpace(r) && !unicode.IsControl(r) && r != utf8.RuneError {
			return false
		}
	}
	return true
}
