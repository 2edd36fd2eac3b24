package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"image"
	"io"
	"io/fs"
	"math"
	"os"
	"runtime"
	"time"

	"github.com/describer/describer/app"
	"github.com/describer/describer/inference"
	"github.com/describer/describer/inference/imaging"
	"github.com/describer/describer/inference/ocr"
	"github.com/describer/describer/inference/ort"
	"github.com/describer/describer/inference/vitgpt2"
	"github.com/describer/describer/models"
	"github.com/describer/describer/speech"
	"github.com/describer/describer/speech/espeak"
	"github.com/describer/describer/speech/screenreader"
	"github.com/describer/describer/ui/capture"
)

// runtimeFlags are the flags shared by commands that run models.
type runtimeFlags struct {
	device  string
	ortLib  string
	threads int
	model   string
}

func (r *runtimeFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&r.device, "device", "auto", "where models run: auto, cpu, cuda, directml or coreml")
	fs.StringVar(&r.ortLib, "ort-lib", "", "path of the ONNX Runtime shared library (default: $DESCRIBER_ORT_LIB, the data folder, then system folders)")
	fs.IntVar(&r.threads, "threads", 0, "CPU threads per model (0 = automatic)")
	fs.StringVar(&r.model, "model", "", "caption model folder in the Hugging Face layout (default: "+models.Dir(models.Caption)+")")
}

func (r *runtimeFlags) ortOptions() ort.Options {
	return ort.Options{LibraryPath: r.ortLib, DataDir: models.DataDir(), Device: r.device, Threads: r.threads}
}

func (r *runtimeFlags) modelDir() string {
	if r.model != "" {
		return r.model
	}
	return models.Dir(models.Caption)
}

func (r *runtimeFlags) validate() error {
	switch r.device {
	case "auto", "cpu", "cuda", "directml", "coreml":
	default:
		return usageError{fmt.Sprintf("unknown device %q; use auto, cpu, cuda, directml or coreml", r.device)}
	}
	if limit := 4 * runtime.NumCPU(); r.threads < 0 || r.threads > limit {
		return usageError{fmt.Sprintf("--threads must be from 0 (automatic) to %d, four per CPU core", limit)}
	}
	return nil
}

// describeResult is one line of --json output.
type describeResult struct {
	Source     string     `json:"source"`
	Caption    string     `json:"caption"`
	Confidence float64    `json:"confidence"`
	Blank      bool       `json:"blank"`
	Width      int        `json:"width,omitempty"`
	Height     int        `json:"height,omitempty"`
	Model      string     `json:"model"`
	Device     string     `json:"device"`
	DeviceNote string     `json:"device_note,omitempty"`
	Text       *string    `json:"text,omitempty"`
	Lines      []lineJSON `json:"lines,omitempty"`
	Timings    *timingsMS `json:"timings_ms,omitempty"`
	Error      string     `json:"error,omitempty"`
	// sentence is what the plain output prints.
	sentence string
}

// lineJSON is one line of text in --json output.
type lineJSON struct {
	Text       string  `json:"text"`
	Box        [4]int  `json:"box"`
	Confidence float64 `json:"confidence"`
}

type timingsMS struct {
	Load       float64 `json:"load"`
	Read       float64 `json:"read"`
	Preprocess float64 `json:"preprocess"`
	Encode     float64 `json:"encode"`
	Decode     float64 `json:"decode"`
	OCR        float64 `json:"ocr"`
	Total      float64 `json:"total"`
}

func ms(d time.Duration) float64 { return math.Round(float64(d)/1e5) / 10 }

