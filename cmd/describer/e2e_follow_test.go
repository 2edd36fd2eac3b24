//go:build linux

package main

import (
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"
)

// traceEvent is one line of the app's trace.
type traceEvent struct {
	at   time.Time
	name string
}

// events returns the trace's events after t0, in order.
func (r *desktopRun) events(t0 time.Time) []traceEvent {
	data, _ := os.ReadFile(r.traceFile)
	var out []traceEvent
	for _, line := range strings.Split(string(data), "\n") {
		ns, name, ok := strings.Cut(line, " ")
		n, err := strconv.ParseInt(ns, 10, 64)
		if at := time.Unix(0, n); ok && err == nil && at.After(t0) {
			out = append(out, traceEvent{at, name})
		}
	}
	return out
}

// highlights returns the texts of the highlight events after t0, and
// checks each against the sentences heard: it is the sentence whose
// audio started last before it, or (the window's goroutine being a
// moment late) the one before that, and never a sentence not yet heard.
func (r *desktopRun) highlights(t0 time.Time) []string {
	r.t.Helper()
	var heard, lit []string
	for _, e := range r.events(t0) {
		if s, ok := strings.CutPrefix(e.name, "sentence "); ok {
			heard = append(heard, s)
		}
		if s, ok := strings.CutPrefix(e.name, "highlight "); ok {
			lit = append(lit, s)
			n := len(heard)
			if n == 0 || (heard[n-1] != s && (n < 2 || heard[n-2] != s)) {
				r.t.Errorf("highlighted %q while hearing %q", s, heard[max(n-2, 0):])
			}
		}
	}
	return lit
}

// spokenText is the text of a speak event, "ENGINE/VOICE TEXT", whose
// engine's name may hold spaces ("eSpeak NG/en").
func spokenText(event string) string {
	slash := strings.Index(event, "/")
	if slash < 0 {
		return event
	}
	_, text, _ := strings.Cut(event[slash:], " ")
	return text
}

// TestDesktopAppHighlightFollowsSpeech: while the description is spoken,
// the sentence being heard is highlighted in the result; Stop leaves the
// highlight there, and Ctrl+R in the window says the result from that
// sentence on, the highlight following again.
func TestDesktopAppHighlightFollowsSpeech(t *testing.T) {
	r := startDesktop(t, "")
	xdotool(t, "key", "Escape") // the start-up download question: not now
	pressed := time.Now()
	xdotool(t, "key", "ctrl+alt+d")
	waitUntil(t, 60*time.Second, "two sentences of the result highlighted", func() bool {
		return len(r.highlights(pressed)) >= 2
	})
	stopPressed := time.Now()
	xdotool(t, "key", "ctrl+alt+s")
	waitUntil(t, 10*time.Second, "the speech to be cut off", func() bool { return !r.after("speech-cut", stopPressed).IsZero() })
	waitUntil(t, 20*time.Second, `"Stopped." to be spoken`, func() bool { return !r.after("spoken", stopPressed).IsZero() })
	lit := r.highlights(pressed)
	at := lit[len(lit)-1]
	t.Logf("%d sentences highlighted before Stop, the last %q", len(lit), at)

	// Ctrl+R in the window: the ask hotkey gives it the keyboard.
	xdotool(t, "key", "ctrl+alt+a")
	waitUntil(t, 10*time.Second, "the keyboard focus in Describer's window", func() bool {
		out, err := exec.Command("xdotool", "getwindowfocus", "getwindowname").Output()
		return err == nil && strings.TrimSpace(string(out)) == "Describer"
	})
	resumed := time.Now()
	xdotool(t, "key", "ctrl+r")
	waitUntil(t, 20*time.Second, "Ctrl+R to resume at "+strconv.Quote(at), func() bool {
		for _, s := range r.spoken(resumed) {
			if strings.HasPrefix(spokenText(s), at) {
				return true
			}
		}
		return false
	})
	waitUntil(t, 20*time.Second, "the highlight to follow the resumed speech", func() bool {
		lit := r.highlights(resumed)
		return len(lit) > 0 && lit[0] == at
	})
	r.alive()
	r.quit()
}
