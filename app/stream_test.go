package app_test

import (
	"context"
	"fmt"
	"image"
	"strings"
	"testing"
	"time"

	"github.com/describer/describer/app"
	"github.com/describer/describer/inference/ocr"
)

// slowScreen reads three lines, waits until they have been spoken, then
// reads two more: a screen whose first block is spoken while the rest is
// read.
type slowScreen struct {
	voice  interface{ Said() []string }
	waited bool
}

func (s *slowScreen) Read(ctx context.Context, img image.Image) (ocr.Result, error) {
	return s.ReadEach(ctx, img, func([]ocr.Line) error { return nil })
}

func (s *slowScreen) ReadEach(ctx context.Context, _ image.Image, fn func([]ocr.Line) error) (ocr.Result, error) {
	line := func(text string, row, block int) ocr.Line {
		y := float64(20 + 30*row)
		return ocr.Line{Text: text, Quad: ocr.Quad{{X: 10, Y: y}, {X: 200, Y: y}, {X: 200, Y: y + 14}, {X: 10, Y: y + 14}},
			Confidence: 0.9, Block: block}
	}
	first := []ocr.Line{line("Inbox", 0, 0), line("Drafts", 1, 0), line("Sent", 2, 0)}
	rest := []ocr.Line{line("Quarterly budget", 5, 1), line("Team lunch", 6, 1)}
	if err := fn(first); err != nil {
		return ocr.Result{}, err
	}
	for deadline := time.Now().Add(10 * time.Second); len(s.voice.Said()) == 0; time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			return ocr.Result{}, fmt.Errorf("the first block was never spoken")
		}
	}
	s.waited = true
	if err := fn(rest); err != nil {
		return ocr.Result{}, err
	}
	return ocr.Result{Lines: append(first, rest...)}, nil
}

// TestScreenTextIsSpokenWhileRead: the first block is said before the
// rest of the screen is read, and everything said adds up to the result.
func TestScreenTextIsSpokenWhileRead(t *testing.T) {
	r := newRig(t)
	reader := &slowScreen{voice: r.voice}
	r.jobs.Service = &app.Service{Reader: &app.Model[app.TextReader]{Open: func() (app.TextReader, error) { return reader, nil }}}
	r.jobs.Describe(app.Request{Source: app.SourceScreen})
	r.jobs.Wait()
	_, done, failed, _ := r.events.Record()
	if len(done) != 1 || len(failed) != 0 || !reader.waited {
		t.Fatalf("done %v, failed %v, waited %v", done, failed, reader.waited)
	}
	said := r.voice.Said()
	if said[0] != "Text on screen:\nInbox\nDrafts\nSent" {
		t.Errorf("first said %q; want the first block", said[0])
	}
	if got := strings.Join(said, "\n"); got != done[0].Short {
		t.Errorf("said in all %q, want the result %q", got, done[0].Short)
	}
}
