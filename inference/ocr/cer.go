package ocr

// CER returns the character error rate of hypothesis against reference: the
// Levenshtein distance between them in runes (insertions, deletions and
// substitutions each cost 1) divided by the number of runes in reference.
// For an empty reference it is 0 when hypothesis is empty too and 1
// otherwise (any output where there is no text is wholly wrong). It can
// exceed 1 when the hypothesis is much longer than the reference.
func CER(reference, hypothesis string) float64 {
	r, h := []rune(reference), []rune(hypothesis)
	if len(r) == 0 {
		if len(h) == 0 {
			return 0
		}
		return 1
	}
	return float64(levenshtein(r, h)) / float64(len(r))
}

func levenshtein(a, b []rune) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