func (m *Main) describe(ctx context.Context, args []string) (err error) {
	fs := flag.NewFlagSet("describe", flag.ContinueOnError)
	var rf runtimeFlags
	rf.register(fs)
	asJSON := fs.Bool("json", false, "print one JSON object per image")
	beams := fs.Int("beams", 0, "beam width (default: the model's generation_config.json; 1 = greedy)")
	maxLen := fs.Int("max-length", 0, "longest caption in tokens, counting the start token (default: the model's)")
	ocrOnly := fs.Bool("ocr-only", false, "read the text only; no caption (no caption model needed)")
	noOCR := fs.Bool("no-ocr", false, "caption only; do not read the text")
	all := fs.Bool("all", false, "print every line of text (the default stops after "+fmt.Sprint(app.SpokenLines)+")")
	ocrDir := fs.String("ocr-models", "", "folder of the PP-OCRv4 models (default: "+models.Dir(models.OCR)+")")
	var captures []captureSource
	for _, c := range captureSources {
		fs.BoolFunc(c.flag, c.help, func(string) error { captures = append(captures, c); return nil })
	}
	files, err := parseInterspersed(fs, args, m.Stdout)
	if err != nil {
		return err
	}
	if err := rf.validate(); err != nil {
		return err
	}
	if *beams < 0 || *beams > inference.MaxBeams {
		return usageError{fmt.Sprintf("--beams must be from 0 (the model's setting) to %d", inference.MaxBeams)}
	}
	if *maxLen < 0 || *maxLen == 1 {
		return usageError{"--max-length must be 0 (the model's setting) or at least 2"}
	}
	if *ocrOnly && *noOCR {
		return usageError{"--ocr-only and --no-ocr cannot be used together"}
	}
	if len(files) == 0 && len(captures) == 0 {
		return usageError{"describe needs at least one image file (or - for standard input, or --screen, --window or --clipboard)"}
	}
	l := &loader{flags: rf, opt: inference.CaptionOptions{NumBeams: *beams, MaxLength: *maxLen}, stderr: m.Stderr,
		quiet: *asJSON, ocrDir: *ocrDir, all: *all}
	svc := &app.Service{}
	if !*ocrOnly {
		svc.Captioner = &app.Model[app.Captioner]{What: "caption model", Open: l.load}
	}
	if !*noOCR {
		svc.Reader = &app.Model[app.TextReader]{What: "text reader", Open: l.loadReader}
	}
	defer func() { err = errors.Join(err, svc.Close(), l.close()) }()
	status := exitOK
	inputs := make([]input, 0, len(files)+len(captures))
	for _, f := range files {
		inputs = append(inputs, input{source: f, from: app.SourceFile})
	}
	for _, c := range captures {
		inputs = append(inputs, input{source: c.flag, from: c.source})
	}
	for _, in := range inputs {
		res, err := m.describeOne(ctx, svc, l, in)
		if err != nil {
			if ctx.Err() != nil || svc.LoadFailed(err) {
				return err
			}
			if in.from != app.SourceFile { // a capture's error names what it captured
				fmt.Fprintf(m.Stderr, "describer: %s\n", sentence(err))
			} else {
				fmt.Fprintf(m.Stderr, "describer: %s: %s\n", displayName(in.source), sentence(err))
			}
			status = max(status, statusOf(err))
			res = describeResult{Source: in.source, Model: rf.modelDir(), Error: sentence(err)}
		}
		if err == nil {
			l.sayFallback()
		}
		m.print(res, *asJSON, err != nil, len(inputs) > 1, *all)
	}
	if status != exitOK {
		return failedError{status}
	}
	return nil
}

// print writes one result: a JSON line, or the spoken sentence (after the
// file's name when several files were given). A failed file prints
// nothing in plain mode; its sentence went to standard error.
func (m *Main) print(res describeResult, asJSON, failed, named, all bool) {
	if asJSON {
		b, _ := json.Marshal(res)
		fmt.Fprintln(m.Stdout, string(b))
		return
	}
	if failed {
		return
	}
	if named {
		fmt.Fprintf(m.Stdout, "%s: %s\n", displayName(res.Source), res.sentence)
		return
	}
	fmt.Fprintln(m.Stdout, res.sentence)
}

func displayName(f string) string {
	if f == "-" {
		return "standard input"
	}
	return f
}

