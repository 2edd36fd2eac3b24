package syslook

import (
	"context"
	"math"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"
)

// Look is what the system asks of application windows.
type Look struct {
	// TextSize is the system's text scaling in percent (125 for GNOME's
	// text-scaling-factor 1.25), 0 when it cannot be read.
	TextSize int
	// HighContrast is true when the system's high-contrast mode is on.
	HighContrast bool
	// Dark is true when the system prefers dark colours; DarkKnown says
	// whether that could be read.
	Dark, DarkKnown bool
}

// budget bounds all of Read's commands together.
const budget = 2 * time.Second

// waitDelay is how long a command killed at the deadline may keep its
// output open before Read stops waiting for it.
const waitDelay = 100 * time.Millisecond

// FyneScale returns the scale in the FYNE_SCALE environment variable,
// which Fyne itself applies to every size: 1 when it is unset,
// unparseable, not positive or above 10.
func FyneScale() float32 {
	if f, ok := factor(os.Getenv("FYNE_SCALE")); ok {
		return float32(f)
	}
	return 1
}

// factor parses a scale factor such as "1.25"; ok is false for text that
// is not one and for nonsense (≤ 0, NaN, above 10).
func factor(s string) (float64, bool) {
	f, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	return f, err == nil && sensible(f*100)
}

// sensible reports whether p is a believable scale in percent; NaN is not.
func sensible(p float64) bool { return p > 0 && p <= 1000 }

// percent turns a scale factor such as "1.25" into percent (125), 0 when
// it is not one.
func percent(s string) int {
	f, ok := factor(s)
	if !ok {
		return 0
	}
	return int(math.Round(f * 100))
}

// withFyneScale fills in the text size from FYNE_SCALE when the desktop
// gave none; a desktop setting wins.
func withFyneScale(l Look, getenv func(string) string) Look {
	if l.TextSize == 0 {
		l.TextSize = percent(getenv("FYNE_SCALE"))
	}
	return l
}

// runner runs a command and returns its standard output. Its error is an
// *exec.ExitError when the command ran and failed, and ctx.Err() when ctx
// ended first.
type runner func(ctx context.Context, name string, args ...string) (string, error)

// execRun is the real runner: no shell, killed when ctx ends.
func execRun(ctx context.Context, name string, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.WaitDelay = waitDelay
	out, err := cmd.Output()
	if err != nil && ctx.Err() != nil {
		return "", ctx.Err()
	}
	return string(out), err
}
