//go:build cgo

package main

import (
	"os"
	"path/filepath"

	"github.com/describer/describer/app"
	"github.com/describer/describer/inference/ocr"
	"github.com/describer/describer/inference/ort"
	"github.com/describer/describer/inference/vitgpt2"
	"github.com/describer/describer/models"
	"github.com/describer/describer/ui/desktop"
)

// models points the desktop app at the caption model and the text reader,
// loaded one at a time through l's one ONNX Runtime, and at what is
// missing.
func (g guiFlags) models(cfg *desktop.Config, l *loader) {
	cfg.Captioner = &app.Model[app.Captioner]{Open: locked(l, l.load),
		Installed: func() bool { _, _, err := vitgpt2.ModelFiles(g.rf.modelDir()); return err == nil }}
	cfg.Reader = &app.Model[app.TextReader]{Open: locked(l, l.loadReader),
		Installed: func() bool { _, err := os.Stat(filepath.Join(l.ocrPath(), ocr.DetectorFile)); return err == nil }}
	cfg.DeviceNote = func() string { _, note := l.device(); return note }
	cfg.Missing = func() []models.Set {
		_, libErr := ort.FindLibrary(g.rf.ortOptions())
		return models.MissingDefaults(map[string]bool{
			models.KindCaption: g.rf.model != "", models.KindOCR: g.ocrDir != "", models.KindRuntime: libErr == nil})
	}
}
