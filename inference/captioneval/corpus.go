package captioneval

import "strings"

// Corpus is a set of tokenised captions, image by image, as
// pycocoevalcap's scorers take them.
type Corpus struct {
	// Refs[i] are the tokens of image i's reference captions.
	Refs [][][]string
	// Cands[i] are the tokens of image i's candidate caption.
	Cands [][]string
}

// Tokenized tokenises images as COCOEvalCap does: the references of all
// the images in one PTBTokenizer run, the candidates in another.
func Tokenized(images []Image) Corpus {
	var refs, cands []string
	for _, im := range images {
		refs = append(refs, im.Refs...)
		cands = append(cands, im.Cand)
	}
	refToks, candToks := TokenizeAll(refs), TokenizeAll(cands)
	c := Corpus{Refs: make([][][]string, len(images)), Cands: candToks}
	for i, im := range images {
		c.Refs[i], refToks = refToks[:len(im.Refs)], refToks[len(im.Refs):]
	}
	return c
}

// ngrams counts the 1- to n-grams of words, keyed by the words joined
// with a space (a token never holds one).
func ngrams(words []string, n int) map[string]int {
	counts := make(map[string]int)
	for k := 1; k <= n; k++ {
		for i := 0; i+k <= len(words); i++ {
			counts[strings.Join(words[i:i+k], " ")]++
		}
	}
	return counts
}

// order returns the length in words of an n-gram key.
func order(ngram string) int { return strings.Count(ngram, " ") + 1 }
