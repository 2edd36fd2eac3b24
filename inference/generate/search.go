package generate

import (
	"cmp"
	"context"
	"math"
	"slices"
	"sync"
)

// Stepper runs one decoder step for a batch of rows (beams). A model
// implements it over its decoder session, keeping whatever cache it likes
// between steps; Search drives it.
type Stepper interface {
	// Step returns the next-token logits of each row, given each row's
	// whole token sequence so far (the decoder start token first). A
	// Stepper with a key/value cache feeds only each row's last token.
	Step(ctx context.Context, seqs [][]int64) ([][]float32, error)
	// Reorder keeps the cached state of rows src[0], src[1], … as the new
	// rows 0, 1, …; beam search calls it after choosing the next beams,
	// and after a first step run on one row, with src all zeros, to copy
	// that row for every beam.
	Reorder(src []int)
}

// Sequence is one decoded token sequence.
type Sequence struct {
	// Tokens are the generated ids, without the start token and without
	// the end-of-sequence token.
	Tokens []int64
	// LogProbs holds the log-probability of each generated token, including
	// the end-of-sequence token when one was generated.
	LogProbs []float64
	// Finished reports that the end-of-sequence token was generated rather
	// than the length limit reached.
	Finished bool
	// Score is the beam-search ranking score (sum of LogProbs divided by
	// the length penalty term); for greedy search it is the sum.
	Score float64
}

// MeanLogProb returns the mean log-probability of the generated tokens, a
// confidence measure independent of length; 0 for an empty sequence.
func (s Sequence) MeanLogProb() float64 {
	if len(s.LogProbs) == 0 {
		return 0
	}
	var sum float64
	for _, lp := range s.LogProbs {
		sum += lp
	}
	return sum / float64(len(s.LogProbs))
}

// Search decodes one sequence from s with greedy search (cfg.NumBeams 1) or
// beam search, following transformers' generate. It checks ctx before each
// step.
func Search(ctx context.Context, s Stepper, cfg Config) (Sequence, error) {
	if cfg.NumBeams > 1 {
		return beamSearch(ctx, s, cfg)
	}
	return greedy(ctx, s, cfg)
}

// maxNewTokens is how many tokens may follow the start token.
func maxNewTokens(cfg Config) int { return max(cfg.MaxLength-1, 1) }

// argmax returns the first index of the largest value, as torch.argmax does.
func argmax(v []float64) int {
	best := 0
	for i := range v {
		if v[i] > v[best] {
			best = i
		}
	}
	return best
}

// greedy picks the most likely token at each step until EOS or the limit.
func greedy(ctx context.Context, s Stepper, cfg Config) (Sequence, error) {
	seq := []int64{cfg.DecoderStartTokenID}
	procs := cfg.processors()
	var out Sequence
	var buf []float64 // one step's scores, reused: a vocabulary of doubles each step is garbage
	for range maxNewTokens(cfg) {
		if err := ctx.Err(); err != nil {
			return out, err
		}
		logits, err := s.Step(ctx, [][]int64{seq})
		if err != nil {
			return out, err
		}
		if cap(buf) < len(logits[0]) {
			buf = make([]float64, len(logits[0]))
		}
		var lp []float64
		if cfg.IDsOnly {
			lp = processInto(buf, logits[0], seq, procs)
		} else {
			lp = logSoftmaxInto(buf, logits[0], seq, procs)
		}
		tok := int64(argmax(lp))
		if !cfg.IDsOnly {
			out.LogProbs = append(out.LogProbs, lp[tok])
			out.Score += lp[tok]
		}
		if cfg.IsEOS(tok) {
			out.Finished = true
			break
		}
		out.Tokens = append(out.Tokens, tok)
		seq = append(seq, tok)
	}
	return out, nil
}

// beam is one running hypothesis.
type beam struct {
	seq      []int64 // start token first
	logProbs []float64
	score    float64 // sum of logProbs
}

// hypotheses keeps the best finished beams, ranked as transformers'
// BeamHypotheses does.
type hypotheses struct {
	cfg  Config
	best []Sequence // sorted, best first, at most cfg.NumBeams
}

// lengthScore is sum / length^penalty.
func (h *hypotheses) lengthScore(sum float64, genLen int) float64 {
	return sum / math.Pow(float64(max(genLen, 1)), h.cfg.LengthPenalty)
}

// add keeps b if it ranks among the best. b.seq holds the start token and
// the generated tokens, without EOS; as in transformers, a finished beam's
// length counts its EOS token and an unfinished one's does not.
func (h *hypotheses) add(b beam, finished bool) {
	genLen := len(b.seq) - 1
	if finished {
		genLen++
	}
	s := Sequence{
		Tokens:   slices.Clone(b.seq[1:]),
		LogProbs: slices.Clone(b.logProbs),
		Finished: finished,
		Score:    h.lengthScore(b.score, genLen),
	}
	if len(h.best) == h.cfg.NumBeams && s.Score <= h.best[len(h.best)-1].Score {
		return
	}
	i, _ := slices.BinarySearchFunc(h.best, s, func(a, b Sequence) int { return cmp.Compare(b.Score, a.Score) })
	h.best = slices.Insert(h.best, i, s)
	if len(h.best) > h.cfg.NumBeams {
		h.best = h.best[:h.cfg.NumBeams]
	}
}

// done reports whether no running beam (best running sum bestSum, with
// genLen tokens generated) can still beat the worst kept hypothesis.
func (h *hypotheses) done(bestSum float64, genLen int) bool {
	if len(h.best) < h.cfg.NumBeams {
		return false
	}
	worst := h.best[len(h.best)-1].Score
	switch h.cfg.EarlyStopping {
	case "true":
		return true
	case "never":
		// The best attainable score: when the penalty favours length, at
		// the maximum length; otherwise now.
		n := genLen
		if h.cfg.LengthPenalty > 0 {
			n = maxNewTokens(h.cfg)
		}
		return worst >= h.lengthScore(bestSum, n)
	default:
		return worst >= h.lengthScore(bestSum, genLen)
	}
}

