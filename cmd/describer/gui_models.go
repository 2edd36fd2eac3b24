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
)

// missingSets lists the default model sets that are not installed and
// not replaced by a command-line folder.
func (d *desktopApp) missingSets() []models.Set {
	var missing []models.Set
	for _, s := range models.Defaults() {
		switch {
		case s.Kind == models.KindCaption && d.g.rf.model != "",
			s.Kind == models.KindOCR && d.g.ocrDir != "":
			continue
		case s.Kind == models.KindRuntime:
			if _, err := ort.FindLibrary(d.g.rf.ortOptions()); err == nil {
				continue
			}
		}
		if models.Status(s).State != models.Installed {
			missing = append(missing, s)
		}
	}
	return missing
}

// newDownloads makes the offer of the missing models; after a download
// it loads the models now and switches to a new Piper voice.
func (d *desktopApp) newDownloads() *app.Downloads {
	return &app.Downloads{Missing: d.missingSets, Window: d.win, Prefs: d.a.Preferences(), Say: d.Say,
		Installed: func() {
			d.capt.Reset()
			d.ocr.Reset()
			_, _ = d.capt.Get()
			_, _ = d.ocr.Get()
			d.mu.Lock()
			s := d.settings
			d.mu.Unlock()
			if msg := d.applyVoice(s); msg != "" {
				d.tell(msg)
			}
		}}
}

// setupModels makes the optional caption model and text reader.
func (d *desktopApp) setupModels() {
	setting := func(b *bool) func() bool {
		return func() bool {
			d.mu.Lock()
			defer d.mu.Unlock()
			return *b
		}
	}
	d.capt = &app.Model[app.Captioner]{What: "The caption model", Optional: true,
		OnFail:    d.tell,
		Installed: func() bool { _, _, err := vitgpt2.ModelFiles(d.g.rf.modelDir()); return err == nil },
		Open: func() (app.Captioner, error) {
			d.loadMu.Lock() // the loader shares one ONNX Runtime between the models
			defer d.loadMu.Unlock()
			return d.loader.load()
		},
		On:      setting(&d.includeCap),
		Missing: "the caption model is not installed; download it when Describer offers, or run: describer models pull caption",
		Off:     "describing the picture is turned off in Settings",
	}
	d.ocr = &app.Model[app.TextReader]{What: "The text reader", Optional: true,
		OnFail:    d.tell,
		Installed: func() bool { _, err := os.Stat(filepath.Join(d.ocrDir(), ocr.DetectorFile)); return err == nil },
		Open: func() (app.TextReader, error) {
			d.loadMu.Lock()
			defer d.loadMu.Unlock()
			return d.loader.loadReader()
		},
		On:      setting(&d.includeText),
		Missing: "the text reader (the OCR models) is not installed; download it when Describer offers, or run: describer models pull ocr",
		Off:     "reading the text is turned off in Settings",
	}
	d.svc = &app.Service{Captioner: d.capt, Reader: d.ocr}
}

// ocrDir is the OCR models' folder.
func (d *desktopApp) ocrDir() string {
	if d.g.ocrDir != "" {
		return d.g.ocrDir
	}
	return models.Dir(models.OCR)
}
