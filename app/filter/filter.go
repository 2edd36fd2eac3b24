// Package filter softens slurs and sexually explicit words in text that
// Describer generated itself — captions, answers to questions,
// translations — before that text is shown and spoken.
//
// Text read from the screen or an image (OCR) is never filtered: it is
// what is there, and the user asked to hear exactly that. This package
// cannot tell generated text from read text; the caller passes only
// generated text to Apply.
//
// The words are in words/LANG.txt, one plain-text file per language,
// embedded at build time; Default reads and compiles them once. Matching
// is by whole word, so no word is touched for containing a listed one
// ("Scunthorpe", "classic", "cocktail", "Dickens" stay as they are); it is
// case-insensitive and Unicode-aware: "ß" and "ss" match each other,
// composed and decomposed accents match, and "é" is not "e".
//
// A matched word is replaced by a short phrase a screen reader or voice
// says naturally, in the language of the text: a slur by "(offensive
// word)" ("(beleidigendes Wort)", "(mot offensant)", "(palabra
// ofensiva)"), a sexually explicit word by "(explicit word)" ("(anstößiges
// Wort)", "(mot cru)", "(palabra explícita)"). Only the word's own letters
// are replaced; the spaces, punctuation and capitals around it stay.
//
// Text in any language is checked against the English list, as the models
// answer in English and translations keep English words, and against its
// own language's list; a language without a list gets the English one.
// Words whose everyday meaning is innocent ("cock" for a rooster, "tit" for
// a bird, Spanish "negro" for black, French "chatte" for a she-cat) are
// left out of the lists: a description that hides "a black dog" costs a
// blind user more than one with a rude word in it.
package filter

import (
	"embed"
	"strings"
	"sync"
)

//go:embed words/*.txt
var wordFiles embed.FS

// english is the base language whose list applies to text in every
// language and is used for a language without a list of its own.
const english = "en"

// Filter masks slurs and sexually explicit words in generated text. A
// nil *Filter, the zero Filter and a Filter switched off return text
// unchanged. A Filter is never changed after it is built, so one may be
// used by many goroutines at once.
type Filter struct {
	off    bool
	tables map[string]*table // by base language code
}

var loadDefault = sync.OnceValue(func() *Filter {
	f, err := load(wordFiles)
	if err != nil {
		// The lists are embedded: TestDefaultLists fails before this can.
		panic(err)
	}
	return f
})

// Default returns the Filter built from the embedded word lists, switched
// on. The lists are read and compiled on the first call only; every call
// returns the same Filter.
func Default() *Filter { return loadDefault() }

// WithEnabled returns a Filter with f's lists, switched on or off as on
// says, for the "Soften offensive words in descriptions" setting. f itself
// is unchanged, so callers may switch the shared Default. A nil f stays nil.
func (f *Filter) WithEnabled(on bool) *Filter {
	if f == nil {
		return nil
	}
	g := *f
	g.off = !on
	return &g
}

// Enabled reports whether Apply can change text: f is not nil, not
// switched off and has word lists.
func (f *Filter) Enabled() bool { return f != nil && !f.off && len(f.tables) > 0 }

// Apply returns text with every listed word masked, and whether it masked
// any. lang is the text's language as a base code ("en", "de", "fr",
// "es"); a region ("de-AT", "pt_BR") and capitals are ignored, and an
// unknown or empty code means English. Apply is idempotent: masking the
// output again changes nothing. Never pass it text read from the screen.
func (f *Filter) Apply(text, lang string) (out string, changed bool) {
	if !f.Enabled() || text == "" {
		return text, false
	}
	return f.table(lang).apply(text)
}

// table returns the compiled table for lang, English when lang has none.
func (f *Filter) table(lang string) *table {
	if t, ok := f.tables[baseLang(lang)]; ok {
		return t
	}
	return f.tables[english]
}

// baseLang returns the lower-case primary subtag of a language code.
func baseLang(lang string) string {
	if i := strings.IndexAny(lang, "-_"); i >= 0 {
		lang = lang[:i]
	}
	return strings.ToLower(strings.TrimSpace(lang))
}
