package screenreader

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/describer/describer/speech"
)

// maxLine bounds one line from the server; a longer line is not SSIP.
const maxLine = 64 << 10

// Reply is one complete SSIP answer: continuation lines ("NNN-…") then the
// final line ("NNN …").
type Reply struct {
	// Code is the final line's three-digit code.
	Code int
	// Lines holds the text of the continuation lines, in order.
	Lines []string
	// Text is the text of the final line.
	Text string
}

// OK reports whether the reply is a success (1xx or 2xx).
func (r Reply) OK() bool { return r.Code >= 100 && r.Code < 300 }

// ReplyError is a failure answer (3xx server error, 4xx/5xx client error)
// from speech-dispatcher.
type ReplyError struct {
	// Command is the command that was refused.
	Command string
	// Reply is the server's answer.
	Reply Reply
}

// Error says what was refused and why, in one sentence.
func (e *ReplyError) Error() string {
	who := "refused"
	if e.Reply.Code >= 300 && e.Reply.Code < 400 {
		who = "failed"
	}
	return fmt.Sprintf("speech-dispatcher %s %q: %d %s", who, e.Command, e.Reply.Code, e.Reply.Text)
}

// EventKind is the type of a speech-dispatcher event (SSIP codes 700–705).
type EventKind int

// The events SSIP reports.
const (
	EventIndexMark EventKind = 700
	EventBegin     EventKind = 701
	EventEnd       EventKind = 702
	EventCancel    EventKind = 703
	EventPause     EventKind = 704
	EventResume    EventKind = 705
)

// String names the event as SSIP does.
func (k EventKind) String() string {
	switch k {
	case EventIndexMark:
		return "INDEX_MARK"
	case EventBegin:
		return "BEGIN"
	case EventEnd:
		return "END"
	case EventCancel:
		return "CANCELED"
	case EventPause:
		return "PAUSED"
	case EventResume:
		return "RESUMED"
	}
	return "EVENT " + strconv.Itoa(int(k))
}

// Event is a speech-dispatcher notification about one of this client's
// messages.
type Event struct {
	// Kind is what happened.
	Kind EventKind
	// MessageID is the id SPEAK returned for the message.
	MessageID int
	// ClientID is speech-dispatcher's id for the connection.
	ClientID int
	// Mark is the index mark's name, for EventIndexMark.
	Mark string
	// At is when the event arrived.
	At time.Time
}

// Client is a connection to speech-dispatcher speaking SSIP. Its methods are
// safe for concurrent use; commands are sent one at a time, as SSIP wants.
// A command that gets no answer within the timeout, or gets garbage, closes
// the connection: the protocol cannot be resynchronised.
type Client struct {
	conn    net.Conn
	addr    Address
	timeout time.Duration
	onEvent func(Event)

	mu       sync.Mutex  // one command at a time
	replies  chan Reply  // answers to commands; events go elsewhere
	awaiting atomic.Bool // a command waits for its answer
	done     chan struct{}
	errMu    sync.Mutex
	readErr  error // why the reader stopped; set before done closes

	evMu     sync.Mutex
	finished map[int]Event // END or CANCEL by message id, until waited for
	evWake   chan struct{} // closed and replaced on every event
	notify   bool          // END and CANCEL notifications are on
}

// Dial connects to speech-dispatcher at cfg.Address and introduces the
// client: SET self CLIENT_NAME, SET self PRIORITY, the rate and volume in
// cfg.Voice when set, and notifications of begin, end and cancel (a server
// that refuses them is used without). Connecting starts no daemon.
func Dial(ctx context.Context, cfg Config) (*Client, error) {
	addr, err := ParseAddress(cfg.Address)
	if err != nil {
		return nil, err
	}
	name, prio := cfg.ClientName, cfg.Priority
	if name == "" {
		name = DefaultClientName
	}
	if prio == "" {
		prio = DefaultPriority
	}
	if err := checkClientName(name); err != nil {
		return nil, err
	}
	if !priorities[prio] {
		return nil, fmt.Errorf("SSIP priority %q: want important, message, text, notification or progress", prio)
	}
	d := net.Dialer{Timeout: cfg.timeout()}
	conn, err := d.DialContext(ctx, addr.Network, addr.Addr)
	if err != nil {
		return nil, fmt.Errorf("%w (nothing answers at %s)", ErrNotRunning, addr)
	}
	c := newClient(conn, addr, cfg)
	if err := c.hello(ctx, name, prio, cfg); err != nil {
		c.stopReader(errQuit)
		<-c.done
		return nil, err
	}
	return c, nil
}

func newClient(conn net.Conn, addr Address, cfg Config) *Client {
	c := &Client{
		conn: conn, addr: addr, timeout: cfg.timeout(), onEvent: cfg.OnEvent,
		replies: make(chan Reply, 1), done: make(chan struct{}),
		finished: map[int]Event{}, evWake: make(chan struct{}),
	}
	go c.readLoop()
	return c
}

