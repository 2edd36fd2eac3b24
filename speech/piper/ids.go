package piper

import (
	"strings"

	"golang.org/x/text/unicode/norm"

	"github.com/describer/describer/speech/espeak"
)

// PhonemeIDs turns one sentence's phonemes into model ids as Piper does:
// the ids of ^ and _, then for each phoneme (one Unicode code point of the
// NFD-decomposed string) its ids followed by those of _, then the ids of $.
// Phonemes the map lacks are left out and passed to skipped when it is not
// nil. Keys of the map longer than one code point are never used, as in
// Piper.
func (c *Config) PhonemeIDs(phonemes string, skipped func(phoneme string)) []int64 {
	m := c.PhonemeIDMap
	ids := make([]int64, 0, 2*len(phonemes)+4)
	ids = append(ids, m[BOS]...)
	ids = append(ids, m[Pad]...)
	for _, r := range norm.NFD.String(phonemes) {
		p := string(r)
		pid, ok := m[p]
		if !ok {
			if skipped != nil {
				skipped(p)
			}
			continue
		}
		ids = append(ids, pid...)
		ids = append(ids, m[Pad]...)
	}
	return append(ids, m[EOS]...)
}

// sentences groups eSpeak NG's clauses into Piper's sentences: each clause's
// phonemes, then its terminator, then a space after , : or ; — and a new
// sentence after every clause that ends one.
func sentences(clauses []espeak.Clause) []string {
	var out []string
	var cur strings.Builder
	for _, c := range clauses {
		cur.WriteString(c.Phonemes)
		cur.WriteString(c.Terminator)
		switch c.Terminator {
		case ",", ":", ";":
			cur.WriteByte(' ')
		}
		if c.SentenceEnd && cur.Len() > 0 {
			out = append(out, cur.String())
			cur.Reset()
		}
	}
	if cur.Len() > 0 {
		out = append(out, cur.String())
	}
	return out
}
