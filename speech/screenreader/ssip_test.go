package screenreader

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/describer/describer/speech"
)

var bg = context.Background()

// mustOpen opens the speech-dispatcher engine on f.
func mustOpen(tb testing.TB, cfg Config) *SpeechDispatcher {
	tb.Helper()
	e, err := OpenSpeechDispatcher(bg, cfg)
	if err != nil {
		tb.Fatalf("OpenSpeechDispatcher: %v", err)
	}
	tb.Cleanup(func() { e.Close() })
	return e
}

func TestProtocolExactLines(t *testing.T) {
	f := newFakeSSIP(t)
	e := mustOpen(t, Config{Address: f.addr})
	text := "Hello.\n.dot line\n..two dots\r\nCRLF line\rCR line\n.\nend"
	if err := e.Speak(bg, text); err != nil {
		t.Fatalf("Speak: %v", err)
	}
	if err := e.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	want := []string{
		"SET self CLIENT_NAME user:describer:main",
		"SET self PRIORITY text",
		"SET self NOTIFICATION begin on",
		"SET self NOTIFICATION end on",
		"SET self NOTIFICATION cancel on",
		"CANCEL self",
		"SPEAK",
		"Hello.",
		"..dot line",
		"...two dots",
		"CRLF line",
		"CR line",
		"..",
		"end",
		".",
		"CANCEL self",
		"QUIT",
	}
	if got := f.Lines(); !slices.Equal(got, want) {
		t.Errorf("lines sent:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	raw := f.Raw()
	if n, crlf := bytes.Count(raw, []byte("\n")), bytes.Count(raw, []byte("\r\n")); n != crlf || n != len(want) {
		t.Errorf("%d line feeds, %d CRLF, want %d CRLF and no bare LF: %q", n, crlf, len(want), raw)
	}
	if got, want := f.Messages(), []string{"Hello.\n.dot line\n..two dots\nCRLF line\nCR line\n.\nend"}; !slices.Equal(got, want) {
		t.Errorf("server got messages %q, want %q", got, want)
	}
}

func TestClientSpeakReturnsID(t *testing.T) {
	f := newFakeSSIP(t)
	f.set(func(b *behaviour) { b.refuse["SET self NOTIFICATION"] = "500 ERR INVALID COMMAND" })
	c, err := Dial(bg, Config{Address: f.addr})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	id, err := c.Speak(bg, "one")
	if err != nil || id != 42 {
		t.Errorf("Speak = %d, %v; want 42, nil", id, err)
	}
	if c.Notifying() {
		t.Error("Notifying() after the server refused notifications")
	}
	want := []string{"SET self CLIENT_NAME user:describer:main", "SET self PRIORITY text",
		"SET self NOTIFICATION begin on", "SPEAK", "one", "."}
	if got := f.Lines(); !slices.Equal(got, want) {
		t.Errorf("lines %q, want %q", got, want)
	}
}

func TestConfigSettings(t *testing.T) {
	f := newFakeSSIP(t)
	cfg := Config{Address: f.addr, ClientName: "ann:describer:test", Priority: "important",
		Voice: speech.Options{Rate: 350, Volume: 0.5}}
	c, err := Dial(bg, cfg)
	if err != nil {
		t.Fatal(err)
	}
	c.Close()
	want := []string{"SET self CLIENT_NAME ann:describer:test", "SET self PRIORITY important",
		"SET self RATE 64", "SET self VOLUME 0", "SET self NOTIFICATION begin on",
		"SET self NOTIFICATION end on", "SET self NOTIFICATION cancel on", "QUIT"}
	if got := f.Lines(); !slices.Equal(got, want) {
		t.Errorf("lines %q, want %q", got, want)
	}
}

func TestBadConfig(t *testing.T) {
	for _, tc := range []struct {
		name string
		cfg  Config
		want string
	}{
		{"priority", Config{Priority: "urgent"}, `SSIP priority "urgent"`},
		{"client name", Config{ClientName: "describer"}, `SSIP client name "describer"`},
		{"client name chars", Config{ClientName: "a:b c:d"}, `SSIP client name "a:b c:d"`},
		{"address", Config{Address: "pipe:/x"}, `speech-dispatcher address "pipe:/x"`},
		{"no daemon", Config{Address: "unix_socket:/nonexistent/speechd.sock"}, "speech-dispatcher is not running (nothing answers at unix_socket:/nonexistent/speechd.sock)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Dial(bg, tc.cfg)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Dial error %v, want one containing %q", err, tc.want)
			}
		})
	}
}

