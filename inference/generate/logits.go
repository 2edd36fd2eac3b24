package generate

import "math"

// LogitsProcessor changes the scores of one row before the next token is
// chosen, as transformers' logits processors do: seq is the row's tokens
// so far (the decoder start token first) and scores are its next-token
// logits as float64, changed in place. Setting a score to −Inf forbids
// that token. The scores are turned into log-probabilities after every
// processor has run.
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

// logSoftmax returns log(softmax(logits)) in float64, after procs have
// changed the scores of the row seq.
func logSoftmax(logits []float32, seq []int64, procs []LogitsProcessor) []float64 {
	out := make([]float64, len(logits))
	for i, v := range logits {
		out[i] = float64(v)
	}
	for _, p := range procs {
		p.Process(seq, out)
	}
	maxv := math.Inf(-1)
	for _, v := range out {
		maxv = max(maxv, v)
	}
	var sum float64
	for _, v := range out {
		sum += math.Exp(v - maxv)
	}
	lse := maxv + math.Log(sum)
	for i := range out {
		out[i] -= lse
	}
	return out
}
