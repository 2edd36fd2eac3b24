package speech

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"strings"
	"sync"
	"time"
	"unicode"
)

// ErrInterrupted is what Speak returns when Stop is called or a newer
// Speak takes over. It wraps context.Canceled, so callers that already
// treat cancellation as "not an error" need nothing more.
var ErrInterrupted = fmt.Errorf("speech was interrupted: %w", context.Canceled)

// DefaultPause is the silence put between sentences.
const DefaultPause = 200 * time.Millisecond

// errClosed is returned by a closed Speaker.
var errClosed = errors.New("speech: the speaker is closed")

// Speaker is an Engine made of a Synthesizer and a Player. It speaks text
// one sentence at a time, synthesising sentence n+1 while sentence n
// plays, so the first words are heard after one sentence's synthesis
// whatever the length of the text, and memory stays bounded (at most three
// sentences of audio are held). Set the exported fields before the first
// call to Speak; the methods are safe for concurrent use.
type Speaker struct {
	// Pause is the silence between sentences: 0 means DefaultPause, a
	// negative value none.
	Pause time.Duration
	// OnFirstAudio, when set, is called once per Speak as the first
	// sentence's audio is handed to the player, with the time since Speak
	// was called: the latency a listener waits for.
	OnFirstAudio func(time.Duration)
	// OnSentence, when set, is called with each sentence (a part of the
	// text as Split cut it) as its audio is handed to the player, so a
	// window can show the sentence being heard.
	OnSentence func(sentence string)

	synth  Synthesizer
	player Player
	gain   float64

	synthMu sync.Mutex // the Synthesizer is used by one goroutine at a time

	mu     sync.Mutex
	cancel context.CancelCauseFunc // of the utterance in progress
	done   chan struct{}           // closed when it has finished
	closed bool
}

var _ Engine = (*Speaker)(nil)

// NewSpeaker returns a Speaker that speaks with s through p. It uses
// opt.Volume; opt.Rate and opt.Voice belong to the synthesizer, which the
// caller builds with the same Options. The Speaker owns s and p: Close
// closes them. p may be nil for a Speaker used only to Synthesize.
func NewSpeaker(s Synthesizer, p Player, opt Options) *Speaker {
	gain := opt.Volume
	if gain == 0 {
		gain = 1
	}
	return &Speaker{synth: s, player: p, gain: gain}
}

// Name is the synthesizer's name when it has a Name method, else "speech".
func (s *Speaker) Name() string {
	if n, ok := s.synth.(interface{ Name() string }); ok {
		return n.Name()
	}
	return "speech"
}

// Voice is the synthesizer's voice when it has a Voice method ("de" for
// eSpeak NG's German), else "".
func (s *Speaker) Voice() string {
	if v, ok := s.synth.(interface{ Voice() string }); ok {
		return v.Voice()
	}
	return ""
}

// Speak says text, interrupting anything still being said, and returns
// when all of it has been played. It returns ErrNothingToSay when text has
// nothing speakable, ErrInterrupted when Stop or a newer Speak cut it off,
// and the cause of ctx when ctx is done.
func (s *Speaker) Speak(ctx context.Context, text string) error {
	if s.player == nil {
		return ErrNoAudioDevice
	}
	start := time.Now()
	ctx, finish, err := s.begin(ctx)
	if err != nil {
		return err
	}
	defer finish()
	if !Speakable(text) {
		return ErrNothingToSay
	}
	played, err := s.stream(ctx, text, start)
	switch {
	case ctx.Err() != nil:
		return context.Cause(ctx)
	case err != nil:
		return err
	case !played:
		return ErrNothingToSay
	}
	return nil
}

// begin interrupts the utterance in progress, waits for it to let go of
// the synthesizer and player, and makes the new one current.
func (s *Speaker) begin(parent context.Context) (context.Context, func(), error) {
	ctx, cancel := context.WithCancelCause(parent)
	done := make(chan struct{})
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		cancel(nil)
		return nil, nil, errClosed
	}
	prevCancel, prevDone := s.cancel, s.done
	s.cancel, s.done = cancel, done
	s.mu.Unlock()
	if prevCancel != nil {
		prevCancel(ErrInterrupted)
		<-prevDone
	}
	finish := func() {
		s.mu.Lock()
		if s.done == done {
			s.cancel, s.done = nil, nil
		}
		s.mu.Unlock()
		cancel(nil)
		close(done)
	}
	return ctx, finish, nil
}

// rendered is one sentence's audio, ready for the player, or an error.
type rendered struct {
	samples []int16
	err     error
	text    string // the sentence
}

// stream synthesises the sentences of text in a goroutine and plays them
// as they come. The channel holds one sentence, so the producer runs at
// most one sentence ahead of the one playing. It reports whether anything
// was played.
func (s *Speaker) stream(ctx context.Context, text string, start time.Time) (bool, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	rate := s.player.SampleRate()
	ch := make(chan rendered, 1)
	go s.produce(ctx, text, rate, ch)
	played := false
	var err error
	for r := range ch { // drains the channel, so the producer has ended on return
		switch {
		case err != nil:
			continue
		case r.err != nil:
			err = r.err
			cancel()
			continue
		}
		if !played && s.OnFirstAudio != nil {
			s.OnFirstAudio(time.Since(start))
		}
		played = true
		if s.OnSentence != nil && ctx.Err() == nil {
			s.OnSentence(r.text)
		}
		if perr := s.player.Play(ctx, r.samples); perr != nil {
			err = fmt.Errorf("speech: play: %w", perr)
			cancel()
		}
	}
	return played, err
}

