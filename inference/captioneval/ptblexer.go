package captioneval

import (
	"regexp"
	"strings"
	"sync"
	"unicode/utf8"
)

// ptbRule is one rule of PTBLexer.flex: text that matches pattern, when
// followed by text that matches the rule's trailing context, becomes a
// token through act.
type ptbRule struct {
	re  *regexp.Regexp // ^(pattern)(?:trailing context), leftmost-longest
	act ptbAction
}

// ptbAction turns the matched text (the pattern's part) into the token
// it stands for, or "" for none, and says how much of the input it
// consumed: the lexer pushes text back for a later token, as "cannot"
// becomes "can" and then "not".
type ptbAction func(text string) (token string, consumed int)

// rule compiles pattern with its trailing context (empty for none).
func rule(pattern, context string, act ptbAction) ptbRule {
	re := regexp.MustCompile(`^(` + pattern + `)(?:` + context + `)`)
	re.Longest()
	return ptbRule{re: re, act: act}
}

// keep returns the text as it is.
func keep(text string) (string, int) { return text, len(text) }

// skip drops the text: spaces and characters the lexer cannot tokenize.
func skip(text string) (string, int) { return "", len(text) }

// as returns an action that always gives token.
func as(token string) ptbAction {
	return func(text string) (string, int) { return token, len(text) }
}

// pushBack returns an action that keeps the text but its last n bytes,
// which the lexer reads again.
func pushBack(n int) ptbAction {
	return func(text string) (string, int) { return text[:len(text)-n], len(text) - n }
}

// dotAgain keeps an abbreviation with its full stop and reads the full
// stop again as a token of its own, as the lexer does at a sentence end.
func dotAgain(text string) (string, int) { return text, len(text) - 1 }

// acronymAtEnd is the rule for an acronym before a word that starts a
// sentence: a single letter loses its full stop, a longer one keeps it
// and the full stop is read again.
func acronymAtEnd(text string) (string, int) {
	if utf8.RuneCountInString(text) == 2 {
		return text[:len(text)-1], len(text) - 1
	}
	return dotAgain(text)
}

// softHyphens removes soft hyphens, leaving "-" rather than nothing.
func softHyphens(text string) (string, int) {
	s := strings.ReplaceAll(text, "\u00AD", "")
	if s == "" {
		s = "-"
	}
	return s, len(text)
}

var ampEntity = regexp.MustCompile(`(?i)&amp;`)

// normAmp turns "&amp;" into "&".
func normAmp(text string) (string, int) { return ampEntity.ReplaceAllString(text, "&"), len(text) }

// nbsp turns spaces into no-break spaces, so a token never holds a space.
func nbsp(text string) (string, int) { return strings.ReplaceAll(text, " ", "\u00A0"), len(text) }

var parens = strings.NewReplacer("(", "-LRB-", ")", "-RRB-")

// phone keeps a phone number in one token.
func phone(text string) (string, int) {
	s, n := nbsp(text)
	return parens.Replace(s), n
}

// smiley keeps an emoticon, its brackets written as the treebank does.
func smiley(text string) (string, int) { return parens.Replace(text), len(text) }

// hyphens makes a run of three or four hyphens a dash.
func hyphens(text string) (string, int) {
	if len(text) >= 3 && len(text) <= 4 {
		return "--", len(text)
	}
	return text, len(text)
}

var (
	fractions = strings.NewReplacer("\u00BC", "1/4", "\u00BD", "1/2", "\u00BE", "3/4", "\u2153", "1/3", "\u2154", "2/3")
	currency  = strings.NewReplacer("\u00A2", "cents", "\u00A3", "#", "\u0080", "$", "\u00A4", "$", "\u20A0", "$", "\u20AC", "$")
)

// fraction writes the vulgar fractions ½ ¼ ¾ ⅓ ⅔ with a slash.
func fraction(text string) (string, int) { return fractions.Replace(text), len(text) }

// money writes ¢ as "cents", £ as "#" and the euro signs as "$".
func money(text string) (string, int) { return currency.Replace(text), len(text) }

var (
	leftQuotes = strings.NewReplacer("&apos;", "`", "'", "`", "\"", "``", "&quot;", "``",
		"\u0091", "`", "\u2018", "`", "\u201B", "`", "\u2039", "`",
		"\u0092", "'", "\u2019", "'", "\u203A", "'",
		"\u0093", "``", "\u201C", "``", "\u00AB", "``",
		"\u0094", "''", "\u201D", "''", "\u00BB", "''")
	rightQuotes = strings.NewReplacer("&apos;", "'", "\"", "''", "&quot;", "''",
		"\u0091", "`", "\u2018", "`", "\u201B", "`", "\u2039", "`",
		"\u0092", "'", "\u2019", "'", "\u203A", "'",
		"\u0093", "``", "\u201C", "``", "\u00AB", "``",
		"\u0094", "''", "\u201D", "''", "\u00BB", "''")
)

// quote writes quotation marks and apostrophes as LaTeX does: “ and ”.
// left is the lexer's guess that a straight quote opens a quotation.
func quote(left bool) ptbAction {
	r := rightQuotes
	if left {
		r = leftQuotes
	}
	return func(text string) (string, int) { return r.Replace(text), len(text) }
}

