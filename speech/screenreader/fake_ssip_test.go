package screenreader

import (
	"bufio"
	"bytes"
	"maps"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeSSIP is an in-process SSIP server that records every line it gets
// and answers like speech-dispatcher, or misbehaves as told.
type fakeSSIP struct {
	t    testing.TB
	ln   net.Listener
	addr string // SPEECHD_ADDRESS form

	mu sync.Mutex // guards everything below, behaviour included
	behaviour
	lines    []string // every line received, CRLF removed, across connections
	raw      bytes.Buffer
	messages []string // decoded SPEAK texts
	trace    []string // "SPEAK id" as each message is queued, "END id" as its END is sent
	conns    int
	nextID   int
}

// behaviour says how the fake answers; change it with set.
type behaviour struct {
	refuse   map[string]string // command prefix → failure reply line
	closeOn  string            // close the connection on this command prefix
	hangOn   string            // never answer this command prefix
	rawOn    map[string]string // command prefix → raw bytes to send instead
	endAfter time.Duration     // delay between BEGIN and END events
	noID     bool              // SPEAK's answer carries no message id
}

// set changes the behaviour.
func (f *fakeSSIP) set(change func(b *behaviour)) {
	f.mu.Lock()
	defer f.mu.Unlock()
	change(&f.behaviour)
}

func (f *fakeSSIP) now() behaviour {
	f.mu.Lock()
	defer f.mu.Unlock()
	b := f.behaviour
	b.refuse, b.rawOn = maps.Clone(b.refuse), maps.Clone(b.rawOn)
	return b
}

// newFakeSSIP listens on a Unix socket in a short temporary directory.
func newFakeSSIP(t testing.TB) *fakeSSIP {
	t.Helper()
	dir, err := os.MkdirTemp("", "ssip")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	sock := filepath.Join(dir, "s.sock")
	ln, err := net.Listen("unix", sock)
	if err != nil {
		t.Fatal(err)
	}
	return startFake(t, ln, "unix_socket:"+sock)
}

// newFakeSSIPTCP listens on 127.0.0.1.
func newFakeSSIPTCP(t testing.TB) *fakeSSIP {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	return startFake(t, ln, "inet_socket:"+ln.Addr().String())
}

func startFake(t testing.TB, ln net.Listener, addr string) *fakeSSIP {
	f := &fakeSSIP{t: t, ln: ln, addr: addr, nextID: 41,
		behaviour: behaviour{refuse: map[string]string{}, rawOn: map[string]string{}}}
	var wg sync.WaitGroup
	t.Cleanup(func() { ln.Close(); wg.Wait() })
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			f.mu.Lock()
			f.conns++
			f.mu.Unlock()
			wg.Add(1)
			go func() { defer wg.Done(); f.serve(c) }()
		}
	}()
	return f
}

// Lines returns the lines received so far.
func (f *fakeSSIP) Lines() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.lines...)
}

// Raw returns the bytes received so far.
func (f *fakeSSIP) Raw() []byte {
	f.mu.Lock()
	defer f.mu.Unlock()
	return bytes.Clone(f.raw.Bytes())
}

// Messages returns the texts received with SPEAK.
func (f *fakeSSIP) Messages() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.messages...)
}

// Trace returns the messages queued and ended so far, in order.
func (f *fakeSSIP) Trace() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.trace...)
}

func (f *fakeSSIP) note(what string, id int) {
	f.mu.Lock()
	f.trace = append(f.trace, what+" "+strconv.Itoa(id))
	f.mu.Unlock()
}

// Conns returns how many connections were accepted.
func (f *fakeSSIP) Conns() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.conns
}

func (f *fakeSSIP) readLine(r *bufio.Reader) (string, bool) {
	s, err := r.ReadString('\n')
	if err != nil {
		return "", false
	}
	f.mu.Lock()
	f.raw.WriteString(s)
	line := strings.TrimSuffix(strings.TrimSuffix(s, "\n"), "\r")
	f.lines = append(f.lines, line)
	f.mu.Unlock()
	return line, true
}

// fakeSession is one connection's state.
type fakeSession struct {
	conn     net.Conn
	events   bool
	mu       sync.Mutex // serialises writes
	speaking int        // message id being "spoken", 0 if none
	timer    *time.Timer
}