func (s *Speaker) produce(ctx context.Context, text string, rate int, ch chan<- rendered) {
	defer close(ch)
	for p, more := range sentences(text) {
		samples, err := s.render(ctx, p, rate, more)
		if err == nil && len(samples) == 0 {
			continue
		}
		select {
		case ch <- rendered{samples, err, p}:
		case <-ctx.Done():
			return
		}
		if err != nil {
			return
		}
	}
}

// render synthesises one sentence and makes it ready to play at rate:
// resampled, at the chosen volume, followed by the pause when more is to
// come. Empty audio stays empty.
func (s *Speaker) render(ctx context.Context, text string, rate int, pause bool) ([]int16, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.synthMu.Lock()
	a, err := s.synth.Synthesize(ctx, text)
	from := s.synth.SampleRate()
	s.synthMu.Unlock()
	if err != nil {
		return nil, fmt.Errorf("speech: synthesize: %w", err)
	}
	if len(a.Samples) == 0 {
		return nil, nil
	}
	if a.SampleRate > 0 {
		from = a.SampleRate
	}
	samples := a.Samples
	if from != rate {
		samples = Resample(samples, from, rate)
	} else if s.gain < 1 {
		samples = append([]int16(nil), samples...) // leave the synthesizer's slice alone
	}
	ApplyVolume(samples, s.gain)
	if pause {
		samples = append(samples[:len(samples):len(samples)], make([]int16, s.pauseSamples(rate))...)
	}
	return samples, nil
}

func (s *Speaker) pauseSamples(rate int) int {
	d := s.Pause
	switch {
	case d == 0:
		d = DefaultPause
	case d < 0:
		return 0
	}
	return int(d.Seconds()*float64(rate) + 0.5)
}

// Synthesize returns the audio for all of text, as Speak would play it
// (sentences joined by the pause, at the chosen volume) but at the
// synthesizer's sample rate. It returns ErrNothingToSay when text has
// nothing speakable. Long text is better written with SynthesizeEach.
func (s *Speaker) Synthesize(ctx context.Context, text string) (Audio, error) {
	var out []int16
	rate, err := s.SynthesizeEach(ctx, text, func(samples []int16) error {
		out = append(out, samples...)
		return nil
	})
	if err != nil {
		return Audio{}, err
	}
	return Audio{SampleRate: rate, Samples: out}, nil
}

// SynthesizeEach is Synthesize a sentence at a time: it hands each
// sentence's audio (pause included) to fn as soon as it is made, so memory
// stays bounded however long the text is — what `describer speak --out`
// writes. It returns the sample rate of the audio.
func (s *Speaker) SynthesizeEach(ctx context.Context, text string, fn func(samples []int16) error) (int, error) {
	if !Speakable(text) {
		return 0, ErrNothingToSay
	}
	s.mu.Lock()
	closed := s.closed
	s.mu.Unlock()
	if closed {
		return 0, errClosed
	}
	s.synthMu.Lock()
	rate := s.synth.SampleRate()
	s.synthMu.Unlock()
	spoke := false
	for p, more := range sentences(text) {
		samples, err := s.render(ctx, p, rate, more)
		if err != nil {
			return rate, err
		}
		if len(samples) == 0 {
			continue
		}
		spoke = true
		if err := fn(samples); err != nil {
			return rate, err
		}
	}
	if !spoke {
		return rate, ErrNothingToSay
	}
	return rate, nil
}

// Stop silences the speaker: the utterance in progress is cancelled, its
// Play returns within 50 ms, and its Speak returns ErrInterrupted. Stop
// does not wait; it always returns nil.
func (s *Speaker) Stop() error {
	s.mu.Lock()
	cancel := s.cancel
	s.mu.Unlock()
	if cancel != nil {
		cancel(ErrInterrupted)
	}
	return nil
}

// Close stops speech, waits for it to end, and closes the synthesizer and
// the player. Later calls to Speak fail.
func (s *Speaker) Close() error {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return nil
	}
	s.closed = true
	cancel, done := s.cancel, s.done
	s.mu.Unlock()
	if cancel != nil {
		cancel(ErrInterrupted)
		<-done
	}
	errs := []error{s.synth.Close()}
	if s.player != nil {
		errs = append(errs, s.player.Close())
	}
	return errors.Join(errs...)
}

// chunkSize is how much text is split into sentences at a time, so that
// the first sentence of a long text is spoken without waiting for the rest
// to be split.
const chunkSize = 4 << 10

// sentences yields the speakable sentences of text, and whether more
// follow, splitting it a chunk at a time.
func sentences(text string) iter.Seq2[string, bool] {
	return func(yield func(string, bool) bool) {
		pending := ""
		for len(text) > 0 {
			var chunk string
			chunk, text = nextChunk(text)
			for _, p := range Split(chunk) {
				if !Speakable(p) {
					continue
				}
				if pending != "" && !yield(pending, true) {
					return
				}
				pending = p
			}
		}
		if pending != "" {
			yield(pending, false)
		}
	}
}

// nextChunk cuts about chunkSize bytes off the front of text: at the last
// line break within them, else at the first space after them.
func nextChunk(text string) (chunk, rest string) {
	if len(text) <= chunkSize {
		return text, ""
	}
	if i := strings.LastIndexAny(text[:chunkSize], "\n\r"); i > 0 {
		return text[:i+1], text[i+1:]
	}
	if i := strings.IndexFunc(text[chunkSize:], unicode.IsSpace); i >= 0 {
		return text[:chunkSize+i], text[chunkSize+i:]
	}
	return text, ""
}
