package espeak

import (
	"strings"

	"golang.org/x/text/unicode/norm"
)

// Clause is one clause of text as eSpeak NG phonemizes it.
type Clause struct {
	// Phonemes are the clause's phonemes in IPA, words separated by single
	// spaces, with stress (ˈ ˌ) and length (ː) marks kept and eSpeak NG's
	// language-switch flags such as "(fr)" removed. The string is
	// NFD-decomposed, so every code point is one Piper phoneme.
	Phonemes string
	// Terminator is the punctuation that ended the clause, as Piper puts it
	// back: one of . , ? ! : ; or "" when the clause had none.
	Terminator string
	// SentenceEnd says the clause ends a sentence: its terminator is . ? or
	// !, a blank line follows it, or it is the last clause of the text.
	SentenceEnd bool
}

// rawClause is what one espeak_TextToPhonemes call gives: the phonemes, the
// bytes of text the call consumed, and whether text remains.
type rawClause struct {
	phonemes string
	consumed string
	more     bool
}

// Phonemize turns text into IPA phonemes, one [Clause] per clause, with
// eSpeak NG's voice (for example "en-us"; "" means [DefaultVoice]). It
// follows Piper's phonemizer: the whole text goes through
// espeak_TextToPhonemes in one loop, and each clause's terminator, which
// eSpeak NG 1.51 does not report, is recovered from how far that call
// advanced the text (eSpeak NG reads one character past the clause's
// punctuation; that character belongs to the next clause). Clauses with no
// phonemes and no terminator are left out. An unknown voice gives an error
// matching [ErrUnknownVoice].
func Phonemize(voice, text string) ([]Clause, error) {
	if voice == "" {
		voice = DefaultVoice
	}
	raw, err := textToPhonemes(voice, cleanText(text))
	if err != nil {
		return nil, err
	}
	var out []Clause
	carry := "" // the character read ahead by the previous call
	for _, r := range raw {
		seg := carry + r.consumed
		carry = ""
		if r.more {
			seg, carry = dropLast(seg)
		}
		term, end := clauseEnd(seg, !r.more)
		ph := norm.NFD.String(strings.TrimSpace(stripLanguageFlags(r.phonemes)))
		if ph == "" && term == "" {
			if end && len(out) > 0 {
				out[len(out)-1].SentenceEnd = true
			}
			continue
		}
		out = append(out, Clause{Phonemes: ph, Terminator: term, SentenceEnd: end})
	}
	return out, nil
}