func (m *Main) describeOne(ctx context.Context, svc *app.Service, l *loader, in input) (describeResult, error) {
	start := time.Now()
	img, err := m.readImage(ctx, in)
	if err != nil {
		return describeResult{}, err
	}
	read := time.Since(start)
	d, err := svc.Describe(ctx, in.source, img)
	if err != nil {
		return describeResult{}, err
	}
	d.Screen = in.from.OnScreen()
	res := describeResult{
		Source: d.Source, Caption: d.Caption, Confidence: math.Round(d.Confidence*1e4) / 1e4, Blank: d.Blank,
		Width: d.Width, Height: d.Height, Model: l.flags.modelDir(),
		Timings: &timingsMS{Read: ms(read), Preprocess: ms(d.Timings.Preprocess), Encode: ms(d.Timings.Encode),
			Decode: ms(d.Timings.Decode), OCR: ms(d.OCRTime), Total: ms(time.Since(start))},
		sentence: d.Sentence(),
	}
	if l.all {
		res.sentence = d.FullText()
	}
	if d.Lines != nil {
		text := d.Text()
		res.Text = &text
		for _, ln := range d.Lines {
			b := ln.Box()
			res.Lines = append(res.Lines, lineJSON{Text: ln.Text, Box: [4]int{b.Min.X, b.Min.Y, b.Max.X, b.Max.Y},
				Confidence: math.Round(ln.Confidence*1e4) / 1e4})
		}
	}
	if l.rt != nil {
		res.Device, res.DeviceNote = l.rt.Device(), l.rt.FallbackReason()
	}
	if svc.Loaded() && !l.loadReported {
		// The one-time load is counted once, on the image that waited for it.
		l.loadReported = true
		res.Timings.Load = ms(svc.LoadTime())
	}
	return res, nil
}

// captureSource is a describe flag that captures an image from the desktop;
// its flag's name is the source's name in the output ("screen").
type captureSource struct {
	flag, help string
	source     app.Source
}

// captureSources are describe's capture flags.
var captureSources = []captureSource{
	{"screen", "describe the screen under the mouse pointer", app.SourceScreen},
	{"all-screens", "describe every screen at once", app.SourceAllScreens},
	{"window", "describe the active window", app.SourceWindow},
	{"clipboard", "describe the image on the clipboard", app.SourceClipboard},
}

// input is one image to describe: a file (or "-") named by source, or a
// capture from the desktop named by its flag.
type input struct {
	source string
	from   app.Source // app.SourceFile for a file
}

// readImage reads and decodes an image file, standard input for "-", or
// captures the desktop.
func (m *Main) readImage(ctx context.Context, in input) (image.Image, error) {
	if in.from != app.SourceFile {
		d := m.Desktop
		if d == nil {
			d = capture.Desktop{}
		}
		return in.from.Capture(ctx, d)
	}
	f := in.source
	if f == "-" {
		img, _, err := imaging.DecodeImage(io.LimitReader(m.Stdin, maxStdinImage))
		return img, err
	}
	fh, err := os.Open(f)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, usageError{"no such file"}
	case errors.Is(err, fs.ErrPermission):
		return nil, usageError{"permission denied"}
	case err != nil:
		return nil, err
	}
	defer fh.Close()
	if st, err := fh.Stat(); err == nil && st.IsDir() {
		return nil, usageError{"is a folder, not an image file"}
	}
	img, _, err := imaging.DecodeImage(fh)
	return img, err
}

// maxStdinImage bounds what describe reads from standard input (1 GiB).
const maxStdinImage = 1 << 30

// loader opens ONNX Runtime and the caption model when first needed.
type loader struct {
	flags  runtimeFlags
	opt    inference.CaptionOptions
	stderr io.Writer
	quiet  bool // --json carries the fallback reason in device_note instead
	rt     *ort.Runtime
	// loadReported is set once an image's timings carried the load time.
	loadReported bool
	ocrDir       string
	all          bool
	said         bool
}

