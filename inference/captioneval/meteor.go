package captioneval

import "math"

// METEOR 1.5's parameters for English ("-l en", task "rank", the
// defaults pycocoevalcap runs with -norm): α weighs precision against
// recall, β and γ shape the fragmentation penalty, δ weighs content words
// against function words; the module weights are those of exact and stem
// matches.
const (
	meteorAlpha = 0.85
	meteorBeta  = 0.2
	meteorGamma = 0.6
	meteorDelta = 0.75
)

// meteorWeights are the weights of the match stages: exact, stem.
var meteorWeights = [2]float64{1.0, 0.6}

// meteorStats are METEOR's sufficient statistics for one candidate and
// one reference; summed over images they give the corpus score, as
// METEOR's EVAL does.
type meteorStats struct {
	testLen, refLen     float64
	testFunc, refFunc   float64    // function words
	testContentMatches  [2]float64 // matched content words, by stage
	testFuncMatches     [2]float64
	refContentMatches   [2]float64
	refFuncMatches      [2]float64
	testWords, refWords float64 // matched words
	chunks              float64
}

// METEOR returns an approximation of METEOR 1.5 (the Java jar
// pycocoevalcap runs): exact and Porter2-stem matches only (no synonyms,
// no paraphrases), a built-in list of English function words, and the
// alignment found by a beam search. Each image keeps the statistics of
// its best-scoring reference; the statistics are summed over images and
// scored once, as METEOR scores a corpus.
func METEOR(c Corpus) float64 {
	var total meteorStats
	for i, cand := range c.Cands {
		best, bestScore := meteorStats{}, -1.0
		for _, ref := range c.Refs[i] {
			st := meteorAlign(cand, ref)
			if s := st.score(); s > bestScore {
				best, bestScore = st, s
			}
		}
		total.add(best)
	}
	return total.score()
}

// add sums o into s.
func (s *meteorStats) add(o meteorStats) {
	s.testLen += o.testLen
	s.refLen += o.refLen
	s.testFunc += o.testFunc
	s.refFunc += o.refFunc
	for k := range s.testContentMatches {
		s.testContentMatches[k] += o.testContentMatches[k]
		s.testFuncMatches[k] += o.testFuncMatches[k]
		s.refContentMatches[k] += o.refContentMatches[k]
		s.refFuncMatches[k] += o.refFuncMatches[k]
	}
	s.testWords += o.testWords
	s.refWords += o.refWords
	s.chunks += o.chunks
}

// score is METEOR's: a weighted harmonic mean of precision and recall
// times one less the fragmentation penalty γ·(chunks/matches)^β, which is
// zero for a candidate identical to its reference.
func (s meteorStats) score() float64 {
	p := weighted(s.testContentMatches, s.testFuncMatches) / weightedLen(s.testLen, s.testFunc)
	r := weighted(s.refContentMatches, s.refFuncMatches) / weightedLen(s.refLen, s.refFunc)
	if !(p > 0 && r > 0) {
		return 0
	}
	fmean := p * r / (meteorAlpha*p + (1-meteorAlpha)*r)
	frag := 0.0
	if !(s.testWords == s.testLen && s.refWords == s.refLen && s.chunks == 1) {
		frag = s.chunks / ((s.testWords + s.refWords) / 2)
	}
	return fmean * (1 - meteorGamma*math.Pow(frag, meteorBeta))
}

// weighted is the stage-weighted count of matches, content words
// weighing δ and function words 1−δ.
func weighted(content, function [2]float64) float64 {
	w := 0.0
	for k, mw := range meteorWeights {
		w += mw * (meteorDelta*content[k] + (1-meteorDelta)*function[k])
	}
	return w
}

// weightedLen is a sentence's length weighed as weighted weighs matches.
func weightedLen(n, function float64) float64 {
	return meteorDelta*(n-function) + (1-meteorDelta)*function
}
