package speech

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// ClauseLength is the length, in characters, past which Split also cuts a
// sentence at clause punctuation (, ; : —), so the first audio never waits
// for a huge sentence.
const ClauseLength = 300

// hardLength is the length past which Split cuts a sentence at any space,
// and a word with no space at all anywhere.
const hardLength = 600

// abbrevNoEnd are abbreviations (lower case, without their final period)
// that are not taken to end a sentence, whatever follows.
var abbrevNoEnd = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "sr": true,
	"st": true, "mt": true, "vs": true, "v": true, "e.g": true, "i.e": true,
	"cf": true, "fig": true, "figs": true, "approx": true, "gen": true,
	"col": true, "capt": true, "lt": true, "sgt": true, "rev": true,
	"hon": true, "gov": true, "sen": true, "rep": true, "messrs": true,
	"mme": true, "mlle": true, "ca": true, "viz": true, "al": true,
	"eq": true, "eqs": true, "vol": true, "ch": true, "sec": true, "pp": true,
	"z.b": true, "d.h": true, "bzw": true, "usw": true,
}

// abbrevBeforeNumber are abbreviations that do not end a sentence when a
// number follows ("No. 5", "p. 12").
var abbrevBeforeNumber = map[string]bool{
	"no": true, "nos": true, "nr": true, "p": true, "art": true, "op": true,
}

// Split cuts text into sentences, the unit a voice speaks at a time. A
// sentence ends at . ! ? … or ... (and any closing quotes or brackets after
// it) unless the next word starts with a small letter ("Hi!" she said), at
// a CJK full stop, and at every line break. Abbreviations (Mr., e.g.,
// U.S.), initials, numbers (3.5, 1,000.25, 1.2.3), URLs and e-mail
// addresses do not end sentences. Sentences longer than ClauseLength
// characters are also cut at clause punctuation, so speech can start
// early. Parts are trimmed, never empty, and parts with nothing speakable
// are joined to a neighbour.
func Split(text string) []string {
	var parts []string
	for len(text) > 0 {
		i := strings.IndexFunc(text, isLineBreak)
		line := text
		if i >= 0 {
			line = text[:i]
			_, n := utf8.DecodeRuneInString(text[i:])
			text = text[i+n:]
		} else {
			text = ""
		}
		parts = splitLine(line, parts)
	}
	return joinUnspeakable(parts)
}

// Speakable reports whether s has anything a voice would say: a letter or
// a number. Punctuation, spaces, symbols and emoji alone are not speakable.
func Speakable(s string) bool {
	return strings.IndexFunc(s, isWordRune) >= 0
}

func isWordRune(r rune) bool {
	return r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsNumber(r))
}

func isLineBreak(r rune) bool {
	switch r {
	case '\n', '\r', '\v', '\f', 0x85, 0x2028, 0x2029:
		return true
	}
	return false
}

// token is a run of non-space text, as byte offsets into the line.
type token struct{ start, end int }

// splitLine appends the sentences of one line (no line breaks) to parts.
func splitLine(line string, parts []string) []string {
	toks := tokens(line)
	segStart, segRunes, segToks := -1, 0, 0
	for i, t := range toks {
		if segStart < 0 {
			segStart, segRunes, segToks = t.start, 0, 0
		}
		segRunes += utf8.RuneCountInString(line[t.start:t.end]) + 1
		segToks++
		next := ""
		if i+1 < len(toks) {
			next = line[toks[i+1].start:toks[i+1].end]
		}
		word := line[t.start:t.end]
		if endsSentence(word, next, segToks == 1) || endsLongClause(word, segRunes) {
			parts = appendTrimmed(parts, line[segStart:t.end])
			segStart = -1
		}
	}
	if segStart >= 0 {
		parts = appendTrimmed(parts, line[segStart:])
	}
	return parts
}

func appendTrimmed(parts []string, s string) []string {
	if s = strings.TrimSpace(s); s != "" {
		parts = append(parts, s)
	}
	return parts
}

// tokens splits line at spaces, after CJK sentence terminators, and inside
// words longer than hardLength characters.
func tokens(line string) []token {
	var toks []token
	start, runes := -1, 0
	for i, r := range line {
		if unicode.IsSpace(r) {
			if start >= 0 {
				toks = append(toks, token{start, i})
				start = -1
			}
			continue
		}
		if start >= 0 && (runes >= hardLength || cutAfterCJK(line[start:i], r)) {
			toks = append(toks, token{start, i})
			start = -1
		}
		if start < 0 {
			start, runes = i, 0
		}
		runes++
	}
	if start >= 0 {
		toks = append(toks, token{start, len(line)})
	}
	return toks
}