func (l *loader) load() (app.Captioner, error) {
	dir := l.flags.modelDir()
	if _, _, err := vitgpt2.ModelFiles(dir); err != nil {
		return nil, withModelHint(err, l.flags.model == "")
	}
	rt, err := l.runtime()
	if err != nil {
		return nil, err
	}
	model, err := vitgpt2.Load(dir, rt.Opener(), l.opt)
	if err != nil {
		return nil, err
	}
	return model, nil
}

// loadReader opens the OCR models.
func (l *loader) loadReader() (app.TextReader, error) {
	dir := l.ocrDir
	if dir == "" {
		dir = models.Dir(models.OCR)
	}
	rt, err := l.runtime()
	if err != nil {
		return nil, err
	}
	reader, err := ocr.Open(dir, rt.Opener())
	if errors.Is(err, ocr.ErrNoModel) && l.ocrDir == "" {
		err = fmt.Errorf("%w; run \"describer models pull ocr\" (make run does) to fetch them, or pass --no-ocr", err)
	}
	if err != nil {
		return nil, err
	}
	return reader, nil
}

// runtime opens ONNX Runtime once for every model.
func (l *loader) runtime() (*ort.Runtime, error) {
	if l.rt == nil {
		rt, err := ort.Open(l.flags.ortOptions())
		if err != nil {
			return nil, err
		}
		l.rt = rt
	}
	return l.rt, nil
}

// sayFallback says once, after an image was described (so a failure stays
// a single line), why the GPU was not used.
func (l *loader) sayFallback() {
	if l.rt == nil {
		return
	}
	if r := l.rt.FallbackReason(); r != "" && !l.quiet && !l.said {
		l.said = true
		fmt.Fprintf(l.stderr, "describer: %s\n", sentence(errors.New(r)))
	}
}

func (l *loader) close() error {
	if l.rt != nil {
		return l.rt.Close()
	}
	return nil
}

// withModelHint adds how to get the caption model when the default folder
// is missing it.
func withModelHint(err error, isDefault bool) error {
	if !isDefault || !errors.Is(err, inference.ErrNoModel) {
		return err
	}
	return fmt.Errorf("%w; run \"describer models pull caption\" to fetch it, download the files of %s into %s by hand, or pass --model DIR",
		err, models.Caption.Title, models.Dir(models.Caption))
}

// statusOf maps an error to an exit status: bad input or set-up → 2,
// anything else → 1.
func statusOf(err error) int {
	if errors.Is(err, screenreader.ErrNotRunning) {
		return exitFailure
	}
	var ue usageError
	var be badInputError
	if app.IsBadInput(err) || errors.As(err, &ue) || errors.As(err, &be) || errors.Is(err, fs.ErrNotExist) {
		return exitUsage
	}
	for _, target := range []error{ort.ErrLibraryNotFound, ort.ErrLibraryLoad, ort.ErrLibraryVersion, ort.ErrDeviceUnavailable,
		fs.ErrPermission, speech.ErrNothingToSay, espeak.ErrUnknownVoice} {
		if errors.Is(err, target) {
			return exitUsage
		}
	}
	return exitFailure
}

// synopses are the usage lines that -h prints, by command.
var synopses = map[string]string{
	"describe": "describe [flags] FILE...   (- reads an image from standard input)",
	"speak":    "speak [flags] TEXT...      (- reads the text from standard input)",
	"doctor":   "doctor [flags]",
}

// parseInterspersed parses flags that may come before, between or after
// the positional arguments ("--" ends the flags).
func parseInterspersed(fs *flag.FlagSet, args []string, help io.Writer) ([]string, error) {
	synopsis := synopses[fs.Name()]
	fs.SetOutput(io.Discard)
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				fmt.Fprintf(help, "Usage: describer %s\n\nFlags:\n", synopsis)
				fs.SetOutput(help)
				fs.PrintDefaults()
				return nil, failedError{exitOK}
			}
			return nil, usageError{err.Error()}
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if len(args) > len(rest) && args[len(args)-len(rest)-1] == "--" {
			return append(pos, rest...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}
