package espeak

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// DefaultVoice is the eSpeak NG voice used when none is named.
const DefaultVoice = "en-us"

// SampleRate is the rate, in samples per second, of the audio eSpeak NG
// makes.
const SampleRate = 22050

// Speakable reports whether text has anything to say: at least one letter or
// digit. Text of only spaces, punctuation, symbols or emoji is not speakable
// (eSpeak NG would read the names of the marks aloud: "exclamation",
// "grinning face").
func Speakable(text string) bool {
	for _, r := range text {
		if unicode.IsLetter(r) || unicode.IsNumber(r) {
			return true
		}
	}
	return false
}

// Limits that keep libespeak-ng 1.51 inside its buffers. A word eSpeak NG
// spells out letter by letter is built in a fixed stack buffer, and a long
// enough one overflows it and aborts the process, in espeak_Synth and
// espeak_TextToPhonemes alike: about 170 bytes with a full stop inside
// ("a.bxxx…"), or about 80 letters each followed by a full stop, which
// eSpeak NG joins into one abbreviation even across spaces ("x.x.x. x.x.…").
// No real text comes near either.
const (
	// maxToken is the longest run of non-space bytes passed on.
	maxToken = 64
	// maxInitials is the longest chain of letter-and-full-stop pairs
	// passed on unbroken.
	maxInitials = 16
)

// cleanText makes text safe to hand to eSpeak NG: valid UTF-8; control
// characters other than tab and line breaks turned into spaces (NUL would
// end the C string early, and eSpeak NG gives some controls meanings, such
// as Ctrl-A for an embedded command, that can crash it); runs of more than
// maxToken non-space bytes broken with spaces; and chains of more than
// maxInitials initials broken with a comma.
func cleanText(s string) string {
	rs := []rune(strings.ToValidUTF8(s, "\uFFFD"))
	var b strings.Builder
	b.Grow(len(s))
	run, initials := 0, 0 // bytes since the last space; initials in a row
	for i, r := range rs {
		if unicode.IsControl(r) && r != '\t' && r != '\n' && r != '\r' {
			r = ' '
		}
		switch {
		case unicode.IsSpace(r):
			run = 0
		case isInitial(rs, i):
			if initials++; initials > maxInitials {
				b.WriteString(" , ") // ", " right after a full stop would not break it
				run, initials = 0, 1
			}
		case unicode.IsLetter(r) || unicode.IsNumber(r):
			initials = 0
		}
		if !unicode.IsSpace(r) {
			if run += utf8.RuneLen(r); run > maxToken {
				b.WriteByte(' ')
				run = utf8.RuneLen(r)
			}
		}
		b.WriteRune(r)
	}
	return b.String()
}

// isInitial reports whether rs[i] is a lone letter followed by a full stop,
// like each letter of "U.S.A.".
func isInitial(rs []rune, i int) bool {
	return unicode.IsLetter(rs[i]) && i+1 < len(rs) && rs[i+1] == '.' &&
		(i == 0 || !(unicode.IsLetter(rs[i-1]) || unicode.IsNumber(rs[i-1])))
}

// dropLast splits off the last rune of s.
func dropLast(s string) (rest, last string) {
	_, n := utf8.DecodeLastRuneInString(s)
	return s[:len(s)-n], s[len(s)-n:]
}

// closers are the marks that may follow a clause's punctuation without
// ending the clause themselves: closing quotes and brackets.
const closers = "\"'”’»›)]}」』"

// terminators maps every mark that ends a clause in eSpeak NG to the ASCII
// terminator Piper puts back after the clause's phonemes. The dashes are
// what eSpeak NG classes as semicolons; full-width and other-script marks
// map to their ASCII counterparts.
var terminators = map[rune]string{
	'.': ".", '?': "?", '!': "!", ',': ",", ':': ":", ';': ";",
	'–': ";", '—': ";", '‼': "!", '⁇': "?", '⁈': "?", '⁉': "!",
	'。': ".", '．': ".", '？': "?", '！': "!", '，': ",", '、': ",", '：': ":", '；': ";",
	'।': ".", '॥': ".", '؟': "?", '،': ",", '؛': ";", '۔': ".",
}

// clauseEnd recovers how a clause ended from the text eSpeak NG consumed for
// it (without the character it read ahead). It returns the terminator Piper
// appends (". , ? ! : ;", or "" when the clause ended without one) and
// whether the clause ends a sentence. last says the clause is the text's
// final one, which always ends a sentence.
//
// The rules follow what eSpeak NG 1.52's espeak_TextToPhonemesWithTerminator
// reports and Piper keeps: . ? ! end sentences; , : ; and dashes do not; an
// ellipsis ends a clause with no terminator; a blank line ends a paragraph,
// which is a sentence end with no terminator; a clause eSpeak NG split only
// because it grew too long has neither.
func clauseEnd(consumed string, last bool) (terminator string, sentenceEnd bool) {
	body := strings.TrimRightFunc(consumed, unicode.IsSpace)
	paragraph := strings.Count(consumed[len(body):], "\n") >= 2
	body = strings.TrimRight(body, closers+" \t\r\n")
	rest, mark := dropLast(body)
	r, _ := utf8.DecodeRuneInString(mark)
	switch {
	case r == '…' || (r == '.' && strings.HasSuffix(rest, ".")):
		terminator = "" // an ellipsis: a pause, not a sentence end
	default:
		terminator = terminators[r]
	}
	sentenceEnd = last || paragraph || terminator == "." || terminator == "?" || terminator == "!"
	return terminator, sentenceEnd
}

// stripLanguageFlags removes the "(en)" / "(fr)" marks eSpeak NG puts around
// words it speaks in another language: they are not phonemes.
func stripLanguageFlags(ipa string) string {
	if !strings.Contains(ipa, "(") {
		return ipa
	}
	var b strings.Builder
	for {
		open := strings.IndexByte(ipa, '(')
		if open < 0 {
			break
		}
		end := strings.IndexByte(ipa[open:], ')')
		if end < 0 {
			break
		}
		b.WriteString(ipa[:open])
		ipa = ipa[open+end+1:]
	}
	b.WriteString(ipa)
	return b.String()
}