// cutAfterCJK reports whether a word in progress, so far prev, should be cut
// before r because prev ends with a CJK terminator and its closers.
func cutAfterCJK(prev string, r rune) bool {
	if isCloser(r) || isCJKTerminator(r) {
		return false
	}
	core := strings.TrimRightFunc(prev, isCloser)
	last, _ := utf8.DecodeLastRuneInString(core)
	return isCJKTerminator(last)
}

func isCJKTerminator(r rune) bool {
	switch r {
	case '。', '！', '？', '｡', '︒', '﹒', '﹗', '﹖', '।', '॥', '؟', '۔':
		return true
	}
	return false
}

// isCloser reports closing quotes and brackets that may follow a terminator.
func isCloser(r rune) bool {
	switch r {
	case '"', '\'', ')', ']', '}', '»', '›', '”', '’', '」', '』', '）', '】', '〕', '〉', '》', '］', '｝':
		return true
	}
	return false
}

func isOpener(r rune) bool {
	switch r {
	case '"', '\'', '(', '[', '{', '«', '‹', '“', '‘', '„', '「', '『', '（', '【', '〔', '〈', '《', '［', '｛', '¿', '¡':
		return true
	}
	return false
}

// endsSentence decides whether word ends a sentence, given the next word
// ("" at the end of the line) and whether word starts the sentence.
func endsSentence(word, next string, first bool) bool {
	core := strings.TrimRightFunc(word, isCloser)
	last, _ := utf8.DecodeLastRuneInString(core)
	switch {
	case core == "":
		return false
	case isCJKTerminator(last):
		return true
	case strings.ContainsRune("!?‼⁇⁈⁉", last), last == '…', strings.HasSuffix(core, ".."):
		return !startsLower(next) // "Hi!" she said. / Wait... what?
	case last == '.':
		return periodEnds(core[:len(core)-1], next, first)
	}
	return false
}

// periodEnds decides whether a period after stem ends the sentence.
func periodEnds(stem, next string, first bool) bool {
	stem = strings.TrimLeftFunc(stem, isOpener)
	lower := strings.ToLower(stem)
	switch {
	case abbrevNoEnd[lower]:
		return false
	case abbrevBeforeNumber[lower] && startsDigit(next):
		return false
	case isInitial(stem) && next != "":
		return false
	case first && next != "" && isListNumber(stem):
		return false // "1. First item"
	case next == "":
		return true
	}
	return !startsLower(next)
}

// isInitial reports a single capital letter, as in "J. R. R. Tolkien".
func isInitial(s string) bool {
	r, n := utf8.DecodeRuneInString(s)
	return n == len(s) && unicode.IsUpper(r)
}

func isListNumber(s string) bool {
	if s == "" || len(s) > 3 {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// startsLower reports whether the first letter-or-number of s, after any
// opening quotes, is a lower-case letter.
func startsLower(s string) bool {
	s = strings.TrimLeftFunc(s, isOpener)
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLower(r)
}

func startsDigit(s string) bool {
	r, _ := utf8.DecodeRuneInString(strings.TrimLeftFunc(s, isOpener))
	return unicode.IsDigit(r)
}

// endsLongClause cuts sentences that have grown past ClauseLength at a
// clause mark, and past hardLength anywhere.
func endsLongClause(word string, segRunes int) bool {
	if segRunes >= hardLength {
		return true
	}
	if segRunes < ClauseLength {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(strings.TrimRightFunc(word, isCloser))
	return strings.ContainsRune(",;:—–，；：、", last) || word == "-"
}

// joinUnspeakable joins parts that have nothing to say ("...", "😀") to
// the part before them, or the first such parts to the part after them.
func joinUnspeakable(parts []string) []string {
	var out []string
	for i := 0; i < len(parts); {
		j := i // the group's speakable part; only the first group has any before it
		for j < len(parts) && !Speakable(parts[j]) {
			j++
		}
		k := min(j+1, len(parts))
		for k < len(parts) && !Speakable(parts[k]) {
			k++
		}
		out = append(out, strings.Join(parts[i:k], " "))
		i = k
	}
	return out
}
