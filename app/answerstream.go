package app

import (
	"context"
	"strings"
	"sync"
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
	s.pending += piece
	for {
		i := sentenceEnd(s.pending)
		if i < 0 {
			break
		}
		if t := strings.TrimSpace(s.pending[:i]); t != "" {
			s.queue = append(s.queue, t)
		}
		s.pending = s.pending[i:]
	}
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

// sentenceEnd returns where the first whole sentence of s ends (after its
// full stop, question or exclamation mark, before the space that follows;
// or at a line break), or -1.
func sentenceEnd(s string) int {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\n':
			return i + 1
		case '.', '!', '?':
			if i+1 < len(s) && (s[i+1] == ' ' || s[i+1] == '\n') {
				return i + 1
			}
		}
	}
	return -1
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
