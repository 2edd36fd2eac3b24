package screenreader

import (
	"context"
	"net"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// FuzzEncodeText checks SPEAK's framing: the body always ends with the one
// closing "." line, has CRLF line ends only, and gives the text back.
func FuzzEncodeText(f *testing.F) {
	for _, s := range []string{"Hello.", ".", "..", "a\n.\nb", "\r\n.\r\n", "x\r.\ry", "\xff.", "\x00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		body, err := encodeText(text)
		if err != nil {
			return
		}
		if !utf8.Valid(body) {
			t.Fatalf("body is not UTF-8: %q", body)
		}
		if strings.Count(string(body), "\n") != strings.Count(string(body), "\r\n") {
			t.Fatalf("bare LF or CR in %q", body)
		}
		if strings.Contains(strings.ReplaceAll(string(body), "\r\n", ""), "\r") {
			t.Fatalf("bare CR in %q", body)
		}
		got, ok := decodeText(body)
		if !ok {
			t.Fatalf("body %q does not decode", body)
		}
		if want := normalizeForSSIP(text); got != want {
			t.Fatalf("round trip of %q gave %q, want %q", text, got, want)
		}
	})
}

// normalizeForSSIP is what encodeText promises to keep: valid UTF-8, LF
// line ends, no other control characters.
func normalizeForSSIP(s string) string {
	s = strings.ToValidUTF8(s, " ")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\r':
			return '\n'
		case r == '\n' || r == '\t':
			return r
		case r < 0x20 || r >= 0x7f && r < 0xa0 || r == '\u2028' || r == '\u2029':
			return ' '
		}
		return r
	}, s)
}

// FuzzSplitText checks that long text is cut into pieces no longer than the
// limit that join back to the text.
func FuzzSplitText(f *testing.F) {
	f.Add("one. two. three", 5)
	f.Add("ünïcödé ✓✓✓", 4)
	f.Add("line\nline\nline", 6)
	f.Fuzz(func(t *testing.T, text string, limit int) {
		if limit < 4 || limit > 1<<16 {
			return
		}
		pieces := splitText(text, limit)
		if strings.Join(pieces, "") != text {
			t.Fatalf("pieces %q do not join to %q", pieces, text)
		}
		for _, p := range pieces {
			if len(p) > limit || len(p) == 0 && text != "" {
				t.Fatalf("piece %q of %d bytes, limit %d", p, len(p), limit)
			}
		}
	})
}

// FuzzServerReplies feeds whatever a server might send to a client that is
// introducing itself: it must end with a result or a clear error, never a
// panic or a hang.
func FuzzServerReplies(f *testing.F) {
	f.Add([]byte("208 OK\r\n202 OK\r\n220 OK\r\n220 OK\r\n220 OK\r\n"))
	f.Add([]byte("208-x\r\n208 OK\r\n701-1\r\n701-2\r\n701 BEGIN\r\n202 OK\r\n"))
	f.Add([]byte("HTTP/1.1 200 OK\r\n\r\n"))
	f.Add([]byte("208 OK\n202"))
	f.Fuzz(func(t *testing.T, reply []byte) {
		server, client := net.Pipe()
		go func() {
			defer server.Close()
			go func() { // read what the client says, so its writes never block
				buf := make([]byte, 4096)
				for {
					if _, err := server.Read(buf); err != nil {
						return
					}
				}
			}()
			server.Write(reply)
		}()
		c := newClient(client, Address{}, Config{Timeout: 200 * time.Millisecond})
		done := make(chan error, 1)
		go func() {
			err := c.hello(context.Background(), DefaultClientName, DefaultPriority, Config{})
			if err == nil {
				_, err = c.Speak(context.Background(), "x")
			}
			done <- err
		}()
		select {
		case <-done:
		case <-time.After(15 * time.Second): // at most 7 commands of 200 ms: 1.4 s
			t.Fatalf("client hung on %q", reply)
		}
		c.Close()
	})
}
