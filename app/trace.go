package app

import (
	"fmt"
	"os"
	"sync"
	"time"
)

// Trace appends "UNIXNANO EVENT" lines to a file, for measuring the app
// from outside (hotkey → earcon → first audio). A nil *Trace writes
// nothing.
type Trace struct {
	mu sync.Mutex
	f  *os.File
}

// OpenTrace opens path for appending events; "" or a file that cannot be
// opened gives nil, a trace that writes nothing.
func OpenTrace(path string) *Trace {
	if path == "" {
		return nil
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		return nil
	}
	return &Trace{f: f}
}

// Event appends one event, stamped now.
func (t *Trace) Event(name string) {
	if t == nil {
		return
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	fmt.Fprintf(t.f, "%d %s\n", time.Now().UnixNano(), name)
}

// Close closes the file.
func (t *Trace) Close() error {
	if t == nil {
		return nil
	}
	return t.f.Close()
}
