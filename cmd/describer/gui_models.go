//go:build cgo

package main

import (
	"context"
	"fmt"
	"image"
	"strings"
	"sync"

	"github.com/describer/describer/app"
	"github.com/describer/describer/inference"
	"github.com/describer/describer/inference/ocr"
	"github.com/describer/describer/inference/ort"
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
	defer cancel()
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
		d.win.SetStatus("Download cancelled.")
		d.Say("Download cancelled.")
	case err != nil:
		msg := ui.ErrorSentence(err)
		d.win.SetStatus(msg)
		d.Say(msg)
	default:
		d.win.SetStatus("Download finished.")
		d.Say("Download finished.")
		d.mu.Lock()
		s := d.settings
		d.mu.Unlock()
		d.applyVoice(s) // a new Piper voice is used at once; a caption model on next use
	}
}

// optionalCaptioner captions when the caption model is installed and the
// settings ask for captions, and otherwise leaves the caption out, so a
// missing or broken caption model never stops the text from being read.
// It loads the model on first need, and again once a download installs it.
type optionalCaptioner struct {
	d      *desktopApp
	mu     sync.Mutex
	c      app.Captioner
	failed bool
}

// load opens the model if it is installed; it reports a broken one once.
func (o *optionalCaptioner) load() app.Captioner {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.c != nil || o.failed {
		return o.c
	}
	if _, _, err := inference.ModelFiles(o.d.g.rf.modelDir()); err != nil {
		return nil // not installed (yet): text only
	}
	c, err := o.d.loader.load()
	if err != nil {
		o.failed = true
		o.d.win.SetStatus("The caption model cannot be used: " + ui.ErrorSentence(err) + " Describer reads the text only.")
		return nil
	}
	o.c = c
	return c
}

// Caption captions img, or returns no caption.
func (o *optionalCaptioner) Caption(ctx context.Context, img image.Image) (inference.Caption, error) {
	o.d.mu.Lock()
	on := o.d.includeCap
	o.d.mu.Unlock()
	if !on {
		return inference.Caption{}, nil
	}
	c := o.load()
	if c == nil {
		return inference.Caption{}, nil
	}
	return c.Caption(ctx, img)
}

// captioner is the Service's caption loader: it loads the model now if it
// is installed (Preload runs it at start-up).
func (d *desktopApp) captioner() (app.Captioner, error) {
	d.capt.load()
	return d.capt, nil
}

// textReader skips the OCR when the settings leave the text out.
type textReader struct {
	d *desktopApp
	r app.TextReader
}

func (t textReader) Read(ctx context.Context, img image.Image) (ocr.Result, error) {
	t.d.mu.Lock()
	on := t.d.includeText
	t.d.mu.Unlock()
	if !on {
		return ocr.Result{}, nil
	}
	return t.r.Read(ctx, img)
}

func (d *desktopApp) reader() (app.TextReader, error) {
	r, err := d.loader.loadReader()
	if err != nil {
		return nil, err
	}
	return textReader{d, r}, nil
}
