package desktop

import (
	"github.com/describer/describer/app"
	"github.com/describer/describer/inference"
	"github.com/describer/describer/models"
)

// setupModels makes the caption model and the text reader optional: the
// app describes with what it has, says why a model is left out, and
// follows the settings that turn each one off.
func (a *App) setupModels() {
	c := a.cfg.Captioner
	c.What, c.Optional, c.Tell = "The caption model", true, a.tell
	c.On = func() bool { return a.current().IncludeCaption }
	c.Missing = "no caption model is installed; download Florence-2 when Describer offers, or run: " + models.Caption.PullCommand()
	c.Off = "describing the picture is turned off in Settings"
	r := a.cfg.Reader
	r.What, r.Optional, r.Tell = "The text reader", true, a.tell
	r.On = func() bool { return a.current().IncludeText }
	r.Missing = "the text reader (the OCR models) is not installed; download it when Describer offers, or run: " + models.OCR.PullCommand()
	r.Off = "reading the text is turned off in Settings"
	a.svc = &app.Service{Captioner: c, Reader: r, Detail: func() int { return inference.DetailLevel(a.current().Detail) }}
	if q := a.cfg.Asker; q != nil {
		q.What, q.Tell = "The question model", a.tell
		q.Missing = "it is not installed; run: " + models.Question.PullCommand()
		a.svc.Asker = q
		a.svc.Split = func() bool { return a.current().QuestionTiles }
	}
}

// newDownloads makes the offer of the missing models; after a download
// it loads the models now and switches to a new Piper voice.
func (a *App) newDownloads() *app.Downloads {
	missing := a.cfg.Missing
	if missing == nil {
		missing = func() []models.Set { return nil }
	}
	return &app.Downloads{Missing: missing, Window: a.win, Prefs: a.cfg.App.Preferences(), Say: a.Say,
		Installed: func() {
			for _, m := range []interface{ Reset() }{a.cfg.Captioner, a.cfg.Reader} {
				m.Reset()
			}
			if a.cfg.Asker != nil {
				a.cfg.Asker.Reset()
			}
			_, _ = a.cfg.Captioner.Get()
			_, _ = a.cfg.Reader.Get()
			a.tellIf(a.applyVoice(a.current()))
		}}
}