func TestRefusalIsAClearError(t *testing.T) {
	f := newFakeSSIP(t)
	f.set(func(b *behaviour) { b.refuse["SET self PRIORITY"] = "409 ERR INVALID PRIORITY" })
	_, err := Dial(bg, Config{Address: f.addr})
	var re *ReplyError
	if !errors.As(err, &re) || re.Reply.Code != 409 {
		t.Fatalf("Dial error %v, want a *ReplyError with code 409", err)
	}
	const want = `speech-dispatcher refused "SET self PRIORITY text": 409 ERR INVALID PRIORITY`
	if err.Error() != want {
		t.Errorf("error %q, want %q", err, want)
	}
	f.set(func(b *behaviour) {
		b.refuse["SPEAK"] = "301 ERR MODULE FAILED"
		delete(b.refuse, "SET self PRIORITY")
	})
	e := mustOpen(t, Config{Address: f.addr})
	err = e.Speak(bg, "hi")
	if err == nil || err.Error() != `speech-dispatcher failed "SPEAK": 301 ERR MODULE FAILED` {
		t.Errorf("Speak error %v", err)
	}
}

func TestMisbehavingServer(t *testing.T) {
	for _, tc := range []struct {
		name  string
		setup func(b *behaviour)
		want  string
	}{
		{"closes", func(b *behaviour) { b.closeOn = "SPEAK" }, "speech-dispatcher closed the connection"},
		{"garbage", func(b *behaviour) { b.rawOn["SPEAK"] = "HTTP/1.1 400 Bad Request\r\n" }, `speech-dispatcher sent a line that is not SSIP: "HTTP/1.1 400 Bad Request"`},
		{"short line", func(b *behaviour) { b.rawOn["SPEAK"] = "2\r\n" }, "not SSIP"},
		{"silent", func(b *behaviour) { b.hangOn = "CANCEL self" }, `speech-dispatcher did not answer "CANCEL self" within 200ms`},
		{"huge line", func(b *behaviour) { b.rawOn["SPEAK"] = strings.Repeat("x", 70000) + "\r\n" }, "line longer than 65536 bytes"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFakeSSIP(t)
			f.set(tc.setup)
			e := mustOpen(t, Config{Address: f.addr})
			if tc.name == "silent" {
				// Short only now, for the first command of Speak, which
				// gets no answer: every answer that does come is awaited
				// with the default timeout, which no slow machine misses.
				e.c.timeout = 200 * time.Millisecond
			}
			start := time.Now()
			err := e.Speak(bg, "hello\nworld")
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Speak error %v, want one containing %q", err, tc.want)
			}
			if d := time.Since(start); d > 10*time.Second {
				t.Errorf("Speak took %v", d)
			}
		})
	}
}

func TestUnaskedAnswer(t *testing.T) {
	f := newFakeSSIP(t)
	f.set(func(b *behaviour) {
		b.rawOn["SET self NOTIFICATION cancel on"] = "220 OK NOTIFICATION SET\r\n220 OK AGAIN\r\n"
	})
	c, err := Dial(bg, Config{Address: f.addr})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	select {
	case <-c.done: // the reader stopped on the unasked answer
	case <-time.After(10 * time.Second):
	}
	if err := c.Err(); err == nil || err.Error() != "speech-dispatcher sent an answer nobody asked for: 220 OK AGAIN" {
		t.Errorf("Err() = %v", err)
	}
	if _, err := c.Speak(bg, "x"); err == nil {
		t.Error("Speak on a broken connection succeeded")
	}
}

