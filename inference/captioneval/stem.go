package captioneval

import "strings"

// Stem returns the Snowball English ("Porter2") stem of a lower-case
// word, the stemmer METEOR's English stem module uses: "running" →
// "run", "generalizations" → "general".
func Stem(word string) string {
	if s, ok := stemExceptions[word]; ok {
		return s
	}
	w := []rune(word)
	if len(w) <= 2 {
		return word
	}
	st := stemmer{w: preludeY(w)}
	st.markRegions()
	st.step1a()
	if !stemInvariant[string(st.w)] {
		st.step1b()
		st.step1c()
		st.step2()
		st.step3()
		st.step4()
		st.step5()
	}
	return strings.ReplaceAll(string(st.w), "Y", "y")
}

// stemExceptions are Porter2's special forms (exception1).
var stemExceptions = map[string]string{
	"skis": "ski", "skies": "sky", "dying": "die", "lying": "lie", "tying": "tie",
	"idly": "idl", "gently": "gentl", "ugly": "ugli", "early": "earli", "only": "onli", "singly": "singl",
	"sky": "sky", "news": "news", "howe": "howe", "atlas": "atlas", "cosmos": "cosmos", "bias": "bias", "andes": "andes",
}

// stemInvariant are the words left alone after step 1a (exception2).
var stemInvariant = map[string]bool{"inning": true, "outing": true, "canning": true, "herring": true,
	"earring": true, "proceed": true, "exceed": true, "succeed": true}

// stemmer holds a word being stemmed and its regions R1 and R2, as the
// indexes where they start.
type stemmer struct {
	w      []rune
	p1, p2 int
}

func isVowel(r rune) bool { return strings.ContainsRune("aeiouy", r) }

// preludeY drops a leading apostrophe and writes a y that acts as a
// consonant (first, or after a vowel) as Y.
func preludeY(w []rune) []rune {
	if w[0] == '\'' {
		w = w[1:]
	}
	for i, r := range w {
		if r == 'y' && (i == 0 || isVowel(w[i-1])) {
			w[i] = 'Y'
		}
	}
	return w
}

// markRegions sets R1 (after the first non-vowel that follows a vowel)
// and R2 (the same again, within R1).
func (s *stemmer) markRegions() {
	s.p1 = len(s.w)
	for _, p := range []string{"gener", "commun", "arsen"} {
		if strings.HasPrefix(string(s.w), p) {
			s.p1 = len([]rune(p))
		}
	}
	if s.p1 == len(s.w) {
		s.p1 = s.afterVC(0)
	}
	s.p2 = s.afterVC(s.p1)
}

// afterVC returns the index after the first vowel-then-non-vowel at or
// after i, or the word's length.
func (s *stemmer) afterVC(i int) int {
	for ; i+1 < len(s.w); i++ {
		if isVowel(s.w[i]) && !isVowel(s.w[i+1]) {
			return i + 2
		}
	}
	return len(s.w)
}

// ends reports whether the word ends in suffix.
func (s *stemmer) ends(suffix string) bool { return strings.HasSuffix(string(s.w), suffix) }

// cut drops the last n letters and appends repl.
func (s *stemmer) cut(n int, repl string) { s.w = append(s.w[:len(s.w)-n], []rune(repl)...) }

// longest returns the longest of suffixes the word ends in, or "".
func (s *stemmer) longest(suffixes []string) string {
	best := ""
	for _, x := range suffixes {
		if len(x) > len(best) && s.ends(x) {
			best = x
		}
	}
	return best
}

// hasVowel reports whether w[:end] holds a vowel.
func (s *stemmer) hasVowel(end int) bool {
	for _, r := range s.w[:end] {
		if isVowel(r) {
			return true
		}
	}
	return false
}

// shortSyllable reports whether the word up to end ends in a short
// syllable: non-vowel, vowel, non-vowel other than w, x and Y; or a
// vowel at the start followed by a non-vowel.
func (s *stemmer) shortSyllable(end int) bool {
	w := s.w[:end]
	n := len(w)
	switch {
	case n >= 3:
		return !isVowel(w[n-3]) && isVowel(w[n-2]) && !isVowel(w[n-1]) && !strings.ContainsRune("wxY", w[n-1])
	case n == 2:
		return isVowel(w[0]) && !isVowel(w[1])
	}
	return false
}

