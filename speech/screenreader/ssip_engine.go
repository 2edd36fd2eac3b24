package screenreader

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/describer/describer/speech"
)

// errStopped and errSuperseded say why a Speak's wait ended; errQuiet ends
// a Speak early without an error.
var (
	errStopped    = errors.New("stopped")
	errSuperseded = errors.New("superseded by a newer utterance")
	errQuiet      = errors.New("interrupted")
)

// MaxMessageBytes is the most text the speech-dispatcher engine sends as
// one SSIP message. Longer text goes as consecutive messages split at line,
// sentence or word boundaries, each queued when the one before has been
// spoken. speech-dispatcher handles a message in time that grows faster
// than its length (here 100 KB took 0.24 s to queue and 300 KB 7 s, and it
// answered nothing, not even CANCEL, meanwhile), so pieces keep Stop
// instant and memory bounded for any length.
const MaxMessageBytes = 4096

// SpeechDispatcher is a speech.Engine that speaks through speech-dispatcher,
// the speech server Orca and other Linux screen readers use, so text comes
// out in the user's own voice and settings.
//
// Speak cancels this client's earlier message, queues the new one and, when
// the server sends events (speech-dispatcher does), returns when the END
// event says it has been spoken, a CANCEL event says it was cut off (by
// Orca speaking, say: see DefaultPriority), Stop or a newer Speak interrupts
// it (all nil), or ctx is done (ctx.Err(), after cancelling the message).
// With Config.ReturnWhenQueued, or a server without events, it returns once
// the text is queued. A connection that breaks is redialled on the next
// Speak.
type SpeechDispatcher struct {
	cfg Config

	queueMu sync.Mutex // one CANCEL+SPEAK at a time

	mu     sync.Mutex
	c      *Client
	cur    context.CancelCauseFunc // ends the running Speak's wait
	closed bool
}

// OpenSpeechDispatcher connects to speech-dispatcher (see Dial). It starts
// no daemon: when none is listening it returns an error saying so.
func OpenSpeechDispatcher(ctx context.Context, cfg Config) (*SpeechDispatcher, error) {
	c, err := Dial(ctx, cfg)
	if err != nil {
		return nil, err
	}
	return &SpeechDispatcher{cfg: cfg, c: c}, nil
}

// Name returns "Speech Dispatcher".
func (e *SpeechDispatcher) Name() string { return NameSpeechDispatcher }

// Speak says text through speech-dispatcher, interrupting this engine's
// earlier text; see SpeechDispatcher for when it returns. Text with nothing
// to say (only spaces or control characters) gives speech.ErrNothingToSay.
func (e *SpeechDispatcher) Speak(ctx context.Context, text string) error {
	if blank(text) {
		return speech.ErrNothingToSay
	}
	c, wait, done, err := e.start(ctx)
	if err != nil {
		return err
	}
	defer done()
	first := true
	pieces := splitText(text, MaxMessageBytes)
	for i, piece := range pieces {
		if blank(piece) {
			continue
		}
		last := i == len(pieces)-1
		id, err := e.queue(ctx, c, wait, piece, first)
		first = false
		switch {
		case errors.Is(err, errQuiet):
			return nil
		case err != nil:
			return err
		case id == 0 || !c.Notifying():
			continue // nothing to wait for
		case e.cfg.ReturnWhenQueued && last:
			return nil
		}
		ev, err := c.Wait(wait, id)
		if err == nil && ev.Kind == EventCancel {
			return nil // cut off by the user's screen reader or another client
		}
		if err != nil {
			switch {
			case ctx.Err() != nil:
				return e.cancelQuietly(c, ctx.Err())
			case errors.Is(context.Cause(wait), errStopped), errors.Is(context.Cause(wait), errSuperseded):
				return nil
			}
			return fmt.Errorf("speech-dispatcher: wait for the end of speech: %w", err)
		}
	}
	return nil
}

// queue queues one piece of text, first cancelling this client's earlier
// speech when interrupt is set. Speaks queue one at a time, so a newer
// Speak's CANCEL always comes after an older one's SPEAK. It returns
// errQuiet when Stop or a newer Speak came first, and 0 when the server
// gave the message no id.
func (e *SpeechDispatcher) queue(ctx context.Context, c *Client, wait context.Context, text string, interrupt bool) (int, error) {
	e.queueMu.Lock()
	defer e.queueMu.Unlock()
	if context.Cause(wait) != nil && ctx.Err() == nil {
		return 0, errQuiet // stopped or superseded between pieces
	}
	if interrupt {
		if err := c.Cancel(ctx); err != nil {
			return 0, fmt.Errorf("speech-dispatcher: interrupt the earlier text: %w", err)
		}
	}
	id, err := c.Speak(ctx, text)
	switch {
	case err != nil:
		return 0, err
	case ctx.Err() != nil:
		return 0, e.cancelQuietly(c, ctx.Err())
	case errors.Is(context.Cause(wait), errStopped): // Stop's CANCEL may have come before SPEAK
		if err := e.cancelQuietly(c, nil); err != nil {
			return 0, err
		}
		return 0, errQuiet
	case context.Cause(wait) != nil: // superseded: the newer Speak cancels it
		return 0, errQuiet
	}
	return id, nil
}

// start ends the previous Speak's wait, makes sure there is a live
// connection and returns it with a context that Stop cancels.
func (e *SpeechDispatcher) start(ctx context.Context) (*Client, context.Context, func(), error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.closed {
		return nil, nil, nil, ErrClosed
	}
	if e.cur != nil {
		e.cur(errSuperseded)
	}
	if e.c == nil || e.c.Err() != nil {
		if e.c != nil {
			_ = e.c.Close() // already broken; its error was reported then
		}
		c, err := Dial(ctx, e.cfg)
		if err != nil {
			e.c = nil
			return nil, nil, nil, err
		}
		e.c = c
	}
	wait, cancel := context.WithCancelCause(ctx)
	e.cur = cancel
	return e.c, wait, func() { cancel(nil) }, nil
}

// cancelQuietly cancels this client's speech after an interrupted Speak,
// returning ret joined with any failure to cancel.
func (e *SpeechDispatcher) cancelQuietly(c *Client, ret error) error {
	ctx, cancel := context.WithTimeout(context.Background(), e.cfg.timeout())
	defer cancel()
	if err := c.Cancel(ctx); err != nil {
		return errors.Join(ret, fmt.Errorf("speech-dispatcher: stop: %w", err))
	}
	return ret
}

// Stop silences this engine's speech at once (CANCEL self) and makes a
// running Speak return nil.
func (e *SpeechDispatcher) Stop() error {
	e.mu.Lock()
	c, cur := e.c, e.cur
	e.mu.Unlock()
	if cur != nil {
		cur(errStopped)
	}
	if c == nil || c.Err() != nil {
		return nil // no connection, so nothing of ours is being said through it
	}
	return e.cancelQuietly(c, nil)
}

// Close stops speech and closes the connection.
func (e *SpeechDispatcher) Close() error {
	e.mu.Lock()
	if e.closed {
		e.mu.Unlock()
		return nil
	}
	e.closed = true
	c, cur := e.c, e.cur
	e.c = nil
	e.mu.Unlock()
	if cur != nil {
		cur(errStopped)
	}
	if c == nil {
		return nil
	}
	var stopErr error
	if c.Err() == nil {
		stopErr = e.cancelQuietly(c, nil)
	}
	return errors.Join(stopErr, c.Close())
}
