package generate

import (
	"math"
	"slices"
)

// LogitsProcessor changes the scores of one row before the next token is
// chosen, as transformers' logits processors do: seq is the row's tokens
// so far (the decoder start token first) and scores are its next-token
// log-probabilities, changed in place. Setting a score to −Inf forbids
// that token; the others are not renormalised. Processors run after the
// log-softmax, as in transformers' beam search (its greedy search runs
// them on the raw logits, which picks the same token).
// Processors run concurrently, one row each, so they must keep no state
// of their own.
type LogitsProcessor interface {
	Process(seq []int64, scores []float64)
}

// LogitsProcessorFunc is a LogitsProcessor written as a function.
type LogitsProcessorFunc func(seq []int64, scores []float64)

// Process calls f(seq, scores).
func (f LogitsProcessorFunc) Process(seq []int64, scores []float64) { f(seq, scores) }

// MinLength returns the processor that forbids every end-of-sequence id of
// cfg while a row, its start token included, is shorter than n tokens.
func MinLength(n int, cfg Config) LogitsProcessor {
	return LogitsProcessorFunc(func(seq []int64, scores []float64) {
		if len(seq) >= n {
			return
		}
		for i := range scores {
			if cfg.IsEOS(int64(i)) {
				scores[i] = math.Inf(-1)
			}
		}
	})
}

// processors returns the processors cfg's fields imply, then its own.
func (g Config) processors() []LogitsProcessor {
	var ps []LogitsProcessor
	if g.MinLength > 0 {
		ps = append(ps, MinLength(g.MinLength, g))
	}
	return append(ps, g.Processors...)
}

// logSoftmax returns log(softmax(logits)) in float64, then changed by
// procs for the row seq.
func logSoftmax(logits []float32, seq []int64, procs []LogitsProcessor) []float64 {
	return logSoftmaxInto(make([]float64, len(logits)), logits, seq, procs)
}

// logSoftmaxInto is logSoftmax written into out, len(logits) long.
func logSoftmaxInto(out []float64, logits []float32, seq []int64, procs []LogitsProcessor) []float64 {
	out = out[:len(logits)]
	for i, v := range logits {
		out[i] = float64(v)
	}
	normalize(out)
	return process(out, seq, procs)
}

// processInto is logSoftmaxInto without the log-softmax: the logits as
// the processors leave them.
func processInto(out []float64, logits []float32, seq []int64, procs []LogitsProcessor) []float64 {
	out = out[:len(logits)]
	for i, v := range logits {
		out[i] = float64(v)
	}
	return process(out, seq, procs)
}

// process runs procs on the row seq's scores.
func process(scores []float64, seq []int64, procs []LogitsProcessor) []float64 {
	for _, p := range procs {
		p.Process(seq, scores)
	}
	return scores
}

// normalize subtracts log(sum(exp(scores))) from every score, making them
// log-probabilities; scores all −∞ are left alone.
func normalize(scores []float64) {
	maxv := math.Inf(-1)
	for _, v := range scores {
		maxv = max(maxv, v)
	}
	if math.IsInf(maxv, -1) {
		return
	}
	var sum float64
	for _, v := range scores {
		sum += math.Exp(v - maxv)
	}
	lse := maxv + math.Log(sum)
	for i := range scores {
		scores[i] -= lse
	}
}

// NoRepeatNGram returns the processor that forbids every token that would
// repeat an n-gram the row already holds (its start token included), as
// transformers' NoRepeatNGramLogitsProcessor does.
func NoRepeatNGram(n int) LogitsProcessor {
	return LogitsProcessorFunc(func(seq []int64, scores []float64) {
		if n <= 0 || len(seq) < n {
			return
		}
		prefix := seq[len(seq)-n+1:]
		for i := 0; i+n <= len(seq); i++ {
			if slices.Equal(seq[i:i+n-1], prefix) {
				if t := seq[i+n-1]; t >= 0 && int(t) < len(scores) {
					scores[t] = math.Inf(-1)
				}
			}
		}
	})
}

// ForcedToken returns the processor that leaves only token id possible
// (log-probability 0) when the row, its start token included, holds
// length tokens: transformers' forced BOS (length 1) and forced EOS
// (max_length − 1).
func ForcedToken(id int64, length int) LogitsProcessor {
	return LogitsProcessorFunc(func(seq []int64, scores []float64) {
		if len(seq) != length || id < 0 || int(id) >= len(scores) {
			return
		}
		for i := range scores {
			scores[i] = math.Inf(-1)
		}
		scores[id] = 0
	})
}

// Renormalize returns the processor that makes the scores
// log-probabilities again after the processors before it took tokens out
// (transformers' LogitNormalization, which renormalize_logits puts last):
// a beam's score then does not pay for the banned tokens' share.
func Renormalize() LogitsProcessor {
	return LogitsProcessorFunc(func(_ []int64, scores []float64) { normalize(scores) })
}
