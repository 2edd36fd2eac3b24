// Package xvfbtest gives each test binary that uses X its own Xvfb display,
// so packages that grab keys, own the clipboard or show windows can run at
// the same time (as go test runs packages) without seeing each other.
//
// A package's TestMain calls Main; its tests call Require, which fails under
// make test (DESCRIBER_REQUIRE_DISPLAY=1) and skips with the reason elsewhere
// when there is no display or a tool is missing.
package xvfbtest

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"testing"
)

// EnvRequire names the variable that turns a missing display or tool from a
// skip into a failure; make test sets it to 1.
const EnvRequire = "DESCRIBER_REQUIRE_DISPLAY"

// Screen is the size and depth of the display every test binary gets.
const Screen = "1280x800x24"

// ErrNoXvfb means Xvfb is not installed, so no display could be started.
var ErrNoXvfb = errors.New("xvfbtest: Xvfb is not installed (scripts/setup.sh installs it)")

// startErr is why Main could not start a display, for Require to report.
var startErr error

// Main starts a private Xvfb, points DISPLAY at it for this process and
// the processes it starts, runs the tests and stops the server; it returns
// the exit status for os.Exit. When no server can be started, DISPLAY is
// cleared and Require reports why.
func Main(m *testing.M) int { return Run(m.Run) }

// Run is Main for any function: it runs tests with a private display and
// returns tests' status.
func Run(tests func() int) int {
	srv, err := Start()
	if err != nil {
		startErr = err
		os.Unsetenv("DISPLAY")
		return tests()
	}
	code := tests()
	if err := srv.Stop(); err != nil {
		fmt.Fprintln(os.Stderr, err)
	}
	return code
}

// Require skips tb (fails it when DESCRIBER_REQUIRE_DISPLAY=1) unless this
// binary has its display and every named tool is on PATH.
func Require(tb testing.TB, tools ...string) {
	tb.Helper()
	why := ""
	switch {
	case startErr != nil:
		why = startErr.Error()
	case os.Getenv("DISPLAY") == "":
		why = "no X display (the package's TestMain must call xvfbtest.Main)"
	}
	for _, tool := range tools {
		if _, err := exec.LookPath(tool); err != nil && why == "" {
			why = tool + " is not installed (scripts/setup.sh installs it)"
		}
	}
	if why == "" {
		return
	}
	if os.Getenv(EnvRequire) == "1" {
		tb.Fatalf("%s, but %s=1", why, EnvRequire)
	}
	tb.Skip(why)
}