func (c *Client) hello(ctx context.Context, name, prio string, cfg Config) error {
	cmds := []string{"SET self CLIENT_NAME " + name, "SET self PRIORITY " + prio}
	if r, ok := rateFromWPM(cfg.Voice.Rate); ok {
		cmds = append(cmds, "SET self RATE "+strconv.Itoa(r))
	}
	if v, ok := volumeFromLevel(cfg.Voice.Volume); ok {
		cmds = append(cmds, "SET self VOLUME "+strconv.Itoa(v))
	}
	for _, cmd := range cmds {
		if _, err := c.Command(ctx, cmd); err != nil {
			return err
		}
	}
	for _, cmd := range []string{"SET self NOTIFICATION begin on", "SET self NOTIFICATION end on", "SET self NOTIFICATION cancel on"} {
		if _, err := c.Command(ctx, cmd); err != nil {
			var re *ReplyError
			if errors.As(err, &re) {
				return nil // a server without events: Speak returns once queued
			}
			return err
		}
	}
	c.notify = true
	return nil
}

// Address is where the client is connected.
func (c *Client) Address() Address { return c.addr }

// Notifying reports whether the server sends end and cancel events, so that
// Wait can work.
func (c *Client) Notifying() bool { return c.notify }

// Err returns why the connection is no longer usable, or nil while it is.
func (c *Client) Err() error {
	select {
	case <-c.done:
		return c.readErr
	default:
		return nil
	}
}

