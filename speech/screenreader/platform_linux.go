package screenreader

import (
	"bytes"
	"context"
	"errors"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"syscall"

	"github.com/describer/describer/speech"
)

// procDir is the process list Probe reads; tests point it elsewhere.
var procDir = "/proc"

// probe runs the three Linux checks in parallel: an Orca process of this
// user, Orca's D-Bus name, speech-dispatcher's socket. A check still
// running when ctx ends counts as "not found".
func probe(ctx context.Context, cfg Config) Status {
	proc := make(chan bool, 1)
	service := make(chan string, 1)
	sock := make(chan bool, 1)
	go func() { proc <- orcaProcessRunning(procDir, os.Getuid()) }()
	go func() { service <- orcaServiceOwned(ctx) }()
	go func() { sock <- speechDispatcherReachable(ctx, cfg) }()
	var st Status
	var orcaProc bool
	for range 3 {
		select {
		case orcaProc = <-proc:
		case st.OrcaService = <-service:
		case st.SpeechDispatcher = <-sock:
		case <-ctx.Done():
		}
	}
	if orcaProc || st.OrcaService != "" {
		st.ScreenReaders = []string{NameOrca}
	}
	return st
}

// orcaProcessRunning looks for a process of this user called orca: the
// command name, or python running a script (or -m module) called orca. Orca run by another
// user (the login screen's, say) does not count.
func orcaProcessRunning(proc string, uid int) bool {
	entries, err := os.ReadDir(proc)
	if err != nil {
		return false
	}
	for _, e := range entries {
		if _, err := strconv.Atoi(e.Name()); err != nil || !e.IsDir() {
			continue
		}
		dir := filepath.Join(proc, e.Name())
		fi, err := os.Stat(dir)
		if err != nil {
			continue
		}
		if st, ok := fi.Sys().(*syscall.Stat_t); !ok || int(st.Uid) != uid {
			continue
		}
		if isOrca(dir) {
			return true
		}
	}
	return false
}

func isOrca(dir string) bool {
	comm, err := os.ReadFile(filepath.Join(dir, "comm"))
	if err != nil {
		return false
	}
	comm = bytes.TrimSpace(comm)
	if string(comm) == "orca" {
		return true
	}
	if !bytes.HasPrefix(comm, []byte("python")) {
		return false
	}
	cmdline, err := os.ReadFile(filepath.Join(dir, "cmdline"))
	if err != nil {
		return false
	}
	for _, a := range bytes.Split(cmdline, []byte{0})[1:] { // the script: the first argument not a flag
		if !bytes.HasPrefix(a, []byte("-")) {
			return filepath.Base(string(a)) == "orca"
		}
	}
	return false
}

// orcaServiceOwned returns the Orca D-Bus name that is owned, or "".
func orcaServiceOwned(ctx context.Context) string {
	conn, err := connectSessionBus(ctx)
	if err != nil {
		return ""
	}
	defer conn.Close()
	d, ok, _ := findOrcaService(ctx, conn)
	if !ok {
		return ""
	}
	return d.service
}

// speechDispatcherReachable connects to speech-dispatcher's socket and
// hangs up. A connection starts no daemon.
func speechDispatcherReachable(ctx context.Context, cfg Config) bool {
	addr, err := ParseAddress(cfg.Address)
	if err != nil {
		return false
	}
	var d net.Dialer
	conn, err := d.DialContext(ctx, addr.Network, addr.Addr)
	if err != nil {
		return false
	}
	_ = conn.Close()
	return true
}

// openFor opens Orca's D-Bus channel when it answers, else
// speech-dispatcher.
func openFor(ctx context.Context, cfg Config, st Status) (speech.Engine, error) {
	var orcaErr error
	if st.OrcaService != "" {
		o, err := OpenOrca(ctx, cfg)
		if err == nil {
			return o, nil
		}
		orcaErr = err
	}
	sd, err := OpenSpeechDispatcher(ctx, cfg)
	if err != nil {
		return nil, errors.Join(orcaErr, err)
	}
	return sd, nil
}
