package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"image"
	"path/filepath"
	"time"

	"github.com/describer/describer/app"
	"github.com/describer/describer/app/i18n"
	"github.com/describer/describer/inference"
	"github.com/describer/describer/inference/captioner"
	"github.com/describer/describer/models"
	"github.com/describer/describer/ui/capture"
)

// describeFlags are the describe command's settings.
type describeFlags struct {
	rf                     runtimeFlags
	asJSON, ocrOnly, noOCR bool
	all, history           bool
	beams, maxLen          int
	ocrDir, detail         string
	captures               []app.Input
	at                     *image.Point
	lf                     langFlags
}

func (f *describeFlags) register(fs *flag.FlagSet) {
	f.rf.register(fs)
	f.lf.register(fs)
	fs.BoolVar(&f.asJSON, "json", false, "print one JSON object per image")
	fs.IntVar(&f.beams, "beams", 0, "beam width (default: the model's generation_config.json; 1 = greedy)")
	fs.IntVar(&f.maxLen, "max-length", 0, "longest caption in tokens, counting the start token (default: the model's)")
	fs.StringVar(&f.detail, "detail", "brief", "how much a Florence-2 caption says: "+inference.DetailList())
	fs.BoolVar(&f.ocrOnly, "ocr-only", false, "read the text only; no caption (no caption model needed)")
	fs.BoolVar(&f.noOCR, "no-ocr", false, "caption only; do not read the text")
	fs.BoolVar(&f.history, "history", false, "keep each result in the history the app keeps (see describer history)")
	fs.BoolVar(&f.all, "all", false, "print every line of text (the default stops after "+fmt.Sprint(app.SpokenLines)+")")
	fs.Func("at", "read only the text block at `X,Y` (pixels from the image's top left)", func(v string) error {
		p, err := app.ParsePoint(v)
		f.at = &p
		return err
	})
	fs.StringVar(&f.ocrDir, "ocr-models", "", "folder of the PP-OCRv4 models (default: "+models.Dir(models.OCR)+")")
	for _, c := range app.Captures {
		fs.BoolFunc(c.Flag, c.Help, func(string) error {
			f.captures = append(f.captures, app.Input{Name: c.Flag, From: c.Source})
			return nil
		})
	}
}

func (f *describeFlags) validate(files []string) error {
	if err := f.rf.validate(); err != nil {
		return err
	}
	if err := f.lf.validate(); err != nil {
		return err
	}
	switch {
	case inference.DetailLevel(f.detail) < 0:
		return usageError{fmt.Sprintf("--detail must be %s, not %q", inference.DetailList(), f.detail)}
	case f.beams < 0 || f.beams > inference.MaxBeams:
		return usageError{fmt.Sprintf("--beams must be from 0 (the model's setting) to %d", inference.MaxBeams)}
	case f.maxLen < 0 || f.maxLen == 1:
		return usageError{"--max-length must be 0 (the model's setting) or at least 2"}
	case f.ocrOnly && f.noOCR:
		return usageError{"--ocr-only and --no-ocr cannot be used together"}
	case f.at != nil && f.noOCR:
		return usageError{"--at reads text; it cannot be used with --no-ocr"}
	case len(files) == 0 && len(f.captures) == 0:
		return usageError{"describe needs at least one image file (or - for standard input, or --screen, --window or --clipboard)"}
	}
	return nil
}

// service builds the service over l with the models the flags ask for.
func (f *describeFlags) service(l loader) *app.Service {
	svc := &app.Service{}
	if !f.ocrOnly {
		svc.Captioner = &app.Model[app.Captioner]{What: "caption model", Open: l.load}
		if !f.noOCR && f.rf.model == "" {
			// Text alone beats nothing: without the default caption
			// model the text is still read (as in the app).
			svc.Captioner.Installed = l.CaptionInstalled
			svc.Captioner.Missing = fmt.Sprintf("no caption model is installed, so only the text is read; run \"%s\" to fetch Florence-2",
				models.Caption.PullCommand())
		}
	}
	if !f.noOCR {
		svc.Reader = &app.Model[app.TextReader]{What: "text reader", Open: l.loadReader}
	}
	return svc
}

// translate sets svc to translate captions into --lang, and Describer's
// own words to be in it ("Text on screen:") until restore; the model is
// loaded now.
func (f *describeFlags) translate(svc *app.Service, l loader) (restore func(), err error) {
	tr, err := f.lf.translation(l)
	if tr == nil {
		return func() {}, err
	}
	svc.Translation = &app.Translation{
		Language: func() string { return f.lf.lang },
		Model:    func(string) *app.Model[app.Translator] { return app.Loaded(tr) },
	}
	return i18n.Use(f.lf.lang), nil
}