func (s *stemmer) step1a() {
	if x := s.longest([]string{"'", "'s", "'s'"}); x != "" {
		s.cut(len(x), "")
	}
	switch x := s.longest([]string{"sses", "ied", "ies", "s", "us", "ss"}); x {
	case "sses":
		s.cut(4, "ss")
	case "ied", "ies":
		if len(s.w) > 4 {
			s.cut(3, "i")
		} else {
			s.cut(3, "ie")
		}
	case "s":
		if s.hasVowel(len(s.w) - 2) {
			s.cut(1, "")
		}
	}
}

func (s *stemmer) step1b() {
	x := s.longest([]string{"eed", "eedly", "ed", "edly", "ing", "ingly"})
	stem := len(s.w) - len([]rune(x))
	switch x {
	case "":
		return
	case "eed", "eedly":
		if stem >= s.p1 {
			s.cut(len(x), "ee")
		}
		return
	}
	if !s.hasVowel(stem) {
		return
	}
	s.cut(len(x), "")
	n := len(s.w)
	switch {
	case s.ends("at") || s.ends("bl") || s.ends("iz"):
		s.cut(0, "e")
	case n >= 2 && s.w[n-1] == s.w[n-2] && strings.ContainsRune("bdfgmnprt", s.w[n-1]):
		s.cut(1, "")
	case s.p1 == n && s.shortSyllable(n):
		s.cut(0, "e")
	}
}

func (s *stemmer) step1c() {
	n := len(s.w)
	if n > 2 && (s.w[n-1] == 'y' || s.w[n-1] == 'Y') && !isVowel(s.w[n-2]) {
		s.w[n-1] = 'i'
	}
}

// step2Suffixes maps step 2's suffixes to their replacements; "ogi" and
// "li" have conditions of their own.
var step2Suffixes = map[string]string{
	"tional": "tion", "enci": "ence", "anci": "ance", "abli": "able", "entli": "ent",
	"izer": "ize", "ization": "ize", "ational": "ate", "ation": "ate", "ator": "ate",
	"alism": "al", "aliti": "al", "alli": "al", "fulness": "ful", "ousli": "ous", "ousness": "ous",
	"iveness": "ive", "iviti": "ive", "biliti": "ble", "bli": "ble", "ogi": "og",
	"fulli": "ful", "lessli": "less", "li": "",
}

func (s *stemmer) step2() {
	x := s.longest(step2Keys)
	stem := len(s.w) - len(x)
	if x == "" || stem < s.p1 {
		return
	}
	switch {
	case x == "ogi" && (stem == 0 || s.w[stem-1] != 'l'):
	case x == "li" && (stem == 0 || !strings.ContainsRune("cdeghkmnrt", s.w[stem-1])):
	default:
		s.cut(len(x), step2Suffixes[x])
	}
}

// step2Keys and step3Keys are the suffixes of steps 2 and 3.
var step2Keys, step3Keys = keys(step2Suffixes), keys(step3Suffixes)

// step3Suffixes maps step 3's suffixes to their replacements; "ative"
// goes only in R2.
var step3Suffixes = map[string]string{
	"tional": "tion", "ational": "ate", "alize": "al", "icate": "ic", "iciti": "ic", "ical": "ic",
	"ful": "", "ness": "", "ative": "",
}

func (s *stemmer) step3() {
	x := s.longest(step3Keys)
	stem := len(s.w) - len(x)
	if x == "" || stem < s.p1 || x == "ative" && stem < s.p2 {
		return
	}
	s.cut(len(x), step3Suffixes[x])
}

// step4Suffixes are deleted in R2; "ion" only after s or t.
var step4Suffixes = []string{"al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement",
	"ment", "ent", "ism", "ate", "iti", "ous", "ive", "ize", "ion"}

func (s *stemmer) step4() {
	x := s.longest(step4Suffixes)
	stem := len(s.w) - len(x)
	if x == "" || stem < s.p2 {
		return
	}
	if x != "ion" || stem > 0 && (s.w[stem-1] == 's' || s.w[stem-1] == 't') {
		s.cut(len(x), "")
	}
}

func (s *stemmer) step5() {
	n := len(s.w)
	switch {
	case s.ends("e") && (n-1 >= s.p2 || n-1 >= s.p1 && !s.shortSyllable(n-1)):
		s.cut(1, "")
	case s.ends("l") && n-1 >= s.p2 && n >= 2 && s.w[n-2] == 'l':
		s.cut(1, "")
	}
}

// keys returns m's keys.
func keys(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}
