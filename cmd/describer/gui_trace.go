//go:build cgo

package main

import (
	"fmt"
	"os"
	"sync"
	"time"
)

// tracer appends "UNIXNANO EVENT" lines to a file, for measuring the app
// from outside (hotkey → earcon → first audio); nil writes nothing.
type tracer struct {
	mu sync.Mutex
	f  *os.File
}

func openTracer(path string) *tracer {
	if path == "" {
		return nil
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		return nil
	}
	return &tracer{f: f}
}

func (t *tracer) event(name string) {
	if t == nil {
		return
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	fmt.Fprintf(t.f, "%d %s\n", time.Now().UnixNano(), name)
}

func (t *tracer) close() {
	if t != nil {
		t.f.Close()
	}
}