// candidate is one (beam, token) extension considered at a step.
type candidate struct {
	beam  int
	token int64
	lp    float64 // this token's log-probability
	sum   float64 // the beam's sum including this token
}

// beamSearch keeps cfg.NumBeams hypotheses, following transformers' beam
// search: the 2×beams best extensions are considered; an EOS among the
// first beams finishes a hypothesis; the others continue.
func beamSearch(ctx context.Context, s Stepper, cfg Config) (Sequence, error) {
	k := cfg.NumBeams
	beams := make([]beam, k)
	for i := range beams {
		beams[i] = beam{seq: []int64{cfg.DecoderStartTokenID}}
		if i > 0 {
			// Only the first beam is live at the start, so the first step
			// does not pick the same token k times (-1e9, as transformers
			// does, so the other rows still yield candidates).
			beams[i].score = -1e9
		}
	}
	hyps := &hypotheses{cfg: cfg}
	for step := range maxNewTokens(cfg) {
		if err := ctx.Err(); err != nil {
			return Sequence{}, err
		}
		next, src, err := beamStep(ctx, s, beams, hyps, cfg, step == 0)
		if err != nil {
			return Sequence{}, err
		}
		if len(next) < k || hyps.done(next[0].score, step+1) {
			// Done: transformers' finalize adds no running beams then.
			beams = nil
			if len(next) < k {
				beams = next
			}
			break
		}
		s.Reorder(src)
		beams = next
	}
	// At the length limit the running beams compete, unfinished.
	for _, b := range beams {
		hyps.add(b, false)
	}
	if len(hyps.best) == 0 {
		return Sequence{}, nil
	}
	return hyps.best[0], nil
}

// beamStep runs one decoder step for every beam, files the beams that end
// among the first k candidates as finished hypotheses, and returns the k
// best continuing beams with the rows they came from.
func beamStep(ctx context.Context, s Stepper, beams []beam, hyps *hypotheses, cfg Config, first bool) ([]beam, []int, error) {
	k := cfg.NumBeams
	seqs := make([][]int64, len(beams))
	for i := range beams {
		seqs[i] = beams[i].seq
	}
	step := s.Step
	if first {
		step = func(ctx context.Context, seqs [][]int64) ([][]float32, error) { return firstStep(ctx, s, seqs) }
	}
	logits, err := step(ctx, seqs)
	if err != nil {
		return nil, nil, err
	}
	next := make([]beam, 0, k)
	src := make([]int, 0, k)
	for rank, c := range topCandidates(beams, logits, cfg, 2*k) {
		b := beams[c.beam]
		if cfg.IsEOS(c.token) {
			if rank < k {
				hyps.add(beam{seq: b.seq, logProbs: append(slices.Clone(b.logProbs), c.lp), score: c.sum}, true)
			}
			continue
		}
		next = append(next, beam{
			seq:      append(slices.Clone(b.seq), c.token),
			logProbs: append(slices.Clone(b.logProbs), c.lp),
			score:    c.sum,
		})
		src = append(src, c.beam)
		if len(next) == k {
			break
		}
	}
	return next, src, nil
}

// firstStep runs the first step, where every beam holds only the start
// token and the cache is empty: it runs one row and has s copy that row's
// cache for the others. That is a third of the first step's work at 3
// beams, and the first step is the costly one, where an encoder-decoder
// computes the cross-attention keys and values over the whole encoder
// output. transformers runs every row; the rows are the same either way.
func firstStep(ctx context.Context, s Stepper, seqs [][]int64) ([][]float32, error) {
	if len(seqs) < 2 || slices.ContainsFunc(seqs[1:], func(q []int64) bool { return !slices.Equal(q, seqs[0]) }) {
		return s.Step(ctx, seqs)
	}
	one, err := s.Step(ctx, seqs[:1])
	if err != nil {
		return nil, err
	}
	s.Reorder(make([]int, len(seqs))) // row 0, len(seqs) times
	logits := make([][]float32, len(seqs))
	for i := range logits {
		logits[i] = one[0]
	}
	return logits, nil
}

// topCandidates returns the n best (beam, token) extensions by the beam's
// running sum plus the token's log-probability, best first; ties go to the
// lower beam and then the lower token id.
func topCandidates(beams []beam, logits [][]float32, cfg Config, n int) []candidate {
	procs := cfg.processors()
	var top []candidate
	worse := func(a, b candidate) int {
		if c := cmp.Compare(b.sum, a.sum); c != 0 {
			return c
		}
		if c := cmp.Compare(a.beam, b.beam); c != 0 {
			return c
		}
		return cmp.Compare(a.token, b.token)
	}
	// The rows' log-softmax runs in parallel: while it runs, ONNX Runtime's
	// threads are idle (at 3 beams it took about 50 ms of an 850 ms caption).
	lps := make([][]float64, len(beams))
	var wg sync.WaitGroup
	for bi, b := range beams {
		wg.Go(func() { lps[bi] = logSoftmax(logits[bi], b.seq, procs) })
	}
	wg.Wait()
	for bi, b := range beams {
		for tok, v := range lps[bi] {
			c := candidate{beam: bi, token: int64(tok), lp: v, sum: b.score + v}
			if len(top) == n && worse(c, top[n-1]) >= 0 {
				continue
			}
			i, _ := slices.BinarySearchFunc(top, c, worse)
			top = slices.Insert(top, i, c)
			if len(top) > n {
				top = top[:n]
			}
		}
	}
	return top
}