// Command sends one SSIP command line (without CRLF) and returns the reply.
// A failure reply gives a *ReplyError. ctx is checked before sending; once
// sent, the answer is awaited for at most Config.Timeout.
func (c *Client) Command(ctx context.Context, line string) (Reply, error) {
	if strings.ContainsAny(line, "\r\n") {
		return Reply{}, fmt.Errorf("SSIP command %q: contains a line break", line)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.exchange(ctx, line, []byte(line+"\r\n"), c.timeout)
}

// Speak queues text as one message and returns its id. Lines that begin
// with '.' are escaped and line breaks become CRLF, so any text arrives as
// sent. Text with nothing to say (only spaces or control characters)
// gives speech.ErrNothingToSay.
func (c *Client) Speak(ctx context.Context, text string) (int, error) {
	body, err := encodeText(text)
	if err != nil {
		return 0, speech.ErrNothingToSay
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, err := c.exchange(ctx, "SPEAK", []byte("SPEAK\r\n"), c.timeout); err != nil {
		return 0, err
	}
	r, err := c.exchange(ctx, "SPEAK text", body, c.timeout)
	if err != nil {
		return 0, err
	}
	if len(r.Lines) == 0 {
		return 0, nil // queued, but no id to follow
	}
	id, err := strconv.Atoi(strings.TrimSpace(r.Lines[0]))
	if err != nil {
		return 0, nil
	}
	return id, nil
}

// Cancel stops this client's message being spoken and drops its queued
// ones (CANCEL self).
func (c *Client) Cancel(ctx context.Context) error {
	_, err := c.Command(ctx, "CANCEL self")
	return err
}

// Wait waits until message id has been spoken to the end or cancelled and
// returns that event. It needs Notifying; ctx bounds the wait.
func (c *Client) Wait(ctx context.Context, id int) (Event, error) {
	if !c.notify {
		return Event{}, errors.New("speech-dispatcher sends no events on this connection")
	}
	for {
		c.evMu.Lock()
		ev, ok := c.finished[id]
		delete(c.finished, id)
		wake := c.evWake
		c.evMu.Unlock()
		if ok {
			return ev, nil
		}
		select {
		case <-wake:
		case <-c.done:
			return Event{}, c.readErr
		case <-ctx.Done():
			return Event{}, ctx.Err()
		}
	}
}

// Close says QUIT (waiting briefly for the answer) and closes the
// connection.
func (c *Client) Close() error {
	var quitErr error
	if c.Err() == nil {
		c.mu.Lock()
		_, quitErr = c.exchange(context.Background(), "QUIT", []byte("QUIT\r\n"), min(c.timeout, 500*time.Millisecond))
		c.mu.Unlock()
	}
	c.stopReader(errQuit)
	<-c.done
	return quitErr
}

var errQuit = errors.New("the connection to speech-dispatcher is closed")

// exchange writes data and waits for the reply to cmd. c.mu is held.
// ctx is checked before writing only: once a command is sent its answer is
// awaited (at most the timeout), so the protocol stays in step.
func (c *Client) exchange(ctx context.Context, cmd string, data []byte, wait time.Duration) (Reply, error) {
	if err := c.Err(); err != nil {
		return Reply{}, err
	}
	if err := ctx.Err(); err != nil {
		return Reply{}, err
	}
	_ = c.conn.SetWriteDeadline(time.Now().Add(c.timeout + time.Duration(len(data))*time.Microsecond))
	c.awaiting.Store(true)
	if _, err := c.conn.Write(data); err != nil {
		return Reply{}, c.fail(fmt.Errorf("speech-dispatcher: send %q: %w", cmd, err))
	}
	timer := time.NewTimer(wait)
	defer timer.Stop()
	select {
	case r := <-c.replies:
		return answer(cmd, r)
	case <-c.done:
		select {
		case r := <-c.replies: // the answer came before the reader stopped
			return answer(cmd, r)
		default:
		}
		return Reply{}, c.readErr
	case <-timer.C:
		return Reply{}, c.fail(fmt.Errorf("speech-dispatcher did not answer %q within %v", cmd, wait))
	}
}

func answer(cmd string, r Reply) (Reply, error) {
	if !r.OK() {
		return r, &ReplyError{Command: cmd, Reply: r}
	}
	return r, nil
}

// fail closes the connection so the reader stops with err, and returns the
// reader's final error.
func (c *Client) fail(err error) error {
	c.stopReader(err)
	<-c.done
	return c.readErr
}

func (c *Client) stopReader(err error) {
	c.errMu.Lock()
	defer c.errMu.Unlock()
	if c.readErr == nil {
		c.readErr = err
	}
	_ = c.conn.Close()
}

// readLoop reads replies until the connection ends: events go to the event
// table, everything else to the command waiting for it.
func (c *Client) readLoop() {
	defer close(c.done)
	sc := bufio.NewScanner(c.conn)
	sc.Buffer(make([]byte, 0, 4096), maxLine)
	var lines []string
	for sc.Scan() {
		code, final, text, err := parseLine(sc.Text())
		if err != nil {
			c.stopReader(err)
			return
		}
		if !final {
			lines = append(lines, text)
			continue
		}
		r := Reply{Code: code, Lines: lines, Text: text}
		lines = nil
		if code >= 700 && code < 800 {
			c.event(r)
			continue
		}
		if !c.awaiting.CompareAndSwap(true, false) {
			c.stopReader(fmt.Errorf("speech-dispatcher sent an answer nobody asked for: %d %s", r.Code, r.Text))
			return
		}
		c.replies <- r     // buffered; the one waiting command takes it
		if r.Code == 231 { // HAPPY HACKING: QUIT's answer; the server hangs up next
			c.stopReader(errQuit)
		}
	}
	err := sc.Err()
	switch {
	case errors.Is(err, bufio.ErrTooLong):
		err = fmt.Errorf("speech-dispatcher sent a line longer than %d bytes: not SSIP", maxLine)
	case err == nil || errors.Is(err, io.EOF):
		err = errors.New("speech-dispatcher closed the connection")
	default:
		err = fmt.Errorf("speech-dispatcher connection: %w", err)
	}
	c.stopReader(err)
}

// parseLine splits an SSIP reply line "NNN-text" or "NNN text".
func parseLine(line string) (code int, final bool, text string, err error) {
	if len(line) < 3 || len(line) > 3 && line[3] != '-' && line[3] != ' ' {
		return 0, false, "", fmt.Errorf("speech-dispatcher sent a line that is not SSIP: %.60q", line)
	}
	for _, ch := range line[:3] {
		if ch < '0' || ch > '9' {
			return 0, false, "", fmt.Errorf("speech-dispatcher sent a line that is not SSIP: %.60q", line)
		}
	}
	code, _ = strconv.Atoi(line[:3])
	if code < 100 {
		return 0, false, "", fmt.Errorf("speech-dispatcher sent a line that is not SSIP: %.60q", line)
	}
	if len(line) == 3 {
		return code, true, "", nil
	}
	return code, line[3] == ' ', line[4:], nil
}

// event records a 7xx notification and wakes waiters.
func (c *Client) event(r Reply) {
	ev := Event{Kind: EventKind(r.Code), At: time.Now()}
	if len(r.Lines) > 0 {
		ev.MessageID, _ = strconv.Atoi(strings.TrimSpace(r.Lines[0]))
	}
	if len(r.Lines) > 1 {
		ev.ClientID, _ = strconv.Atoi(strings.TrimSpace(r.Lines[1]))
	}
	if len(r.Lines) > 2 {
		ev.Mark = r.Lines[2]
	}
	if ev.Kind == EventEnd || ev.Kind == EventCancel {
		c.evMu.Lock()
		c.finished[ev.MessageID] = ev
		for len(c.finished) > 256 { // nobody waits for old ones
			oldest := ev.MessageID
			for id := range c.finished {
				oldest = min(oldest, id)
			}
			delete(c.finished, oldest)
		}
		close(c.evWake)
		c.evWake = make(chan struct{})
		c.evMu.Unlock()
	}
	if c.onEvent != nil {
		c.onEvent(ev)
	}
}