func TestDialToClosingServer(t *testing.T) {
	f := newFakeSSIP(t)
	f.set(func(b *behaviour) { b.closeOn = "SET self CLIENT_NAME" })
	_, err := Dial(bg, Config{Address: f.addr})
	if err == nil || !strings.Contains(err.Error(), "speech-dispatcher closed the connection") {
		t.Errorf("Dial error %v", err)
	}
}

func TestRedialAfterBrokenConnection(t *testing.T) {
	f := newFakeSSIP(t)
	e := mustOpen(t, Config{Address: f.addr})
	f.set(func(b *behaviour) { b.closeOn = "SPEAK" })
	if err := e.Speak(bg, "lost"); err == nil {
		t.Fatal("Speak on a closing server succeeded")
	}
	f.set(func(b *behaviour) { b.closeOn = "" })
	if err := e.Speak(bg, "again"); err != nil {
		t.Fatalf("Speak after the connection broke: %v", err)
	}
	if f.Conns() != 2 {
		t.Errorf("%d connections, want 2", f.Conns())
	}
	if got := f.Messages(); !slices.Equal(got, []string{"again"}) {
		t.Errorf("messages %q", got)
	}
}

func TestNothingToSay(t *testing.T) {
	f := newFakeSSIP(t)
	e := mustOpen(t, Config{Address: f.addr})
	for _, text := range []string{"", "   ", "\n\t\r\n", "\x00\x01"} {
		if err := e.Speak(bg, text); !errors.Is(err, speech.ErrNothingToSay) {
			t.Errorf("Speak(%q) = %v, want ErrNothingToSay", text, err)
		}
	}
	if slices.Contains(f.Lines(), "SPEAK") {
		t.Error("SPEAK was sent for empty text")
	}
}

func TestSpeakWaitsForEnd(t *testing.T) {
	f := newFakeSSIP(t)
	f.set(func(b *behaviour) { b.endAfter = 100 * time.Millisecond })
	e := mustOpen(t, Config{Address: f.addr})
	if err := e.Speak(bg, "a sentence"); err != nil {
		t.Fatal(err)
	}
	if got, want := f.Trace(), []string{"SPEAK 42", "END 42"}; !slices.Equal(got, want) {
		t.Errorf("when Speak returned the server had done %q, want %q: Speak returned before the END event", got, want)
	}
}

func TestStopAndInterrupt(t *testing.T) {
	f := newFakeSSIP(t)
	var events = make(chan Event, 16)
	e := mustOpen(t, Config{Address: f.addr, OnEvent: func(ev Event) { events <- ev }})

	t.Run("Stop", func(t *testing.T) {
		res := make(chan error)
		go func() { res <- e.Speak(bg, "SLOW long description") }()
		waitEvent(t, events, EventBegin)
		start := time.Now()
		if err := e.Stop(); err != nil {
			t.Fatalf("Stop: %v", err)
		}
		if err := <-res; err != nil {
			t.Errorf("Speak after Stop = %v, want nil", err)
		}
		// Goal 50 ms (BenchmarkStopFakeServer measures it); this limit is
		// a correctness check that no loaded machine reaches.
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("Speak returned %v after Stop", d)
		}
		waitEvent(t, events, EventCancel)
	})
	t.Run("new utterance", func(t *testing.T) {
		res := make(chan error)
		go func() { res <- e.Speak(bg, "SLOW first") }()
		waitEvent(t, events, EventBegin)
		second := make(chan error)
		go func() { second <- e.Speak(bg, "SLOW second") }()
		if err := <-res; err != nil {
			t.Errorf("interrupted Speak = %v, want nil", err)
		}
		waitEvent(t, events, EventCancel)
		waitEvent(t, events, EventBegin)
		e.Stop()
		if err := <-second; err != nil {
			t.Errorf("second Speak = %v", err)
		}
	})
	t.Run("context", func(t *testing.T) {
		ctx, cancel := context.WithCancel(bg)
		res := make(chan error)
		go func() { res <- e.Speak(ctx, "SLOW third") }()
		waitEvent(t, events, EventBegin)
		cancel()
		if err := <-res; err != context.Canceled {
			t.Errorf("Speak with cancelled ctx = %v, want context.Canceled", err)
		}
		defer func() {
			if t.Failed() {
				t.Log(f.Lines())
			}
		}()
		waitEvent(t, events, EventCancel)
	})
}

