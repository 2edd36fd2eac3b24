//go:build cgo

package main

import (
	"path/filepath"

	"github.com/describer/describer/app"
	"github.com/describer/describer/inference/ort"
	"github.com/describer/describer/models"
	"github.com/describer/describer/ui/desktop"
)

// models points the desktop app at the caption model and the text reader,
// loaded one at a time through l's one ONNX Runtime, and at what is
// missing.
func (g guiFlags) models(cfg *desktop.Config, l loader) {
	cfg.Captioner = &app.Model[app.Captioner]{Open: l.load, Installed: l.CaptionInstalled, Note: l.CaptionFallback}
	cfg.Reader = &app.Model[app.TextReader]{Open: l.loadReader, Installed: l.ReaderInstalled}
	cfg.Asker = &app.Model[app.Asker]{Open: l.loadAsker, Installed: l.QuestionInstalled}
	cfg.Translator = l.loadTranslator
	cfg.TranslatorInstalled = l.TranslationInstalled
	cfg.CaptionModel = func() string { return filepath.Base(l.CaptionPath()) }
	cfg.DeviceNote = func() string { _, note := l.Device(); return note }
	cfg.Missing = func() []models.Set {
		_, libErr := ort.FindLibrary(g.rf.ortOptions())
		return models.MissingDefaults(map[string]bool{
			models.KindCaption: g.rf.model != "", models.KindOCR: g.ocrDir != "", models.KindRuntime: libErr == nil})
	}
	cfg.TranslationSet = func(lang string) (models.Set, bool) {
		set, ok := models.Translation(lang)
		return set, ok && g.trDir == "" && !l.TranslationInstalled(lang)
	}
}
