// Package instance keeps the desktop app single: a second start hands its
// files to the app already running, which shows its window and describes
// them.
package instance

import (
	"bufio"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/describer/describer/models"
)

// Instance makes the desktop app single: the first one listens on a Unix
// socket in a folder only the user can open; a second one hands its files
// to the first (which shows its window and describes them) and exits.
// Unix sockets work on Linux, macOS and Windows 10 and later, and never
// leave the machine. A lock file beside the socket keeps two apps started
// at the same moment from both listening.
type Instance struct {
	ln        net.Listener
	path      string
	lock      *os.File
	ready     chan struct{}
	readyOnce sync.Once
}

// maxHandedFiles bounds the files one message may hand over.
const maxHandedFiles = 100

// ErrAlreadyRunning means another Describer app answered on the socket.
var ErrAlreadyRunning = errors.New("Describer is already running; its window is shown")

// SocketPath is where the app listens: the runtime folder when there is
// one, else the settings folder.
func SocketPath() string {
	dir := os.Getenv("XDG_RUNTIME_DIR")
	if dir == "" {
		dir = models.ConfigDir()
	}
	return filepath.Join(dir, "describer", "app.sock")
}

// Claim becomes the only app instance, or, when another one answers,
// sends it files (absolute paths; none just shows its window) and returns
// ErrAlreadyRunning. onMessage is called, on a goroutine of the listener's,
// with the files of each later instance, once Ready has been called.
func Claim(path string, files []string, onMessage func(files []string)) (*Instance, error) {
	dir := filepath.Dir(path)
	if err := privateDir(dir); err != nil {
		return nil, fmt.Errorf("single instance: %w", err)
	}
	if handOver(path, files) {
		return nil, ErrAlreadyRunning
	}
	lock, err := lockFile(filepath.Join(dir, "app.lock"))
	if err != nil {
		// Another app holds the lock: it is starting. Give it a moment to
		// listen, then hand over.
		for range 20 {
			time.Sleep(100 * time.Millisecond)
			if handOver(path, files) {
				return nil, ErrAlreadyRunning
			}
		}
		return nil, errors.New("another Describer is starting or not answering; try again in a moment")
	}
	// We hold the lock and nobody answered: a socket left by a crashed
	// app is stale.
	_ = os.Remove(path)
	ln, err := net.Listen("unix", path)
	if err != nil {
		return nil, errors.Join(fmt.Errorf("single instance: %w", err), lock.Close())
	}
	in := &Instance{ln: ln, path: path, lock: lock, ready: make(chan struct{})}
	go in.serve(onMessage)
	return in, nil
}

// handOver sends files to an app listening on path and reports whether
// it answered.
func handOver(path string, files []string) bool {
	conn, err := net.DialTimeout("unix", path, time.Second)
	if err != nil {
		return false
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(5 * time.Second))
	msg := "show\n"
	for _, f := range files[:min(len(files), maxHandedFiles)] {
		msg += "file " + f + "\n"
	}
	if _, err := conn.Write([]byte(msg + "end\n")); err != nil {
		return false
	}
	reply, _ := bufio.NewReader(conn).ReadString('\n')
	return strings.TrimSpace(reply) == "ok"
}

// Ready lets messages through to onMessage: the app calls it once its
// window and jobs exist. Messages that came before wait.
func (in *Instance) Ready() { in.readyOnce.Do(func() { close(in.ready) }) }

func (in *Instance) serve(onMessage func([]string)) {
	for {
		conn, err := in.ln.Accept()
		if err != nil {
			return
		}
		go func() {
			defer conn.Close()
			_ = conn.SetDeadline(time.Now().Add(5 * time.Second))
			var files []string
			sc := bufio.NewScanner(conn)
			for sc.Scan() {
				line := sc.Text()
				if line == "end" {
					_, _ = conn.Write([]byte("ok\n"))
					<-in.ready
					onMessage(files)
					return
				}
				if f, ok := strings.CutPrefix(line, "file "); ok && len(files) < maxHandedFiles {
					files = append(files, f)
				}
			}
		}()
	}
}

// Close stops listening, removes the socket and releases the lock.
func (in *Instance) Close() error {
	err := in.ln.Close()
	if rmErr := os.Remove(in.path); rmErr != nil && !errors.Is(rmErr, os.ErrNotExist) {
		err = errors.Join(err, rmErr)
	}
	return errors.Join(err, in.lock.Close())
}
