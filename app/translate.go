package app

import (
	"context"
	"strings"
	"sync"

	"github.com/describer/describer/app/filter"
	"github.com/describer/describer/app/i18n"
)

// Translator translates English text into one language (a MarianMT
// opus-mt-en-XX model).
type Translator interface {
	Translate(ctx context.Context, text string) (string, error)
}

// TranslatorFunc adapts a function to Translator.
type TranslatorFunc func(ctx context.Context, text string) (string, error)

// Translate calls f.
func (f TranslatorFunc) Translate(ctx context.Context, text string) (string, error) {
	return f(ctx, text)
}

// Translation puts captions and answers into the user's language: the
// models answer in English. The screen's own text is never translated.
type Translation struct {
	// Language returns the language to speak, as a base code ("de");
	// English (or "") means no translation.
	Language func() string
	// Model returns the model that translates English into lang, or nil
	// when Describer has none for it (the text then stays English, and
	// nothing is said about it).
	Model func(lang string) *Model[Translator]
	// Tell, when set, is told once for each language without its model
	// that Describer speaks English until the model is installed.
	Tell func(msg string)

	mu   sync.Mutex
	told map[string]bool
}

// into returns the language to translate into and its translator; ""
// and nil when the text stays English (English asked for, no model for
// the language, or its model missing or failing: Tell is told, once).
func (t *Translation) into() (string, Translator) {
	if t == nil || t.Language == nil || t.Model == nil {
		return "", nil
	}
	lang := t.Language()
	if lang == "" || lang == i18n.English {
		return "", nil
	}
	m := t.Model(lang)
	if m == nil {
		return "", nil
	}
	tr, err := m.Get()
	if err != nil {
		t.tellOnce(lang)
		return "", nil
	}
	return lang, tr
}

// tellOnce says, once for lang, that Describer speaks English for now.
func (t *Translation) tellOnce(lang string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.Tell == nil || t.told[lang] {
		return
	}
	if t.told == nil {
		t.told = map[string]bool{}
	}
	t.told[lang] = true
	t.Tell(i18n.T("translation.missing", "Language", i18n.Name(lang)))
}

// SentenceTranslator translates English text sentence by sentence while
// it is generated (MarianMT is trained on sentences), handing each
// translation to out as it is done, so speech can start on the first.
// Sentences are those speech.Split finds; one is translated once the
// text after it shows that it ended, or at Finish.
type SentenceTranslator struct {
	ctx     context.Context
	tr      Translator
	out     func(string) // nil: nobody listens
	pending string
	added   bool // Add was called
	done    []string
	err     error
}

// NewSentenceTranslator translates with tr under ctx; out (nil: nobody
// listens) gets each sentence's translation followed by a space, or by a
// line break where one followed the sentence.
func NewSentenceTranslator(ctx context.Context, tr Translator, out func(string)) *SentenceTranslator {
	return &SentenceTranslator{ctx: ctx, tr: tr, out: out}
}

// Add takes the next piece of English text.
func (s *SentenceTranslator) Add(piece string) {
	s.added = true
	whole, rest := wholeSentences(s.pending + piece)
	for _, chunk := range whole {
		s.emit(chunk)
	}
	s.pending = rest
}

// emit translates one sentence; after a failure the rest stays English.
func (s *SentenceTranslator) emit(chunk string) {
	sentence := strings.TrimSpace(chunk)
	if sentence == "" {
		return
	}
	local := sentence
	if s.err == nil {
		var err error
		if local, err = s.tr.Translate(s.ctx, sentence); err != nil {
			s.err, local = err, sentence
		}
	}
	sep := " " // a line break after the sentence stays one
	if endsLine(chunk) {
		sep = "\n"
	}
	s.done = append(s.done, local+sep)
	if s.out != nil {
		s.out(local + sep)
	}
}

// Finish translates what is left and returns the whole translation. A
// text never handed to Add is translated whole: a model that did not
// stream its text.
func (s *SentenceTranslator) Finish(whole string) (string, error) {
	if !s.added {
		s.Add(whole)
	}
	s.emit(s.pending)
	s.pending = ""
	return strings.TrimSpace(strings.Join(s.done, "")), s.err
}

// Translate translates an English text whole, sentence by sentence.
func Translate(ctx context.Context, tr Translator, text string) (string, error) {
	return NewSentenceTranslator(ctx, tr, nil).Finish(text)
}

// translateCaption puts d's caption into the user's language, keeping the
// English; without a model for it the caption stays English. Only a
// cancelled ctx is an error.
func (s *Service) translateCaption(ctx context.Context, d *Description) error {
	if d.Caption == "" {
		return nil
	}
	lang, tr := s.Translation.into()
	if tr == nil {
		return nil
	}
	local, err := Translate(ctx, tr, d.Caption)
	if ctx.Err() != nil {
		return ctx.Err()
	}
	if err == nil {
		d.EnglishCaption, d.Caption, d.Language = d.Caption, local, lang
	}
	return nil
}

// finishCaption puts d's caption into the user's language and softens
// it; only a cancelled ctx is an error.
func (s *Service) finishCaption(ctx context.Context, d *Description) error {
	if err := s.translateCaption(ctx, d); err != nil {
		return err
	}
	if f := s.filter(); f != nil {
		d.Caption, d.Softened = f.Apply(d.Caption, d.Language)
	}
	return nil
}

// filter returns the filter in use, or nil.
func (s *Service) filter() *filter.Filter {
	if s.Filter == nil {
		return nil
	}
	if f := s.Filter(); f.Enabled() {
		return f
	}
	return nil
}

// softener is the filter as a sentence-by-sentence step after the
// translation: it says once, after the first sentence it changed, that
// it softened words.
type softener struct {
	f    *filter.Filter
	lang string
	said bool
}

// Translate softens one sentence.
func (s *softener) Translate(_ context.Context, text string) (string, error) {
	out, changed := s.f.Apply(text, s.lang)
	if changed && !s.said {
		s.said = true
		out += " " + i18n.T("filter.note")
	}
	return out, nil
}
