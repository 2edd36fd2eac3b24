package captioneval

// rougeBeta is rouge.py's β: recall weighs β² as much as precision.
const rougeBeta = 1.2

// ROUGEL returns ROUGE-L as pycocoevalcap's Rouge computes it
// (rouge/rouge.py): for each image the longest common subsequence with
// each reference gives a precision and a recall; the largest precision
// and the largest recall, which may come from different references, make
// an F-measure with β = 1.2; the score is the mean over images.
func ROUGEL(c Corpus) float64 {
	if len(c.Cands) == 0 {
		return 0
	}
	sum := 0.0
	for i, cand := range c.Cands {
		sum += rougeL(spaceSplit(cand), c.Refs[i])
	}
	return sum / float64(len(c.Cands))
}

// rougeL is calc_score in rouge.py for one image.
func rougeL(cand []string, refs [][]string) float64 {
	pMax, rMax := 0.0, 0.0
	for _, ref := range refs {
		ref = spaceSplit(ref)
		l := float64(lcs(ref, cand))
		pMax = max(pMax, l/float64(len(cand)))
		rMax = max(rMax, l/float64(len(ref)))
	}
	if pMax == 0 || rMax == 0 {
		return 0
	}
	b2 := rougeBeta * rougeBeta
	return (1 + b2) * pMax * rMax / (rMax + b2*pMax)
}

// spaceSplit gives the tokens as rouge.py's caption.split(" ") does: an
// empty caption is one empty token.
func spaceSplit(toks []string) []string {
	if len(toks) == 0 {
		return []string{""}
	}
	return toks
}

// lcs returns the length of the longest common subsequence of a and b.
func lcs(a, b []string) int {
	prev, cur := make([]int, len(b)+1), make([]int, len(b)+1)
	for i := range a {
		for j := range b {
			if a[i] == b[j] {
				cur[j+1] = prev[j] + 1
			} else {
				cur[j+1] = max(prev[j+1], cur[j])
			}
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
