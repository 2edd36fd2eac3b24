package xvfbtest

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"time"
)

// readyLimit bounds how long Start waits for Xvfb to say it is listening.
const readyLimit = 30 * time.Second

// Server is a running private Xvfb.
type Server struct {
	// Display is the server's DISPLAY value, such as ":3".
	Display string
	cmd     *exec.Cmd
	// exited is closed when Xvfb has exited, waitErr then being Wait's
	// error; any number of readers may wait on it.
	exited  chan struct{}
	waitErr error
	// dir holds auth, the server's cookie file.
	dir, auth string
}

// Start starts Xvfb on the first free display number, with a cookie of
// its own, and sets DISPLAY and XAUTHORITY to them. It waits for the server's own word that it listens (Xvfb writes the
// number it chose to -displayfd), never a fixed time.
func Start() (*Server, error) {
	if runtime.GOOS == "windows" || runtime.GOOS == "darwin" {
		return nil, fmt.Errorf("xvfbtest: no X server on %s", runtime.GOOS)
	}
	bin, err := exec.LookPath("Xvfb")
	if err != nil {
		return nil, ErrNoXvfb
	}
	dir, err := os.MkdirTemp("", "xvfbtest-")
	if err != nil {
		return nil, fmt.Errorf("xvfbtest: %w", err)
	}
	s, err := start(bin, dir)
	if err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	os.Setenv("DISPLAY", s.Display)
	os.Setenv("XAUTHORITY", s.auth)
	return s, nil
}

// start starts Xvfb at bin with its cookie file in dir.
func start(bin, dir string) (*Server, error) {
	auth, err := writeAuthority(dir)
	if err != nil {
		return nil, err
	}
	r, w, err := os.Pipe()
	if err != nil {
		return nil, fmt.Errorf("xvfbtest: %w", err)
	}
	defer r.Close()
	// fd 3 in the child is the first of ExtraFiles.
	cmd := exec.Command(bin, "-displayfd", "3", "-screen", "0", Screen, "-auth", auth, "-nolisten", "tcp", "-noreset")
	cmd.ExtraFiles = []*os.File{w}
	cmd.SysProcAttr = dieWithParent()
	var log strings.Builder
	cmd.Stderr = &log
	if err := cmd.Start(); err != nil {
		w.Close()
		return nil, fmt.Errorf("xvfbtest: start Xvfb: %w", err)
	}
	w.Close()
	s := &Server{cmd: cmd, exited: make(chan struct{}), dir: dir, auth: auth}
	go func() { s.waitErr = cmd.Wait(); close(s.exited) }()
	if s.Display, err = readDisplay(r, s); err != nil {
		cmd.Process.Kill()
		<-s.exited
		return nil, fmt.Errorf("xvfbtest: Xvfb did not start: %w: %s", err, strings.TrimSpace(log.String()))
	}
	return s, nil
}

// readDisplay reads the display number Xvfb writes once it listens.
func readDisplay(r *os.File, s *Server) (string, error) {
	got := make(chan string, 1)
	go func() {
		line, _ := bufio.NewReader(r).ReadString('\n')
		got <- strings.TrimSpace(line)
	}()
	select {
	case n := <-got:
		if n == "" {
			return "", errors.New("it wrote no display number")
		}
		return ":" + n, nil
	case <-s.exited:
		return "", fmt.Errorf("it exited (%v)", s.waitErr)
	case <-time.After(readyLimit):
		return "", fmt.Errorf("no display number after %v", readyLimit)
	}
}

// Stop ends the server and waits for it to exit.
func (s *Server) Stop() error {
	if err := s.cmd.Process.Kill(); err != nil && !errors.Is(err, os.ErrProcessDone) {
		return fmt.Errorf("xvfbtest: stop Xvfb %s: %w", s.Display, err)
	}
	<-s.exited
	if err := os.RemoveAll(s.dir); err != nil {
		return fmt.Errorf("xvfbtest: %w", err)
	}
	return nil
}
