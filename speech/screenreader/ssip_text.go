package screenreader

import (
	"errors"
	"fmt"
	"math"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// DefaultSSIPPort is speech-dispatcher's TCP port for inet_socket.
const DefaultSSIPPort = 6560

// DefaultClientName is the SSIP client name Describer gives itself.
const DefaultClientName = "user:describer:main"

// DefaultPriority is the SSIP priority of Describer's messages: "text", the
// class SSIP gives "text the user is working on".
//
// Orca speaks with priority "message". A "message" cancels "text" that is
// being spoken, so when the user moves on and Orca speaks, the description
// stops, just as the user's own screen reader stops reading when a key is
// pressed, and as NVDA and Orca's PresentMessage behave. Were Describer to
// use "message" too, which never interrupts "message", Orca's replies to the
// user's keys would wait until the whole description (perhaps a page of
// recognised text) had been read. "important" would be worse still: it
// interrupts everything, can be interrupted by nothing, and holds all other
// speech back; SSIP reserves it for short error messages. "text" also
// interrupts earlier "text", so pieces of a long text are queued one at a
// time, each when the one before has ended. Describer interrupts its own
// earlier description itself, with CANCEL self before each new one.
const DefaultPriority = "text"

var priorities = map[string]bool{
	"important": true, "message": true, "text": true, "notification": true, "progress": true,
}

// Address is a parsed speech-dispatcher address.
type Address struct {
	// Network is "unix" or "tcp".
	Network string
	// Addr is the socket path or host:port.
	Addr string
}

// String gives a in SPEECHD_ADDRESS form.
func (a Address) String() string {
	if a.Network == "tcp" {
		return "inet_socket:" + a.Addr
	}
	return "unix_socket:" + a.Addr
}

// ParseAddress parses a speech-dispatcher address in SPEECHD_ADDRESS form:
// "unix_socket:/path", "unix_socket" (the default socket),
// "inet_socket:host:port", "inet_socket:host" or "inet_socket" (port 6560
// on 127.0.0.1). "" means $SPEECHD_ADDRESS, else the default socket.
func ParseAddress(s string) (Address, error) {
	if s == "" {
		s = os.Getenv("SPEECHD_ADDRESS")
	}
	method, rest, _ := strings.Cut(strings.TrimSpace(s), ":")
	switch method {
	case "", "unix_socket":
		if rest == "" {
			rest = DefaultSocketPath()
		}
		return Address{Network: "unix", Addr: rest}, nil
	case "inet_socket":
		host, port := "127.0.0.1", strconv.Itoa(DefaultSSIPPort)
		if h, p, err := net.SplitHostPort(rest); err == nil {
			host, port = h, p
		} else if rest != "" {
			host = rest
		}
		if n, err := strconv.Atoi(port); err != nil || n <= 0 || n > 65535 {
			return Address{}, fmt.Errorf("speech-dispatcher address %q: bad port %q", s, port)
		}
		return Address{Network: "tcp", Addr: net.JoinHostPort(host, port)}, nil
	}
	return Address{}, fmt.Errorf("speech-dispatcher address %q: want unix_socket:PATH or inet_socket:HOST:PORT", s)
}

// DefaultSocketPath is where speech-dispatcher listens by default:
// $XDG_RUNTIME_DIR/speech-dispatcher/speechd.sock, or under ~/.cache when
// XDG_RUNTIME_DIR is unset (as libspeechd does).
func DefaultSocketPath() string {
	dir := os.Getenv("XDG_RUNTIME_DIR")
	if dir == "" {
		if d, err := os.UserCacheDir(); err == nil {
			dir = d
		}
	}
	return filepath.Join(dir, "speech-dispatcher", "speechd.sock")
}

// checkClientName checks the "user:application:component" form SSIP wants:
// three parts of letters, digits, '-' and '_'.
func checkClientName(name string) error {
	parts := strings.Split(name, ":")
	ok := len(parts) == 3
	for _, p := range parts {
		ok = ok && p != "" && strings.IndexFunc(p, func(r rune) bool {
			return !(r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '_'))
		}) < 0
	}
	if !ok {
		return fmt.Errorf("SSIP client name %q: want user:application:component of letters, digits, - and _", name)
	}
	return nil
}