func (m *Main) describe(ctx context.Context, args []string) (err error) {
	fs := flag.NewFlagSet("describe", flag.ContinueOnError)
	var f describeFlags
	f.register(fs)
	files, err := parseInterspersed(fs, args, m.Stdout)
	if err != nil {
		return err
	}
	if err := f.validate(files); err != nil {
		return err
	}
	l := newLoader(f.rf, f.ocrDir, inference.CaptionOptions{NumBeams: f.beams, MaxLength: f.maxLen}, f.detail)
	svc := f.service(l)
	svc.ModelName = func() string { return filepath.Base(l.CaptionPath()) }
	defer func() { err = errors.Join(err, svc.Close(), l.Close()) }()
	restore, err := f.translate(svc, l)
	if err != nil {
		return err
	}
	defer restore()
	inputs := make([]app.Input, 0, len(files)+len(f.captures))
	for _, file := range files {
		inputs = append(inputs, app.Input{Name: file, From: app.SourceFile})
	}
	r := &describeRun{m: m, f: &f, svc: svc, l: l, named: len(inputs)+len(f.captures) > 1, model: l.CaptionPath()}
	if f.history {
		path, legacy := historyPaths()
		r.history = &app.History{Path: path, Legacy: legacy,
			OnError: func(err error) { fmt.Fprintf(m.Stderr, "describer: %s\n", sentence(err)) }}
		defer func() { err = errors.Join(err, r.history.Close()) }()
	}
	if !f.ocrOnly {
		r.note = l.CaptionFallback()
	}
	if c := svc.Captioner; c != nil && c.Installed != nil && !c.Installed() {
		r.note, r.model = c.Missing, "" // the text is read alone
	}
	for _, in := range append(inputs, f.captures...) {
		if err := r.one(ctx, in); err != nil {
			return err
		}
	}
	if r.status != exitOK {
		return failedError{r.status}
	}
	return nil
}

// describeRun describes the inputs one after another, printing each
// result and keeping the worst exit status.
type describeRun struct {
	m      *Main
	f      *describeFlags
	svc    *app.Service
	l      loader
	named  bool // several inputs: each result is printed after its name
	status int
	// model is the caption model's folder ("" when the default one is not
	// installed); note says which default model is missing, if one is.
	model string
	note  string
	// history, when set, keeps each result (--history).
	history *app.History
	// loadReported is set once an image's timings carried the load time;
	// saidFallback once the reason for the CPU was written; saidNote once
	// the note was.
	loadReported, saidFallback, saidNote bool
}

// one describes in and prints its result; it returns an error only when
// the rest cannot go on (stopped, or a model failed to load).
func (r *describeRun) one(ctx context.Context, in app.Input) error {
	res, said, err := r.describe(ctx, in)
	if err != nil {
		if ctx.Err() != nil || r.svc.LoadFailed(err) {
			return err
		}
		if in.From != app.SourceFile { // a capture's error names what it captured
			fmt.Fprintf(r.m.Stderr, "describer: %s\n", sentence(err))
		} else {
			fmt.Fprintf(r.m.Stderr, "describer: %s: %s\n", displayName(in.Name), sentence(err))
		}
		r.status = max(r.status, statusOf(err))
		res = app.Result{Source: in.Name, Model: r.model, Error: sentence(err)}
	} else if r.note != "" && !r.saidNote {
		r.saidNote = true
		fmt.Fprintf(r.m.Stderr, "describer: %s\n", sentence(errors.New(r.note)))
	} else if _, note := r.l.Device(); note != "" && !r.f.asJSON && !r.saidFallback {
		// Said once, after an image was described (so a failure stays a
		// single line); --json carries it in device_note.
		r.saidFallback = true
		fmt.Fprintf(r.m.Stderr, "describer: %s\n", sentence(errors.New(note)))
	}
	r.print(res, said, err != nil)
	return nil
}

// describe reads or captures one image and describes it; said is what
// the plain output prints.
func (r *describeRun) describe(ctx context.Context, in app.Input) (res app.Result, said string, err error) {
	desk := r.m.Desktop
	if desk == nil {
		desk = capture.Desktop{}
	}
	res, d, err := r.svc.DescribeInput(ctx, in, desk, r.m.Stdin, r.f.at)
	if err != nil {
		return res, "", err
	}
	if r.history != nil {
		r.history.Add(app.NewEntry(time.Now(), app.Request{}, d, nil))
	}
	if res.Model = r.model; captioner.IsFlorence2(res.Model) {
		res.Detail = r.f.detail
	}
	res.Device, res.DeviceNote = r.l.Device()
	if r.svc.Loaded() && !r.loadReported {
		// The one-time load is counted once, on the image that waited for it.
		r.loadReported = true
		res.Timings.Load = app.Millis(r.svc.LoadTime())
	}
	if r.f.all {
		return res, d.FullText(), nil
	}
	return res, d.Sentence(), nil
}

// print writes one result: a JSON line, or the spoken sentence (after the
// input's name when there are several). A failed input prints nothing in
// plain mode; its sentence went to standard error.
func (r *describeRun) print(res app.Result, said string, failed bool) {
	w := r.m.Stdout
	switch {
	case r.f.asJSON:
		b, _ := json.Marshal(res)
		fmt.Fprintln(w, string(b))
	case failed:
	case r.named:
		fmt.Fprintf(w, "%s: %s\n", displayName(res.Source), said)
	default:
		fmt.Fprintln(w, said)
	}
}

func displayName(f string) string {
	if f == "-" {
		return "standard input"
	}
	return f
}
