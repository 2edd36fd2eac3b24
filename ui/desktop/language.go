package desktop

import (
	"github.com/describer/describer/app"
	"github.com/describer/describer/app/filter"
	"github.com/describer/describer/app/i18n"
	"github.com/describer/describer/models"
	"github.com/describer/describer/ui"
)

// newTranslation puts captions and answers into the language of the
// settings, with that language's model.
func (a *App) newTranslation() *app.Translation {
	if a.cfg.Translator == nil {
		return nil
	}
	return &app.Translation{
		Language: func() string { return a.current().Lang() },
		Model:    a.translationModel,
		Tell:     a.tell,
	}
}

// translationModel returns the model into lang, made on first need; nil
// when there is none to install for it and none given.
func (a *App) translationModel(lang string) *app.Model[app.Translator] {
	if _, known := models.Translation(lang); !known && !a.cfg.TranslatorInstalled(lang) {
		return nil
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	if m, ok := a.translations[lang]; ok {
		return m
	}
	if a.translations == nil {
		a.translations = map[string]*app.Model[app.Translator]{}
	}
	m := &app.Model[app.Translator]{
		What:      i18n.T("model.translation"),
		Open:      func() (app.Translator, error) { return a.cfg.Translator(lang) },
		Installed: func() bool { return a.cfg.TranslatorInstalled(lang) },
		Missing:   i18n.T("model.translation-missing", "Language", i18n.Name(lang)),
		Optional:  true,
		Tell:      a.tell,
	}
	a.translations[lang] = m
	return m
}

// languageChanged speaks the new language: its messages, its voice, and
// an offer of its translation model when that is missing.
func (a *App) languageChanged(s ui.Settings) {
	i18n.Use(s.Lang())
	a.tellIf(a.applyVoice(s))
	if a.cfg.TranslationSet == nil {
		return
	}
	if set, missing := a.cfg.TranslationSet(s.Lang()); missing {
		a.downloads.OfferTranslation(a.ctx, set, i18n.Name(s.Lang()))
	}
}

// FindInHistory searches the history (ui.HistoryFinder).
func (a *App) FindInHistory(query string, limit int) ([]ui.Result, int) {
	found, total, err := a.jobs.History.Search(query, limit)
	if err != nil {
		a.tell(app.Sentence(err))
		return nil, 0
	}
	return toResults(found), total
}

// Revisit makes a result found in the history the image questions are
// about (ui.HistoryFinder).
func (a *App) Revisit(r ui.Result) { a.svc.Revisit(r.Thumb, r.Source) }

// filter is the output filter as the settings want it.
func (a *App) filter() *filter.Filter { return filter.Default().WithEnabled(a.current().FilterOutput) }