// errEmptyText says encodeText found nothing to send.
var errEmptyText = errors.New("empty text")

// encodeText turns text into the body of an SSIP SPEAK command: UTF-8, one
// CRLF-terminated line per line of text, a leading '.' doubled, and the
// closing "." line. Invalid UTF-8 and control characters other than line
// breaks and tabs become spaces, since speech-dispatcher refuses the one and
// the other would be read out or break the framing. Text with only spaces
// gives errEmptyText.
func encodeText(text string) ([]byte, error) {
	text = strings.ToValidUTF8(text, " ")
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.Map(func(r rune) rune {
		switch {
		case r == '\r':
			return '\n'
		case r == '\n' || r == '\t':
			return r
		case unicode.IsControl(r) || r == '\u2028' || r == '\u2029':
			return ' '
		}
		return r
	}, text)
	if strings.TrimSpace(text) == "" {
		return nil, errEmptyText
	}
	var b strings.Builder
	b.Grow(len(text) + 16)
	for line := range strings.SplitSeq(text, "\n") {
		if strings.HasPrefix(line, ".") {
			b.WriteByte('.')
		}
		b.WriteString(line)
		b.WriteString("\r\n")
	}
	b.WriteString(".\r\n")
	return []byte(b.String()), nil
}

// decodeText undoes encodeText's framing: the inverse a server applies.
// It is used by tests and the fuzz target.
func decodeText(body []byte) (string, bool) {
	s, ok := strings.CutSuffix(string(body), "\r\n.\r\n")
	if !ok {
		return "", false
	}
	lines := strings.Split(s, "\r\n")
	for i, l := range lines {
		lines[i] = strings.TrimPrefix(l, ".")
		if l == "." {
			return "", false
		}
	}
	return strings.Join(lines, "\n"), true
}

// rateFromWPM maps words per minute to SSIP's rate, -100 to 100, the way
// speech-dispatcher's eSpeak NG module maps it back: 80 wpm is -100,
// speech.NormalRate (175) is 0, 449 wpm is 100. 0 wpm means "leave alone".
func rateFromWPM(wpm int) (int, bool) {
	const minWPM, maxWPM, normal = 80, 449, 175
	if wpm <= 0 {
		return 0, false
	}
	var r float64
	if wpm < normal {
		r = float64(wpm-normal) * 100 / (normal - minWPM)
	} else {
		r = float64(wpm-normal) * 100 / (maxWPM - normal)
	}
	return clamp(int(math.Round(r)), -100, 100), true
}

// volumeFromLevel maps a volume from 0 to 1 to SSIP's -100 to 100
// (speech-dispatcher modules treat -100..100 as 0..full). 0 means "leave
// alone".
func volumeFromLevel(v float64) (int, bool) {
	if v <= 0 {
		return 0, false
	}
	v = min(v, 1)
	return clamp(int(math.Round(v*200-100)), -100, 100), true
}

func clamp(v, lo, hi int) int { return max(lo, min(hi, v)) }

// splitText cuts text into pieces of at most limit bytes, after the last
// line break, else sentence end, else space before the limit, else at a
// rune boundary. The pieces joined give text back.
func splitText(text string, limit int) []string {
	var pieces []string
	for len(text) > limit {
		cut := cutPoint(text, limit)
		pieces = append(pieces, text[:cut])
		text = text[cut:]
	}
	return append(pieces, text)
}

// cutPoint picks where to end a piece of text (longer than limit): a
// position from 1 to limit.
func cutPoint(text string, limit int) int {
	head := text[:limit]
	if i := strings.LastIndexByte(head, '\n'); i > 0 {
		return i + 1
	}
	best := -1
	for _, end := range []string{". ", "! ", "? ", "; "} {
		best = max(best, strings.LastIndex(head, end))
	}
	if best > 0 {
		return best + 2
	}
	if i := strings.LastIndexByte(head, ' '); i > 0 {
		return i + 1
	}
	cut := limit
	for cut > 0 && !utf8.RuneStart(text[cut]) {
		cut--
	}
	if cut == 0 {
		return limit
	}
	return cut
}
