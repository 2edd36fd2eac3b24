package captioneval

import "math"

// BLEU smoothing constants of pycocoevalcap's bleu_scorer.py: tiny keeps
// a zero count zero, small avoids dividing by zero.
const (
	bleuTiny  = 1e-15
	bleuSmall = 1e-9
)

// bleuCounts are the sums BLEU is computed from.
type bleuCounts struct {
	testLen, refLen float64
	guess, correct  [4]float64
}

// BLEU returns corpus-level BLEU-1 to BLEU-4 as pycocoevalcap's Bleu(4)
// computes them (bleu/bleu_scorer.py, option "closest"): clipped n-gram
// counts summed over all images, each image's reference length the one
// closest to its candidate's (the shorter on a tie), and the brevity
// penalty exp(1 − r/c) when the candidates are shorter in all.
func BLEU(c Corpus) [4]float64 {
	var t bleuCounts
	for i, cand := range c.Cands {
		t.add(cand, c.Refs[i])
	}
	var bleus [4]float64
	bleu := 1.0
	for k := range 4 {
		bleu *= (t.correct[k] + bleuTiny) / (t.guess[k] + bleuSmall)
		bleus[k] = math.Pow(bleu, 1/float64(k+1))
	}
	if ratio := (t.testLen + bleuTiny) / (t.refLen + bleuSmall); ratio < 1 {
		for k := range bleus {
			bleus[k] *= math.Exp(1 - 1/ratio)
		}
	}
	return bleus
}

// add counts one image: cook_refs and cook_test in bleu_scorer.py.
func (t *bleuCounts) add(cand []string, refs [][]string) {
	maxCounts := make(map[string]int)
	for _, ref := range refs {
		for g, n := range ngrams(ref, 4) {
			maxCounts[g] = max(maxCounts[g], n)
		}
	}
	t.testLen += float64(len(cand))
	t.refLen += float64(closestLen(len(cand), refs))
	for k := range 4 {
		t.guess[k] += float64(max(0, len(cand)-k))
	}
	for g, n := range ngrams(cand, 4) {
		t.correct[order(g)-1] += float64(min(maxCounts[g], n))
	}
}

// closestLen returns the reference length closest to n, the shorter of
// two equally close ones.
func closestLen(n int, refs [][]string) int {
	best := -1
	for _, r := range refs {
		l := len(r)
		d, bd := abs(l-n), abs(best-n)
		if best < 0 || d < bd || d == bd && l < best {
			best = l
		}
	}
	return best
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
