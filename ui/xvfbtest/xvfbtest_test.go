package xvfbtest_test

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"testing"

	"github.com/describer/describer/ui/xvfbtest"
	"github.com/jezek/xgb"
	"github.com/jezek/xgb/xproto"
)

// envChild makes the test binary a child that reports its display and
// holds it until its standard input closes.
const envChild = "XVFBTEST_CHILD"

func TestMain(m *testing.M) {
	if os.Getenv(envChild) == "1" {
		os.Exit(xvfbtest.Run(holdDisplay))
	}
	os.Exit(xvfbtest.Main(m))
}

// holdDisplay is the child's part of TestTwoBinariesAtOnce: it names its
// display and keeps it until its standard input closes.
func holdDisplay() int {
	fmt.Printf("display %s %s\n", os.Getenv("DISPLAY"), os.Getenv("XAUTHORITY"))
	io.Copy(io.Discard, os.Stdin)
	return 0
}

// child is one test binary holding its display (holdDisplay).
type child struct {
	cmd           *exec.Cmd
	stdin         io.WriteCloser
	display, auth string
}

func startChild(t *testing.T) *child {
	t.Helper()
	c := &child{cmd: exec.Command(os.Args[0])}
	c.cmd.Env = append(os.Environ(), envChild+"=1")
	c.cmd.Stderr = os.Stderr
	var err error
	if c.stdin, err = c.cmd.StdinPipe(); err != nil {
		t.Fatal(err)
	}
	out, err := c.cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := c.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.cmd.Process.Kill(); c.cmd.Wait() })
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		if f := strings.Fields(sc.Text()); len(f) == 3 && f[0] == "display" {
			c.display, c.auth = f[1], f[2]
			go io.Copy(io.Discard, out)
			return c
		}
	}
	t.Fatalf("the child ended without naming its display: %v", c.cmd.Wait())
	return nil
}

// screenSize connects to display with the cookie in auth and returns its
// first screen's size.
func screenSize(t *testing.T, display, auth string) (w, h uint16, err error) {
	t.Setenv("XAUTHORITY", auth)
	conn, err := xgb.NewConnDisplay(display)
	if err != nil {
		return 0, 0, err
	}
	defer conn.Close()
	s := xproto.Setup(conn).DefaultScreen(conn)
	return s.WidthInPixels, s.HeightInPixels, nil
}

// TestTwoBinariesAtOnce runs two test binaries at the same time: each has
// its own display, different from the other's and from this binary's, both
// answer while both run (each to its own cookie only), and each is gone
// when its binary ends.
func TestTwoBinariesAtOnce(t *testing.T) {
	xvfbtest.Require(t)
	a, b := startChild(t), startChild(t)
	own := os.Getenv("DISPLAY")
	if a.display == b.display || a.display == own || b.display == own || a.display == "" {
		t.Fatalf("displays: child %q, child %q, this binary %q; want three different ones", a.display, b.display, own)
	}
	for _, c := range []*child{a, b} {
		w, h, err := screenSize(t, c.display, c.auth)
		if err != nil || w != 1280 || h != 800 {
			t.Errorf("display %s while both children run: %dx%d, %v; want 1280x800", c.display, w, h, err)
		}
	}
	if _, _, err := screenSize(t, a.display, b.auth); err == nil {
		t.Errorf("display %s let in a client with the other display's cookie", a.display)
	}
	for _, c := range []*child{a, b} {
		c.stdin.Close()
		if err := c.cmd.Wait(); err != nil {
			t.Errorf("child on %s: %v", c.display, err)
		}
		if _, _, err := screenSize(t, c.display, c.auth); err == nil {
			t.Errorf("display %s still answers after its test binary ended", c.display)
		}
	}
}

// TestRequireWithoutDisplay: with no display, Require skips, or fails when
// make test requires a display.
func TestRequireWithoutDisplay(t *testing.T) {
	for _, require := range []string{"", "1"} {
		t.Run("require="+require, func(t *testing.T) {
			t.Setenv("DISPLAY", "")
			t.Setenv(xvfbtest.EnvRequire, require)
			ft := &fakeTB{TB: t}
			done := make(chan struct{})
			go func() { defer close(done); xvfbtest.Require(ft) }()
			<-done
			if require == "1" && !ft.failed || require == "" && !ft.skipped {
				t.Errorf("Require with %s=%q: failed %v, skipped %v", xvfbtest.EnvRequire, require, ft.failed, ft.skipped)
			}
			if !strings.Contains(ft.msg, "no X display") {
				t.Errorf("reason %q does not say there is no display", ft.msg)
			}
		})
	}
}

// TestRequireMissingTool names the missing tool.
func TestRequireMissingTool(t *testing.T) {
	xvfbtest.Require(t)
	t.Setenv(xvfbtest.EnvRequire, "")
	ft := &fakeTB{TB: t}
	done := make(chan struct{})
	go func() { defer close(done); xvfbtest.Require(ft, "no-such-tool-xvfbtest") }()
	<-done
	if !ft.skipped || !strings.Contains(ft.msg, "no-such-tool-xvfbtest is not installed") {
		t.Errorf("skipped %v with %q", ft.skipped, ft.msg)
	}
}

// fakeTB records a Fatal or Skip and ends the goroutine as they do.
type fakeTB struct {
	testing.TB
	failed, skipped bool
	msg             string
}

func (f *fakeTB) Helper() {}
func (f *fakeTB) Fatalf(format string, args ...any) {
	f.failed, f.msg = true, fmt.Sprintf(format, args...)
	runtime.Goexit()
}
func (f *fakeTB) Skip(args ...any) {
	f.skipped, f.msg = true, fmt.Sprint(args...)
	runtime.Goexit()
}
