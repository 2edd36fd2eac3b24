package main

import (
	"bufio"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/describer/describer/models"
)

// instance makes the desktop app single: the first one listens on a Unix
// socket in a folder only the user can open; a second one hands its files
// to the first (which shows its window and describes them) and exits.
// Unix sockets work on Linux, macOS and Windows 10 and later, and never
// leave the machine.
type instance struct {
	ln   net.Listener
	path string
}

// errAlreadyRunning means another Describer app answered on the socket.
var errAlreadyRunning = errors.New("Describer is already running; its window is shown")

// socketPath is where the app listens: the runtime folder when there is
// one, else the settings folder.
func socketPath() string {
	dir := os.Getenv("XDG_RUNTIME_DIR")
	if dir == "" {
		dir = models.ConfigDir()
	}
	return filepath.Join(dir, "describer", "app.sock")
}

// claim becomes the only app instance, or, when another one answers,
// sends it files (absolute paths; none just shows its window) and returns
// errAlreadyRunning. onMessage is called, on the listener's goroutine, with
// the files of each later instance.
func claim(path string, files []string, onMessage func(files []string)) (*instance, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("single instance: %w", err)
	}
	if conn, err := net.DialTimeout("unix", path, time.Second); err == nil {
		defer conn.Close()
		_ = conn.SetDeadline(time.Now().Add(2 * time.Second))
		msg := "show\n"
		for _, f := range files {
			msg += "file " + f + "\n"
		}
		if _, err := conn.Write([]byte(msg + "end\n")); err != nil {
			return nil, fmt.Errorf("single instance: %w", err)
		}
		if reply, _ := bufio.NewReader(conn).ReadString('\n'); strings.TrimSpace(reply) == "ok" {
			return nil, errAlreadyRunning
		}
		return nil, errors.New("another Describer is starting or not answering; try again in a moment")
	}
	// Nobody answered: a socket left by a crashed app is stale.
	_ = os.Remove(path)
	ln, err := net.Listen("unix", path)
	if err != nil {
		return nil, fmt.Errorf("single instance: %w", err)
	}
	in := &instance{ln: ln, path: path}
	go in.serve(onMessage)
	return in, nil
}

func (in *instance) serve(onMessage func([]string)) {
	for {
		conn, err := in.ln.Accept()
		if err != nil {
			return
		}
		go func() {
			defer conn.Close()
			_ = conn.SetDeadline(time.Now().Add(2 * time.Second))
			var files []string
			sc := bufio.NewScanner(conn)
			for sc.Scan() {
				line := sc.Text()
				if line == "end" {
					_, _ = conn.Write([]byte("ok\n"))
					onMessage(files)
					return
				}
				if f, ok := strings.CutPrefix(line, "file "); ok {
					files = append(files, f)
				}
			}
		}()
	}
}

// Close stops listening and removes the socket.
func (in *instance) Close() error {
	err := in.ln.Close()
	if rmErr := os.Remove(in.path); rmErr != nil && !errors.Is(rmErr, os.ErrNotExist) {
		err = errors.Join(err, rmErr)
	}
	return err
}