// BenchmarkStopFakeServer measures, against the in-process server, the
// time from Stop to the running Speak returning (goal 50 ms) and to Stop
// itself returning (it waits for the answer to CANCEL).
func BenchmarkStopFakeServer(b *testing.B) {
	f := newFakeSSIP(b)
	begins := make(chan struct{}, 1)
	e := mustOpen(b, Config{Address: f.addr, OnEvent: func(ev Event) {
		if ev.Kind == EventBegin {
			begins <- struct{}{}
		}
	}})
	var returned, stop time.Duration
	for b.Loop() {
		res := make(chan time.Time, 1)
		go func() {
			if err := e.Speak(bg, "SLOW long description"); err != nil {
				b.Error(err)
			}
			res <- time.Now()
		}()
		<-begins
		start := time.Now()
		if err := e.Stop(); err != nil {
			b.Fatal(err)
		}
		stop += time.Since(start)
		returned += (<-res).Sub(start)
	}
	perOp := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 / float64(b.N) }
	b.ReportMetric(perOp(returned), "ms/stop-to-return")
	b.ReportMetric(perOp(stop), "ms/stop")
}

func waitEvent(t *testing.T, events <-chan Event, kind EventKind) Event {
	t.Helper()
	timeout := time.After(10 * time.Second)
	for {
		select {
		case ev := <-events:
			if ev.Kind == kind {
				return ev
			}
		case <-timeout:
			t.Fatalf("no %v event (%s)", kind, time.Now().Format("15:04:05.000"))
		}
	}
}

func TestNoEventsReturnsWhenQueued(t *testing.T) {
	f := newFakeSSIP(t)
	f.set(func(b *behaviour) { b.refuse["SET self NOTIFICATION"] = "410 ERR NOT IMPLEMENTED" })
	e := mustOpen(t, Config{Address: f.addr})
	done := make(chan error)
	go func() { done <- e.Speak(bg, "SLOW but nobody says when it ends") }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Speak waited for events the server never sends")
	}
}

func TestClosedEngine(t *testing.T) {
	f := newFakeSSIP(t)
	e := mustOpen(t, Config{Address: f.addr})
	if err := e.Close(); err != nil {
		t.Fatal(err)
	}
	if err := e.Speak(bg, "hi"); !errors.Is(err, ErrClosed) {
		t.Errorf("Speak after Close = %v, want ErrClosed", err)
	}
	if err := e.Stop(); err != nil {
		t.Errorf("Stop after Close = %v", err)
	}
	if err := e.Close(); err != nil {
		t.Errorf("second Close = %v", err)
	}
}

func TestInetSocketFromEnvironment(t *testing.T) {
	f := newFakeSSIPTCP(t)
	t.Setenv("SPEECHD_ADDRESS", f.addr)
	e := mustOpen(t, Config{})
	if err := e.Speak(bg, "over TCP"); err != nil {
		t.Fatal(err)
	}
	if got := f.Messages(); !slices.Equal(got, []string{"over TCP"}) {
		t.Errorf("messages %q", got)
	}
}

