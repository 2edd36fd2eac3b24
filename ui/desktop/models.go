package desktop

import (
	"github.com/describer/describer/app"
	"github.com/describer/describer/app/i18n"
	"github.com/describer/describer/inference"
	"github.com/describer/describer/models"
)

// setupModels makes the caption model and the text reader optional: the
// app describes with what it has, says why a model is left out, and
// follows the settings that turn each one off.
func (a *App) setupModels() {
	c := a.cfg.Captioner
	c.What, c.Optional, c.Tell = i18n.T("model.caption"), true, a.tell
	c.On = func() bool { return a.current().IncludeCaption }
	c.Missing = i18n.T("model.caption-missing", "Command", models.Caption.PullCommand())
	c.Off = i18n.T("model.caption-off")
	r := a.cfg.Reader
	r.What, r.Optional, r.Tell = i18n.T("model.ocr"), true, a.tell
	r.On = func() bool { return a.current().IncludeText }
	r.Missing = i18n.T("model.ocr-missing", "Command", models.OCR.PullCommand())
	r.Off = i18n.T("model.ocr-off")
	a.svc = &app.Service{Captioner: c, Reader: r, Detail: func() int { return inference.DetailLevel(a.current().Detail) },
		Translation: a.newTranslation(), Filter: a.filter, ModelName: a.cfg.CaptionModel}
	if q := a.cfg.Asker; q != nil {
		q.What, q.Tell = i18n.T("model.question"), a.tell
		q.Missing = i18n.T("model.question-missing", "Command", models.Question.PullCommand())
		a.svc.Asker = q
		a.svc.Split = func() bool { return a.current().QuestionTiles }
	}
}

// newDownloads makes the offer of the missing models; after a download
// it loads the models now and switches to a new Piper voice.
func (a *App) newDownloads() *app.Downloads {
	missing := func() []models.Set {
		var sets []models.Set
		if a.cfg.Missing != nil {
			sets = a.cfg.Missing()
		}
		if a.cfg.TranslationSet != nil {
			if set, ok := a.cfg.TranslationSet(a.current().Lang()); ok {
				sets = append(sets, set)
			}
		}
		return sets
	}
	return &app.Downloads{Missing: missing, Window: a.win, Prefs: a.cfg.App.Preferences(), Say: a.Say,
		Installed: func() {
			for _, m := range []interface{ Reset() }{a.cfg.Captioner, a.cfg.Reader} {
				m.Reset()
			}
			a.mu.Lock()
			for _, m := range a.translations {
				m.Reset()
			}
			a.mu.Unlock()
			if a.cfg.Asker != nil {
				a.cfg.Asker.Reset()
			}
			_, _ = a.cfg.Captioner.Get()
			_, _ = a.cfg.Reader.Get()
			a.tellIf(a.applyVoice(a.current()))
		}}
}
