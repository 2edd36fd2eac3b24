//go:build cgo

package main

import (
	"context"
	"fmt"
	"image"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/describer/describer/app"
	"github.com/describer/describer/inference"
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
		// Use what was installed: load the models now (the Service holds
		// these two wrappers, so it needs nothing), and switch to a new
		// Piper voice.
		d.capt.reset()
		d.ocr.reset()
		_, _ = d.capt.get()
		_, _ = d.ocr.get()
		d.mu.Lock()
		s := d.settings
		d.mu.Unlock()
		if msg := d.applyVoice(s); msg != "" {
			d.tell(msg)
		}
	}
}

// optionalModel is a model the app can do without. It loads on first
// need once it is installed; while it is missing, turned off in Settings or
// broken, its part of a description is left out (app.ErrUnavailable, with
// a sentence saying why and what to do). A broken model is told once;
// reset forgets that after a download.
type optionalModel[T any] struct {
	d *desktopApp
	// what names the model in sentences: "The caption model".
	what string
	// installed reports whether its files are there; open loads it; on
	// reports whether Settings ask for it.
	installed func() bool
	open      func() (T, error)
	on        func() bool
	// missing and off say why it is left out.
	missing, off string

	mu     sync.Mutex
	v      T
	loaded bool
	err    error
}

// get returns the loaded model, loading it first if need be.
func (o *optionalModel[T]) get() (T, error) {
	var zero T
	if !o.on() {
		return zero, fmt.Errorf("%w: %s", app.ErrUnavailable, o.off)
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	switch {
	case o.loaded:
		return o.v, nil
	case o.err != nil:
		return zero, o.err
	case !o.installed():
		return zero, fmt.Errorf("%w: %s", app.ErrUnavailable, o.missing)
	}
	v, err := o.open()
	if err != nil {
		o.err = fmt.Errorf("%w: %s cannot be used: %s", app.ErrUnavailable, o.what, ui.ErrorSentence(err))
		o.d.tell(fmt.Sprintf("%s cannot be used: %s", o.what, ui.ErrorSentence(err)))
		return zero, o.err
	}
	o.v, o.loaded = v, true
	return v, nil
}

// reset forgets a failed load, so the next use tries again.
func (o *optionalModel[T]) reset() {
	o.mu.Lock()
	o.err = nil
	o.mu.Unlock()
}

// appCaptioner and appReader are the Service's captioner and reader.
type (
	appCaptioner struct{ m *optionalModel[app.Captioner] }
	appReader    struct {
		m *optionalModel[app.TextReader]
	}
)

// Caption captions img, or says why the caption is left out.
func (c appCaptioner) Caption(ctx context.Context, img image.Image) (inference.Caption, error) {
	m, err := c.m.get()
	if err != nil {
		return inference.Caption{}, err
	}
	return m.Caption(ctx, img)
}

// Read reads the text of img, or says why it is left out.
func (r appReader) Read(ctx context.Context, img image.Image) (ocr.Result, error) {
	m, err := r.m.get()
	if err != nil {
		return ocr.Result{}, err
	}
	return m.Read(ctx, img)
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
	d.capt = &optionalModel[app.Captioner]{d: d, what: "The caption model",
		installed: func() bool { _, _, err := vitgpt2.ModelFiles(d.g.rf.modelDir()); return err == nil },
		open: func() (app.Captioner, error) {
			d.loadMu.Lock() // the loader shares one ONNX Runtime between the models
			defer d.loadMu.Unlock()
			return d.loader.load()
		},
		on:      setting(&d.includeCap),
		missing: "the caption model is not installed; download it when Describer offers, or run: describer models pull caption",
		off:     "describing the picture is turned off in Settings",
	}
	d.ocr = &optionalModel[app.TextReader]{d: d, what: "The text reader",
		installed: func() bool { _, err := os.Stat(filepath.Join(d.ocrDir(), ocr.DetectorFile)); return err == nil },
		open: func() (app.TextReader, error) {
			d.loadMu.Lock()
			defer d.loadMu.Unlock()
			return d.loader.loadReader()
		},
		on:      setting(&d.includeText),
		missing: "the text reader (the OCR models) is not installed; download it when Describer offers, or run: describer models pull ocr",
		off:     "reading the text is turned off in Settings",
	}
	d.svc = &app.Service{
		// Preload runs these at start-up: they load what is installed.
		LoadCaptioner: func() (app.Captioner, error) { _, _ = d.capt.get(); return appCaptioner{d.capt}, nil },
		LoadReader:    func() (app.TextReader, error) { _, _ = d.ocr.get(); return appReader{d.ocr}, nil },
	}
}

// ocrDir is the OCR models' folder.
func (d *desktopApp) ocrDir() string {
	if d.g.ocrDir != "" {
		return d.g.ocrDir
	}
	return models.Dir(models.OCR)
}
