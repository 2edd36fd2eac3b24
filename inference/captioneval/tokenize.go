package captioneval

import (
	"slices"
	"strings"
	"unicode"
)

// punctuation is pycocoevalcap's PUNCTUATIONS (tokenizer/ptbtokenizer.py):
// the tokens dropped after PTB tokenisation. They are compared with the
// lower-cased tokens, so "-LRB-" and the other bracket tokens, lower-cased
// to "-lrb-", are never dropped: that is what pycocoevalcap does too.
var punctuation = []string{"''", "'", "``", "`", "-LRB-", "-RRB-", "-LCB-", "-RCB-",
	".", "?", "!", ",", ":", "-", "--", "...", ";"}

// Tokenize returns caption's tokens as pycocoevalcap's PTBTokenizer gives
// them for a caption of its own: Stanford CoreNLP 3.4.1's PTBTokenizer
// (-preserveLines -lowerCase), then the punctuation tokens removed. A
// token never holds a space (a fraction such as "1 1/2" keeps a no-break
// space inside).
func Tokenize(caption string) []string { return TokenizeAll([]string{caption})[0] }

// lineBreaks are the characters PTBTokenizer ends a line at, besides
// "\n" (which pycocoevalcap turns into a space itself). They become
// spaces: in pycocoevalcap they would split a caption in two and pair
// every later caption with the wrong image.
var lineBreaks = strings.NewReplacer("\n", " ", "\r", " ", "\u2028", " ", "\u2029", " ", "\v", " ", "\f", " ")

// TokenizeAll tokenises captions as pycocoevalcap does: in one run of
// PTBTokenizer over the captions, one a line. The run matters where a
// caption ends in an abbreviation: "Vitamin C." keeps its full stop ("c.")
// unless the next line starts with a word such as "A" or "The" that
// PTBTokenizer takes to begin a sentence ("c").
func TokenizeAll(captions []string) [][]string {
	lines := make([]string, len(captions))
	for i, c := range captions {
		lines[i] = lineBreaks.Replace(c)
	}
	out := make([][]string, len(captions))
	for i, line := range strings.SplitN(ptbOutput(strings.Join(lines, "\n")), "\n", len(captions)+1) {
		if i < len(out) {
			out[i] = dropPunctuation(line)
		}
	}
	return out
}

// ptbOutput is what PTBTokenizer -preserveLines -lowerCase prints for s:
// the tokens of each line, lower-cased, separated by spaces.
func ptbOutput(s string) string {
	var b strings.Builder
	begin := true
	for _, t := range ptbLex(s) {
		switch {
		case t == lineBreak:
			b.WriteByte('\n')
			begin = true
			continue
		case !begin:
			b.WriteByte(' ')
		}
		begin = false
		// Java's toLowerCase(Locale.ENGLISH); Go's case mapping differs
		// for a few letters, such as İ and a final Σ.
		b.WriteString(strings.ToLower(t))
	}
	return b.String()
}

// dropPunctuation does what pycocoevalcap does with a line of PTBTokenizer's
// output: line.rstrip().split(' '), without the punctuation tokens.
// Python's rstrip also eats no-break spaces, which can end a token.
func dropPunctuation(line string) []string {
	var out []string
	for _, t := range strings.Split(strings.TrimRightFunc(line, isPySpace), " ") {
		if t != "" && !slices.Contains(punctuation, t) {
			out = append(out, t)
		}
	}
	return out
}

// isPySpace reports whether Python's str.isspace holds for r.
func isPySpace(r rune) bool { return unicode.IsSpace(r) || r >= 0x1c && r <= 0x1f }