func (s *fakeSession) send(lines ...string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, l := range lines {
		s.conn.Write([]byte(l + "\r\n"))
	}
}

func (f *fakeSSIP) match(m map[string]string, line string) (string, bool) {
	for k, v := range m {
		if strings.HasPrefix(line, k) {
			return v, true
		}
	}
	return "", false
}

func (f *fakeSSIP) serve(c net.Conn) {
	defer c.Close()
	r := bufio.NewReader(c)
	s := &fakeSession{conn: c}
	defer func() {
		s.mu.Lock()
		if s.timer != nil {
			s.timer.Stop()
		}
		s.mu.Unlock()
	}()
	for {
		line, ok := f.readLine(r)
		if !ok {
			return
		}
		b := f.now()
		switch {
		case b.closeOn != "" && strings.HasPrefix(line, b.closeOn):
			return
		case b.hangOn != "" && strings.HasPrefix(line, b.hangOn):
			continue
		}
		if raw, ok := f.match(b.rawOn, line); ok {
			s.mu.Lock()
			c.Write([]byte(raw))
			s.mu.Unlock()
			continue
		}
		if reply, ok := f.match(b.refuse, line); ok {
			s.send(reply)
			continue
		}
		if !f.answer(s, r, line) {
			return
		}
	}
}

// answer replies as speech-dispatcher would; false ends the connection.
func (f *fakeSSIP) answer(s *fakeSession, r *bufio.Reader, line string) bool {
	up := strings.ToUpper(line)
	switch {
	case strings.HasPrefix(up, "SET SELF CLIENT_NAME "):
		s.send("208 OK CLIENT NAME SET")
	case strings.HasPrefix(up, "SET SELF PRIORITY "):
		s.send("202 OK PRIORITY SET")
	case strings.HasPrefix(up, "SET SELF NOTIFICATION "):
		s.events = true
		s.send("220 OK NOTIFICATION SET")
	case strings.HasPrefix(up, "SET SELF RATE "), strings.HasPrefix(up, "SET SELF VOLUME "):
		s.send("203 OK SET")
	case up == "SPEAK":
		s.send("230 OK RECEIVING DATA")
		var text []string
		for {
			l, ok := f.readLine(r)
			if !ok {
				return false
			}
			if l == "." {
				break
			}
			text = append(text, strings.TrimPrefix(l, "."))
		}
		f.mu.Lock()
		f.nextID++
		id := f.nextID
		f.messages = append(f.messages, strings.Join(text, "\n"))
		f.mu.Unlock()
		f.note("SPEAK", id)
		if f.now().noID {
			s.send("225 OK MESSAGE QUEUED")
			break
		}
		s.send("225-"+strconv.Itoa(id), "225 OK MESSAGE QUEUED")
		f.speak(s, id, strings.Contains(strings.Join(text, "\n"), "SLOW"))
	case up == "CANCEL SELF" || up == "STOP SELF":
		s.send("210 OK CANCELED")
		s.mu.Lock()
		id := s.speaking
		s.speaking = 0
		if s.timer != nil {
			s.timer.Stop()
		}
		s.mu.Unlock()
		if id != 0 && s.events {
			s.send(event(703, id, "CANCELED")...)
		}
	case up == "QUIT":
		s.send("231 HAPPY HACKING")
		return false
	default:
		s.send("500 ERR INVALID COMMAND")
	}
	return true
}

// speak sends BEGIN at once and END after endAfter (the time the message
// takes to say), unless the message is slow (then only CANCEL ends it).
func (f *fakeSSIP) speak(s *fakeSession, id int, slow bool) {
	if !s.events {
		return
	}
	s.mu.Lock()
	s.speaking = id
	s.mu.Unlock()
	s.send(event(701, id, "BEGIN")...)
	if slow {
		return
	}
	s.mu.Lock()
	s.timer = time.AfterFunc(f.now().endAfter, func() {
		s.mu.Lock()
		if s.speaking != id {
			s.mu.Unlock()
			return
		}
		s.speaking = 0
		s.mu.Unlock()
		f.note("END", id)
		s.send(event(702, id, "END")...)
	})
	s.mu.Unlock()
}

func event(code, id int, name string) []string {
	c := strconv.Itoa(code)
	return []string{c + "-" + strconv.Itoa(id), c + "-7", c + " " + name}
}
