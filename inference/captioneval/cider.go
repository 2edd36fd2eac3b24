package captioneval

import "math"

// CIDEr-D's settings in pycocoevalcap's cider_scorer.py.
const (
	ciderN     = 4   // 1- to 4-grams
	ciderSigma = 6.0 // the Gaussian length penalty's standard deviation
)

// CIDErD returns CIDEr-D as pycocoevalcap's Cider computes it
// (cider/cider_scorer.py): TF-IDF vectors of 1- to 4-grams whose document
// frequencies come from the references (an image counts once per n-gram)
// and whose log corpus size is log(number of images); for each reference
// the cosine similarity of each n-gram order, with the candidate's
// weights clipped to the reference's, times the Gaussian penalty
// exp(−δ²/2σ²) on the length difference δ (which cider_scorer.py counts
// in bigrams); averaged over orders and references, times 10, and
// averaged over images.
func CIDErD(c Corpus) float64 {
	if len(c.Cands) == 0 {
		return 0
	}
	df := make(map[string]float64)
	for _, refs := range c.Refs {
		seen := make(map[string]bool)
		for _, ref := range refs {
			for g := range ngrams(ref, ciderN) {
				seen[g] = true
			}
		}
		for g := range seen {
			df[g]++
		}
	}
	logN := math.Log(float64(len(c.Refs)))
	sum := 0.0
	for i, cand := range c.Cands {
		sum += ciderImage(tfidf(cand, df, logN), c.Refs[i], df, logN)
	}
	return sum / float64(len(c.Cands))
}

// ciderVec is counts2vec's result: TF-IDF weights, their norm for each
// n-gram order, and the length cider_scorer.py uses (the bigram count).
type ciderVec struct {
	w      [ciderN]map[string]float64
	norm   [ciderN]float64
	length int
}

// tfidf is counts2vec in cider_scorer.py.
func tfidf(words []string, df map[string]float64, logN float64) ciderVec {
	var v ciderVec
	for n := range v.w {
		v.w[n] = make(map[string]float64)
	}
	for g, tf := range ngrams(words, ciderN) {
		n := order(g) - 1
		w := float64(tf) * (logN - math.Log(max(1, df[g])))
		v.w[n][g] = w
		v.norm[n] += w * w
		if n == 1 {
			v.length += tf
		}
	}
	for n := range v.norm {
		v.norm[n] = math.Sqrt(v.norm[n])
	}
	return v
}

// ciderImage is one image's score: 10 × the mean over references and
// n-gram orders of sim in cider_scorer.py.
func ciderImage(cand ciderVec, refs [][]string, df map[string]float64, logN float64) float64 {
	var score [ciderN]float64
	for _, ref := range refs {
		r := tfidf(ref, df, logN)
		delta := float64(cand.length - r.length)
		penalty := math.Exp(-(delta * delta) / (2 * ciderSigma * ciderSigma))
		for n := range score {
			val := 0.0
			for g, w := range cand.w[n] {
				val += min(w, r.w[n][g]) * r.w[n][g]
			}
			if cand.norm[n] != 0 && r.norm[n] != 0 {
				val /= cand.norm[n] * r.norm[n]
			}
			score[n] += val * penalty
		}
	}
	mean := 0.0
	for _, s := range score {
		mean += s
	}
	return mean / ciderN / float64(len(refs)) * 10
}