func TestParseAddress(t *testing.T) {
	t.Setenv("XDG_RUNTIME_DIR", "/run/user/1000")
	def := "/run/user/1000/speech-dispatcher/speechd.sock"
	for _, tc := range []struct {
		in, env string
		want    Address
		err     bool
	}{
		{in: "", want: Address{"unix", def}},
		{in: "", env: "unix_socket:/tmp/x.sock", want: Address{"unix", "/tmp/x.sock"}},
		{in: "", env: "inet_socket:10.0.0.2:7000", want: Address{"tcp", "10.0.0.2:7000"}},
		{in: "unix_socket", want: Address{"unix", def}},
		{in: "unix_socket:/a:b/s.sock", want: Address{"unix", "/a:b/s.sock"}},
		{in: "inet_socket", want: Address{"tcp", "127.0.0.1:6560"}},
		{in: "inet_socket:speech.local", want: Address{"tcp", "speech.local:6560"}},
		{in: "inet_socket:[::1]:6561", want: Address{"tcp", "[::1]:6561"}},
		{in: " inet_socket:localhost:6560 ", want: Address{"tcp", "localhost:6560"}},
		{in: "inet_socket:h:99999", err: true},
		{in: "inet_socket:h:x", err: true},
		{in: "tcp:h:1", err: true},
	} {
		t.Run(tc.in+"|"+tc.env, func(t *testing.T) {
			t.Setenv("SPEECHD_ADDRESS", tc.env)
			got, err := ParseAddress(tc.in)
			if (err != nil) != tc.err || got != tc.want {
				t.Errorf("ParseAddress(%q) = %v, %v; want %v (error %v)", tc.in, got, err, tc.want, tc.err)
			}
		})
	}
	t.Setenv("XDG_RUNTIME_DIR", "")
	t.Setenv("SPEECHD_ADDRESS", "")
	cache, _ := os.UserCacheDir()
	if got, _ := ParseAddress(""); got.Addr != filepath.Join(cache, "speech-dispatcher", "speechd.sock") {
		t.Errorf("without XDG_RUNTIME_DIR: %v", got)
	}
}

