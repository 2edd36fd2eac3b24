package filter

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// table is one language's compiled list.
type table struct {
	words map[string]category // folded word → category
	masks [numCategories]string
}

// apply masks every listed word of text. It builds a new string only once
// it finds a word to mask.
func (t *table) apply(text string) (string, bool) {
	if t == nil {
		return text, false
	}
	var b strings.Builder
	copied, changed := 0, false
	for start, end := nextWord(text, 0); start < len(text); start, end = nextWord(text, end) {
		c := t.lookup(text[start:end])
		if c == none {
			continue
		}
		if !changed {
			b.Grow(len(text) + len(t.masks[c]))
			changed = true
		}
		b.WriteString(text[copied:start])
		b.WriteString(t.masks[c])
		copied = end
	}
	if !changed {
		return text, false
	}
	b.WriteString(text[copied:])
	return b.String(), true
}

// lookup returns the category of one whole word of text, none if it is not
// listed. The word is folded into a buffer on the stack: looking up a word
// allocates nothing unless it has combining accents to compose.
func (t *table) lookup(w string) category {
	if len(w) < minFormRunes || len(w) > 2*maxFormBytes {
		return none // too short or long to fold to a listed word
	}
	var buf [2 * maxFormBytes]byte
	k := appendFold(buf[:0], w)
	if len(k) > maxFormBytes {
		return none
	}
	return t.words[string(k)]
}

// fold returns the form a word is matched by: lower case, with ß as ss and
// combining accents composed (NFC), so "e\u0301" is "é".
func fold(w string) string { return string(appendFold(nil, w)) }

// appendFold appends fold(w) to dst.
func appendFold(dst []byte, w string) []byte {
	if isASCII(w) {
		for i := range len(w) {
			c := w[i]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			dst = append(dst, c)
		}
		return dst
	}
	if strings.IndexFunc(w, unicode.IsMark) >= 0 {
		w = norm.NFC.String(w)
	}
	for _, r := range w {
		if r = unicode.ToLower(r); r == 'ß' {
			dst = append(dst, "ss"...)
		} else {
			dst = utf8.AppendRune(dst, r)
		}
	}
	return dst
}

// isASCII reports whether s is all ASCII.
func isASCII(s string) bool {
	for i := range len(s) {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// nextWord returns the bounds of the first word of s at or after byte i,
// start == len(s) when there is none. A word is a longest run of letters,
// marks and digits, so "l'enculé", "fuck-off" and "nigger's" split at
// their apostrophe or hyphen.
func nextWord(s string, i int) (start, end int) {
	start = skip(s, i, false)
	return start, skip(s, start, true)
}

// skip returns the first byte at or after i whose rune is a word rune,
// or is not one when word is true; len(s) when there is none.
func skip(s string, i int, word bool) int {
	for i < len(s) {
		r, n := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(s[i:])
		}
		if isWordRune(r) != word {
			return i
		}
		i += n
	}
	return len(s)
}

// isWordRune reports whether r is part of a word: a letter, mark or digit.
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsDigit(r))
}
