package app

import (
	"context"
	"strings"
	"sync"

	"github.com/describer/describer/app/i18n"
	"github.com/describer/describer/inference/ocr"
)

// textStream speaks the text of a screen while the rest of it is still
// being read: once three lines are in (the image is then mostly text and
// no caption is spoken), their rows are said, and each time speech ends
// the rows read meanwhile follow, up to SpokenLines. finish says the rest
// of the result's short form.
type textStream struct {
	ctx      context.Context
	voice    Voice
	onStart  func() // silences the tick and any message
	mu       sync.Mutex
	lines    []ocr.Line
	spoken   int // rows said so far
	speaking bool
	wg       sync.WaitGroup
}

// minStreamLines is how many lines make an image mostly text (see
// Description.MostlyText), so that its text is said first.
const minStreamLines = 3

// add takes the lines of the next blocks and starts speaking when there is
// enough text and nothing is being said.
func (s *textStream) add(lines []ocr.Line) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.lines = append(s.lines, lines...)
	if s.speaking || len(s.lines) < minStreamLines || s.spoken >= SpokenLines {
		return
	}
	if s.spoken == 0 && s.onStart != nil {
		s.onStart()
	}
	s.speaking = true
	s.wg.Add(1)
	go s.speak()
}

// speak says the rows not yet said until there are none, or speech is cut.
func (s *textStream) speak() {
	defer s.wg.Done()
	for {
		text := s.next()
		if text == "" || s.voice.Speak(s.ctx, text) != nil {
			s.mu.Lock()
			s.speaking = false
			s.mu.Unlock()
			return
		}
	}
}

// next returns the rows to say next ("" for none) and counts them said.
func (s *textStream) next() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	rows := ocr.Result{Lines: s.lines}.Rows()
	rows = rows[min(s.spoken, len(rows)):min(len(rows), SpokenLines)]
	if len(rows) == 0 {
		return ""
	}
	text := strings.Join(rows, "\n")
	if s.spoken == 0 {
		text = i18n.T("text.heading") + "\n" + text
	}
	s.spoken += len(rows)
	return text
}

// finish waits for the rows being said and says what remains of short,
// the result's short form; with nothing streamed, all of it.
func (s *textStream) finish(short string) {
	s.wg.Wait()
	s.mu.Lock()
	spoken := s.spoken
	s.mu.Unlock()
	if s.ctx.Err() != nil {
		return
	}
	if spoken == 0 && s.onStart != nil {
		s.onStart()
	}
	if spoken > 0 {
		parts := strings.Split(short, "\n")
		short = strings.Join(parts[min(1+spoken, len(parts)):], "\n")
	}
	if short != "" {
		_ = s.voice.Speak(s.ctx, short)
	}
}
