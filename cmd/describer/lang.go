package main

import (
	"errors"
	"flag"
	"fmt"
	"strings"

	"github.com/describer/describer/app"
	"github.com/describer/describer/app/i18n"
	"github.com/describer/describer/inference"
	"github.com/describer/describer/models"
)

// langFlags are --lang and --translate-model, for describe and ask: the
// caption or answer is translated into the language, and Describer's own
// sentences are in it.
type langFlags struct {
	lang, dir string
}

func (f *langFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.lang, "lang", "", "translate the caption or answer into this language, such as de (default: English, the model's own)")
	fs.StringVar(&f.dir, "translate-model", "", "folder of the translation model for --lang (default: that language's, under "+models.ModelsDir()+")")
}

// validate checks the language code and keeps its base language ("de"
// for de-AT), "" for English.
func (f *langFlags) validate() error {
	if f.lang == "" {
		return nil
	}
	base := i18n.Base(f.lang)
	first, _, _ := strings.Cut(strings.ReplaceAll(strings.ToLower(f.lang), "_", "-"), "-")
	if base == "" || first != base { // "deu" would be read as "de": ask for the code itself
		return usageError{fmt.Sprintf("--lang must be a language code such as de or fr, not %q", f.lang)}
	}
	f.lang = base
	if f.lang == i18n.English {
		f.lang = ""
	}
	return nil
}

// translation loads the model into the language now, so a missing one is
// one sentence before any work; nil when English was asked for.
func (f *langFlags) translation(l loader) (app.Translator, error) {
	if f.lang == "" {
		return nil, nil
	}
	l.TranslationDir = f.dir
	tr, err := l.loadTranslator(f.lang)
	if err == nil {
		return tr, nil
	}
	switch {
	case f.dir != "" && (errors.Is(err, inference.ErrNoModel) || errors.Is(err, inference.ErrBadModel)):
		return nil, badInputError{fmt.Errorf("%s is not a whole MarianMT model folder (%w)", f.dir, err)}
	case f.dir == "" && errors.Is(err, inference.ErrNoModel):
		return nil, noTranslation(f.lang, "--translate-model")
	}
	return nil, err
}

// noTranslation says in one sentence that there is no model into lang,
// and how to get one (pull its set, or give a folder with flag).
func noTranslation(lang, flag string) error {
	set, ok := models.Translation(lang)
	if !ok {
		return usageError{fmt.Sprintf("Describer has no translation into %q; pass %s DIR with an opus-mt-en-%s folder", lang, flag, lang)}
	}
	return badInputError{fmt.Errorf("the translation into %s is not installed; run \"%s\" to fetch %s (%s, %s licence), or pass %s DIR",
		i18n.Name(lang), set.PullCommand(), set.Title, set.SizeText(), set.Licence, flag)}
}