// ptbRules returns PTBLexer.flex's rules for its default state, in its
// order: the longest match wins, and of equally long ones the first. They
// are compiled on first use, so that programs that never tokenise do not
// pay for it when they start.
var ptbRules = sync.OnceValue(func() []ptbRule {
	return []ptbRule{
		rule(`(?i:c\+\+)`, ``, keep),
		rule(`(?i:c|f)#`, ``, keep),
		rule(`(?i:cannot)`, ``, pushBack(3)),
		rule(`(?i:'twas)`, ``, pushBack(3)),
		rule(`(?i:'tis)`, ``, pushBack(2)),
		rule(`(?i:gonna|gotta|lemme|gimme|wanna)`, ``, pushBack(2)),
		rule(xSGML, ``, nbsp),
		rule(xSPMDash, ``, as("--")),
		rule(xSPAmp, ``, normAmp),
		rule(xSPPunc, ``, keep),
		rule(xWord, xRedAux, softHyphens),
		rule(xSWord, xSRedAux, softHyphens),
		rule(xWord, ``, softHyphens),
		rule(xApoWord, ``, keep),
		rule(xApoWord2, `\p{L}`, keep),
		rule(xFullURL, ``, keep),
		rule(xLikelyURL, ``, keep),
		rule(xEmail, ``, keep),
		rule(xTwitter, ``, keep),
		rule(xRedAux, `[^A-Za-z]`, quote(false)),
		rule(xSRedAux, `[^A-Za-z]`, quote(false)),
		rule(xDate, ``, keep),
		rule(xNumber, ``, softHyphens),
		rule(xSubSup, ``, keep),
		rule(xFrac, ``, nbsp),
		rule(xFrac2, ``, fraction),
		rule(xTBSpec, ``, normAmp),
		rule(xThing3, ``, keep),
		rule(xDolSign, ``, keep),
		rule(xDolSign2, ``, money),
		rule(xAcronym, xSpaceNLs+xSentWord+xSpaceNL, acronymAtEnd),
		rule(xAbbrev3, xSpaceNL+`?\p{Nd}`, keep),
		rule(`(?:(?i:pt)[eyEY]|(?i:co))\.`, xSpace+`(?i:ltd|lim)`, keep),
		rule(xAbbrev1, xSentEnd, dotAgain),
		rule(xAbbrev1, `(?s:..)`, keep),
		rule(xAbbrev1+`$`, ``, dotAgain), // only at the end of the text
		rule(xAbbrev2, ``, keep),
		rule(xAbbrev4, xSpace, keep),
		rule(xAcro, xSpaceNL, keep),
		rule(xTBSpec2, xSpaceNL, keep),
		rule(xFilename, `(?:`+xSpaceNL+`|[.?!,])`, keep),
		rule(xWord+`\.`, xInSentP, softHyphens),
		rule(xPhone, ``, phone),
		rule(xDblQuot, `[A-Za-z0-9$]`, quote(true)),
		rule(xDblQuot, ``, quote(false)),
		rule(`\x7f`, ``, skip),
		rule(`<|(?i:&lt;)`, ``, as("<")),
		rule(`>|(?i:&gt;)`, ``, as(">")),
		rule(xSmiley, `[^A-Za-z0-9]`, smiley),
		rule(xAsianSmiley, ``, smiley),
		rule(`\{`, ``, as("-LCB-")),
		rule(`\}`, ``, as("-RCB-")),
		rule(`\[`, ``, as("-LSB-")),
		rule(`\]`, ``, as("-RSB-")),
		rule(`\(`, ``, as("-LRB-")),
		rule(`\)`, ``, as("-RRB-")),
		rule(`-+`, ``, hyphens),
		rule(xLDots, ``, as("...")),
		rule(xFNMarks, ``, keep),
		rule(xAsts, ``, keep),
		rule(xInSentP, ``, keep),
		rule(`[?!]+`, ``, keep),
		rule(`[.¡¿\x{037E}\x{0589}\x{061F}\x{06D4}\x{0700}-\x{0702}\x{07FA}\x{3002}]`, ``, keep),
		rule(`=`, ``, keep),
		rule(`/`, ``, keep),
		rule(xHThing+`\.`, xInSentP, softHyphens),
		rule(xHThing, ``, softHyphens),
		rule(xThing+`\.`, xInSentP, keep),
		rule(xThing, ``, keep),
		rule(xThingA+`\.`, xInSentP, normAmp),
		rule(xThingA, ``, normAmp),
		rule(`'`, `[A-Za-z][^ \t\n\r\x{00A0}]`, quote(true)),
		rule(xRedAux, ``, quote(false)),
		rule(xSRedAux, ``, quote(false)),
		rule(xQuotes, ``, quote(false)),
		rule(`<<|>>`, ``, keep),
		rule(xMiscSymbol, ``, keep),
		rule(`(?:\x00|`+xSpace+`+|[\x{200B}\x{200E}-\x{200F}\x{FEFF}])`, ``, skip),
		rule(xNewline, ``, as(lineBreak)),
		rule(`(?i:&nbsp;)`, ``, skip),
	}
})

// lineBreak is the token for the end of a line: the lexer never makes a
// token with a line break in it otherwise.
const lineBreak = "\n"

// ptbLex splits s into PTB tokens, before lower-casing; a line break is
// the token lineBreak.
func ptbLex(s string) []string {
	var toks []string
	for len(s) > 0 {
		tok, n := ptbNext(s)
		if tok != "" {
			toks = append(toks, tok)
		}
		s = s[n:]
	}
	return toks
}

// ptbNext returns the next token of s, "" for none, and how many bytes of
// s it consumed (at least one).
func ptbNext(s string) (string, int) {
	best, bestLen := -1, 0
	var bestSub []int
	for i, r := range ptbRules() {
		m := r.re.FindStringSubmatchIndex(s)
		if m != nil && m[1] > bestLen {
			best, bestLen, bestSub = i, m[1], m
		}
	}
	if best < 0 {
		// Untokenizable: PTBTokenizer deletes it (and logs the first).
		_, n := utf8.DecodeRuneInString(s)
		return "", n
	}
	return ptbRules()[best].act(s[bestSub[2]:bestSub[3]])
}