func TestEncodeText(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Hello.", "Hello.\r\n.\r\n"},
		{".", "..\r\n.\r\n"},
		{"a\n.\nb", "a\r\n..\r\nb\r\n.\r\n"},
		{"..x", "...x\r\n.\r\n"},
		{"a\r\nb\rc", "a\r\nb\r\nc\r\n.\r\n"},
		{"tab\there", "tab\there\r\n.\r\n"},
		{"nul\x00bell\x07", "nul bell \r\n.\r\n"},
		{"bad\xffutf8", "bad utf8\r\n.\r\n"},
		{"line\u2028sep", "line sep\r\n.\r\n"},
		{"trailing\n", "trailing\r\n\r\n.\r\n"},
		{"über ✓", "über ✓\r\n.\r\n"},
	} {
		got, err := encodeText(tc.in)
		if err != nil || string(got) != tc.want {
			t.Errorf("encodeText(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
	if _, err := encodeText(" \n "); err == nil {
		t.Error("blank text encoded")
	}
}

func TestParseLine(t *testing.T) {
	for _, tc := range []struct {
		in    string
		code  int
		final bool
		text  string
		err   bool
	}{
		{in: "225-21", code: 225, text: "21"},
		{in: "225 OK MESSAGE QUEUED", code: 225, final: true, text: "OK MESSAGE QUEUED"},
		{in: "231", code: 231, final: true},
		{in: "702 END", code: 702, final: true, text: "END"},
		{in: "", err: true},
		{in: "22", err: true},
		{in: "2250", err: true},
		{in: "abc def", err: true},
		{in: "099 low", err: true},
		{in: "+12 x", err: true},
	} {
		code, final, text, err := parseLine(tc.in)
		if (err != nil) != tc.err || !tc.err && (code != tc.code || final != tc.final || text != tc.text) {
			t.Errorf("parseLine(%q) = %d, %v, %q, %v", tc.in, code, final, text, err)
		}
	}
}

func TestRateAndVolumeMapping(t *testing.T) {
	for _, tc := range []struct{ wpm, want int }{
		{80, -100}, {40, -100}, {128, -49}, {175, 0}, {200, 9}, {350, 64}, {449, 100}, {900, 100},
	} {
		if got, ok := rateFromWPM(tc.wpm); !ok || got != tc.want {
			t.Errorf("rateFromWPM(%d) = %d, %v; want %d", tc.wpm, got, ok, tc.want)
		}
	}
	if _, ok := rateFromWPM(0); ok {
		t.Error("rate 0 is set")
	}
	for _, tc := range []struct {
		v    float64
		want int
	}{{1, 100}, {0.5, 0}, {0.25, -50}, {2, 100}} {
		if got, ok := volumeFromLevel(tc.v); !ok || got != tc.want {
			t.Errorf("volumeFromLevel(%v) = %d; want %d", tc.v, got, tc.want)
		}
	}
	if _, ok := volumeFromLevel(0); ok {
		t.Error("volume 0 is set")
	}
}

func TestEventParsing(t *testing.T) {
	server, client := net.Pipe()
	defer server.Close()
	go io.Copy(io.Discard, server)
	got := make(chan Event, 4)
	c := newClient(client, Address{}, Config{OnEvent: func(ev Event) { got <- ev }})
	defer c.Close()
	go server.Write([]byte("700-5\r\n700-3\r\n700-mark1\r\n700 INDEX_MARK\r\n704-5\r\n704-3\r\n704 PAUSED\r\n"))
	ev := <-got
	if ev.Kind != EventIndexMark || ev.MessageID != 5 || ev.ClientID != 3 || ev.Mark != "mark1" {
		t.Errorf("index mark event %+v", ev)
	}
	if ev := <-got; ev.Kind != EventPause || ev.Kind.String() != "PAUSED" {
		t.Errorf("pause event %+v", ev)
	}
}

func TestLongTextGoesInPieces(t *testing.T) {
	f := newFakeSSIP(t)
	e := mustOpen(t, Config{Address: f.addr})
	spaces := strings.Repeat(" ", MaxMessageBytes+900)
	if err := e.Speak(bg, "a\n"+spaces+"\nb"); err != nil {
		t.Fatal(err)
	}
	// "a\n", then a piece of nothing but spaces (skipped), then the rest.
	want := []string{"a\n", spaces[MaxMessageBytes:] + "\nb"}
	if got := f.Messages(); !slices.Equal(got, want) {
		t.Errorf("messages %q, want %q", got, want)
	}
	var cmds []string
	for _, l := range f.Lines() {
		if l == "CANCEL self" || l == "SPEAK" {
			cmds = append(cmds, l)
		}
	}
	if want := []string{"CANCEL self", "SPEAK", "SPEAK"}; !slices.Equal(cmds, want) {
		t.Errorf("commands %q, want %q: interrupt once, then queue piece after piece", cmds, want)
	}
}

func TestAnswerWithoutMessageID(t *testing.T) {
	f := newFakeSSIP(t)
	f.set(func(b *behaviour) { b.noID = true })
	e := mustOpen(t, Config{Address: f.addr})
	line := strings.Repeat("x", 100) + "\n"
	text := strings.Repeat(line, 2*MaxMessageBytes/len(line)+1)
	if err := e.Speak(bg, text); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(f.Messages(), ""); got != text || len(f.Messages()) != 3 {
		t.Errorf("the server got %d bytes in %d messages, want all %d", len(got), len(f.Messages()), len(text))
	}
}

func TestReturnWhenQueued(t *testing.T) {
	f := newFakeSSIP(t)
	events := make(chan Event, 16)
	e := mustOpen(t, Config{Address: f.addr, ReturnWhenQueued: true, OnEvent: func(ev Event) { events <- ev }})
	done := make(chan error, 1)
	go func() { done <- e.Speak(bg, "SLOW: never ends by itself") }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Speak waited with ReturnWhenQueued")
	}
	// A long text: the second piece is queued only when the first has
	// ended, and Speak returns once it is queued (it never ends).
	f.set(func(b *behaviour) { b.endAfter = 20 * time.Millisecond })
	long := strings.Repeat("x", MaxMessageBytes-1) + "\nSLOW end"
	if err := e.Speak(bg, long); err != nil {
		t.Fatal(err)
	}
	if got, want := f.Trace(), []string{"SPEAK 42", "SPEAK 43", "END 43", "SPEAK 44"}; !slices.Equal(got, want) {
		t.Errorf("server did %q, want %q: the second piece queued when the first had ended", got, want)
	}
	if got := f.Messages(); len(got) != 3 || got[2] != "SLOW end" {
		t.Errorf("messages %q", got)
	}
}
