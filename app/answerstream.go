package app

import (
	"context"
	"strings"
	"sync"
	"unicode"

	"github.com/describer/describer/speech"
)

// answerStream speaks an answer sentence by sentence while it is
// generated: each sentence as soon as it is complete, in order.
type answerStream struct {
	ctx     context.Context
	voice   Voice
	onStart func() // silences the tick and any message
	mu      sync.Mutex
	pending string   // text after the last whole sentence
	queue   []string // sentences not yet said
	started bool
	busy    bool
	wg      sync.WaitGroup
}

// add takes the next piece of the answer.
func (s *answerStream) add(piece string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	whole, rest := wholeSentences(s.pending + piece)
	for _, t := range whole {
		s.queue = append(s.queue, strings.TrimSpace(t))
	}
	s.pending = rest
	s.kick()
}

// finish says the rest and waits until all is said (or speech is cut).
// With nothing streamed it says whole, the whole answer.
func (s *answerStream) finish(whole string) {
	s.mu.Lock()
	if !s.started && len(s.queue) == 0 {
		s.pending = whole
	}
	if t := strings.TrimSpace(s.pending); t != "" {
		s.queue = append(s.queue, t)
	}
	s.pending = ""
	s.kick()
	s.mu.Unlock()
	s.wg.Wait()
}

// kick starts speaking when there is a sentence and nothing is being
// said; s.mu is held.
func (s *answerStream) kick() {
	if s.busy || len(s.queue) == 0 || s.ctx.Err() != nil {
		return
	}
	if !s.started && s.onStart != nil {
		s.onStart()
	}
	s.started, s.busy = true, true
	s.wg.Add(1)
	go s.speak()
}

// speak says the queued sentences until there are none, or speech is cut.
func (s *answerStream) speak() {
	defer s.wg.Done()
	for {
		s.mu.Lock()
		if len(s.queue) == 0 {
			s.busy = false
			s.mu.Unlock()
			return
		}
		text := s.queue[0]
		s.queue = s.queue[1:]
		s.mu.Unlock()
		if s.voice.Speak(s.ctx, text) != nil {
			s.mu.Lock()
			s.busy, s.queue = false, nil
			s.mu.Unlock()
			return
		}
	}
}

// wholeSentences cuts the sentences that speech.Split finds in text off
// its front, each with the spaces and line breaks that follow it in text;
// rest is the last, which may still grow, unless a line break ended it.
func wholeSentences(text string) (whole []string, rest string) {
	parts := speech.Split(text)
	if !endsLine(text) {
		parts = parts[:max(len(parts)-1, 0)]
	}
	for _, p := range parts {
		end := nextWord(text, afterWords(text, p))
		whole, text = append(whole, text[:end]), text[end:]
	}
	return whole, text
}

// afterWords returns where in text the non-space characters of part
// (which begins text, spaces aside) end.
func afterWords(text, part string) int {
	n := 0
	for _, r := range part {
		if !unicode.IsSpace(r) {
			n++
		}
	}
	for i, r := range text {
		if n == 0 {
			return i
		}
		if !unicode.IsSpace(r) {
			n--
		}
	}
	return len(text)
}

// endsLine reports whether the spaces at the end of text hold a line
// break.
func endsLine(text string) bool {
	return strings.ContainsAny(text[len(strings.TrimRightFunc(text, unicode.IsSpace)):], "\n\r")
}

// nextWord returns where the first non-space character of text at or
// after i is, or len(text).
func nextWord(text string, i int) int {
	if j := strings.IndexFunc(text[i:], func(r rune) bool { return !unicode.IsSpace(r) }); j >= 0 {
		return i + j
	}
	return len(text)
}

// answer runs a question job: the answer is spoken as it is generated,
// then shown and kept in the history with its image.
func (j *Jobs) answer(ctx context.Context, r Request) {
	stop := sync.OnceFunc(j.tick(ctx))
	defer stop()
	var stream *answerStream
	var onText func(string)
	if j.Voice != nil {
		stream = &answerStream{ctx: ctx, voice: j.Voice, onStart: func() { stop(); j.resultSpeech() }}
		onText = stream.add
	}
	d, img, err := j.Service.Ask(ctx, r.Question, onText)
	if ctx.Err() != nil {
		return
	}
	if err != nil {
		j.fail(r, err)
		return
	}
	e := NewEntry(j.now(), r, d, img)
	j.done(e)
	if stream != nil {
		stream.finish(e.Short)
	}
}
