package syslook

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// env is a fake getenv.
func env(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

// notFound is the error exec gives for a missing program.
func notFound(name string) error { return &exec.Error{Name: name, Err: exec.ErrNotFound} }

// answers is a fake runner: out maps the arguments, joined by spaces, to
// the output; any other command fails as a missing key or schema does.
func answers(t *testing.T, name string, out map[string]string) runner {
	return func(_ context.Context, n string, args ...string) (string, error) {
		if n != name {
			t.Errorf("ran %q, want %q", n, name)
		}
		if o, ok := out[strings.Join(args, " ")]; ok {
			return o, nil
		}
		return "", &exec.ExitError{}
	}
}

// failing is a runner whose every command fails with err.
func failing(err error) runner {
	return func(context.Context, string, ...string) (string, error) { return "", err }
}

// blocking is a runner that answers only when ctx ends, as a hung
// command would.
func blocking(ctx context.Context, _ string, _ ...string) (string, error) {
	<-ctx.Done()
	return "", ctx.Err()
}

func TestFyneScale(t *testing.T) {
	for v, want := range map[string]float32{
		"": 1, "2": 2, "1.5": 1.5, " 1.25\n": 1.25, "0": 1, "-2": 1, "NaN": 1,
		"Inf": 1, "11": 1, "abc": 1, "auto": 1,
	} {
		t.Run(fmt.Sprintf("%q", v), func(t *testing.T) {
			t.Setenv("FYNE_SCALE", v)
			if got := FyneScale(); got != want {
				t.Errorf("FyneScale() = %v, want %v", got, want)
			}
		})
	}
}

func TestPercent(t *testing.T) {
	for s, want := range map[string]int{
		"1.25": 125, "1.0\n": 100, "2": 200, "0.995": 100, "10": 1000, "10.01": 0,
		"0": 0, "-1.5": 0, "nan": 0, "inf": 0, "": 0, "1,25": 0, "'1.25'": 0,
	} {
		if got := percent(s); got != want {
			t.Errorf("percent(%q) = %d, want %d", s, got, want)
		}
	}
}

// TestExecRunStopsAtDeadline runs the test binary as a command that hangs
// and checks that the real runner gives up when ctx ends.
func TestExecRunStopsAtDeadline(t *testing.T) {
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	t.Setenv("SYSLOOK_HANG", "1")
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	done := make(chan error, 1)
	go func() {
		_, err := execRun(ctx, exe, "-test.run=^$")
		done <- err
	}()
	select {
	case err := <-done:
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("execRun error = %v, want context.DeadlineExceeded", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("execRun did not return after its deadline")
	}
}

// TestMain runs the tests, or, with SYSLOOK_HANG set, is the command
// that never ends for TestExecRunStopsAtDeadline.
func TestMain(m *testing.M) {
	if os.Getenv("SYSLOOK_HANG") != "" {
		time.Sleep(time.Hour)
	}
	os.Exit(m.Run())
}

func TestExecRunCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := execRun(ctx, "gsettings", "get", gnomeInterface, "color-scheme"); !errors.Is(err, context.Canceled) {
		t.Errorf("execRun error = %v, want context.Canceled", err)
	}
}

func FuzzPercent(f *testing.F) {
	for _, s := range []string{"1.25", "0", "-1", "NaN", "1e3", "0x1p-2", "10.004"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if p := percent(s); p < 0 || p > 1000 {
			t.Errorf("percent(%q) = %d, outside 0–1000", s, p)
		}
	})
}
