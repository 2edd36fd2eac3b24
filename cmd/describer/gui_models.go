//go:build cgo

package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/describer/describer/app"
	"github.com/describer/describer/inference/ocr"
	"github.com/describer/describer/inference/ort"
	"github.com/describer/describer/inference/vitgpt2"
	"github.com/describer/describer/models"
	"github.com/describer/describer/ui"
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

// prefDownloadDeclined remembers "Not now" to the download question.
const prefDownloadDeclined = "download_declined"

// offerDownload says once what is missing, with the command that fetches
// it, and asks whether to download it now (unless the user said "Not
// now" before), after prefix (a sentence to say first, or ""). It reports
// whether anything was missing.
func (d *desktopApp) offerDownload(prefix string) bool {
	missing := d.missingSets()
	if len(missing) == 0 {
		return false
	}
	var names, sized []string
	for _, s := range missing {
		names = append(names, s.Name)
		sized = append(sized, fmt.Sprintf("%s (%s)", s.Name, models.FormatBytes(s.Size())))
	}
	note := fmt.Sprintf("Not installed: %s. Without them, %s. To fetch them, run: describer models pull %s.",
		strings.Join(sized, ", "), withoutThem(missing), strings.Join(names, " "))
	if prefix != "" {
		note = prefix + " " + note
	}
	d.win.SetStatus(note)
	plan, err := models.PlanPull(missing, models.Options{})
	if err != nil || plan.Files == 0 || d.a.Preferences().Bool(prefDownloadDeclined) {
		d.Say(note)
		return true
	}
	question := strings.TrimSpace(fmt.Sprintf("%s Not installed: %s. Without them, %s. Download %s now?", prefix,
		strings.Join(names, ", "), withoutThem(missing), models.FormatBytes(plan.Bytes)))
	d.win.AskDownload(question, func() { go d.download(plan) }, func() {
		d.a.Preferences().SetBool(prefDownloadDeclined, true)
		d.Say("Not now. To download later, run: describer models pull.")
	})
	return true
}

// withoutThem says what the app does without the missing sets.
func withoutThem(missing []models.Set) string {
	var parts []string
	for _, s := range missing {
		switch s.Kind {
		case models.KindCaption:
			parts = append(parts, "Describer reads the text but does not caption pictures")
		case models.KindVoice:
			parts = append(parts, "speech uses eSpeak NG")
		case models.KindOCR:
			parts = append(parts, "Describer cannot read text")
		case models.KindRuntime:
			parts = append(parts, "no model can run")
		}
	}
	return strings.Join(parts, ", and ")
}

// download fetches plan, saying its progress every 25 %; Stop cancels it.
func (d *desktopApp) download(plan models.Plan) {
	ctx, cancel := context.WithCancel(d.ctx)
	d.mu.Lock()
	d.cancelDownload = cancel
	d.mu.Unlock()
	defer func() {
		cancel()
		d.mu.Lock()
		d.cancelDownload = nil
		d.mu.Unlock()
	}()
	d.Say("Downloading " + models.FormatBytes(plan.Bytes) + ". Press Stop to cancel.")
	var mu sync.Mutex
	quarter := 0
	opt := models.Options{Progress: func(p models.Progress) {
		if p.Total <= 0 {
			return
		}
		pct := int(min(100, p.Done*100/p.Total))
		mu.Lock()
		defer mu.Unlock()
		d.win.SetStatus(fmt.Sprintf("Downloading models: %d%%", pct))
		if q := pct / 25; q > quarter && q < 4 {
			quarter = q
			d.Say(fmt.Sprintf("%d percent downloaded.", q*25))
		}
	}}
	err := models.PullPlan(ctx, plan, opt)
	switch {
	case ctx.Err() != nil:
		d.tell("Download cancelled.")
	case err != nil:
		d.tell(ui.ErrorSentence(err))
	default:
		d.tell("Download finished.")
		// Use what was installed: load the models now, and switch to a new
		// Piper voice.
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
	}
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
