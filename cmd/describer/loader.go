package main

import (
	"errors"
	"flag"
	"fmt"
	"runtime"
	"sync"

	"github.com/describer/describer/app"
	"github.com/describer/describer/inference"
	"github.com/describer/describer/inference/florence2"
	"github.com/describer/describer/inference/ocr"
	"github.com/describer/describer/inference/ort"
	"github.com/describer/describer/inference/vitgpt2"
	"github.com/describer/describer/models"
)

// runtimeFlags are the flags shared by commands that run models.
type runtimeFlags struct {
	device  string
	ortLib  string
	threads int
	model   string
}

func (r *runtimeFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&r.device, "device", "auto", "where models run: "+inference.DeviceList())
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
	if err := inference.CheckDevice(r.device); err != nil {
		return usageError{err.Error()}
	}
	if limit := 4 * runtime.NumCPU(); r.threads < 0 || r.threads > limit {
		return usageError{fmt.Sprintf("--threads must be from 0 (automatic) to %d, four per CPU core", limit)}
	}
	return nil
}

// loader opens ONNX Runtime once, then the caption model and the text
// reader on it.
type loader struct {
	flags  runtimeFlags
	opt    inference.CaptionOptions
	ocrDir string
	// task is the Florence-2 level of detail (brief if empty); florence
	// is set once a Florence-2 model is loaded.
	task     string
	florence bool
	rt       *ort.Runtime
	// mu makes loading one model at a time (the app loads in the
	// background).
	mu sync.Mutex
}

// locked makes open take l's lock.
func locked[T any](l *loader, open func() (T, error)) func() (T, error) {
	return func() (T, error) {
		l.mu.Lock()
		defer l.mu.Unlock()
		return open()
	}
}

// load opens the caption model: Florence-2 or ViT-GPT2, told apart by the
// folder's config.json.
func (l *loader) load() (app.Captioner, error) {
	dir := l.flags.modelDir()
	if florence2.IsModel(dir) {
		rt, err := l.runtime()
		if err != nil {
			return nil, err
		}
		m, err := florence2.Load(dir, rt.Opener(), florence2.Options{Task: l.task, Caption: l.opt})
		l.florence = err == nil
		return m, err
	}
	if _, _, err := vitgpt2.ModelFiles(dir); err != nil {
		if l.flags.model == "" && errors.Is(err, inference.ErrNoModel) {
			err = fmt.Errorf("%w; run \"%s\" to fetch it, download the files of %s into %s by hand, or pass --model DIR",
				err, models.Caption.PullCommand(), models.Caption.Title, dir)
		}
		return nil, err
	}
	rt, err := l.runtime()
	if err != nil {
		return nil, err
	}
	return vitgpt2.Load(dir, rt.Opener(), l.opt)
}

// captionInstalled reports whether the caption model's files are there.
func (l *loader) captionInstalled() bool {
	if florence2.IsModel(l.flags.modelDir()) {
		return true
	}
	_, _, err := vitgpt2.ModelFiles(l.flags.modelDir())
	return !errors.Is(err, inference.ErrNoModel)
}

// ocrPath is the OCR models' folder.
func (l *loader) ocrPath() string {
	if l.ocrDir != "" {
		return l.ocrDir
	}
	return models.Dir(models.OCR)
}

// loadReader opens the OCR models.
func (l *loader) loadReader() (app.TextReader, error) {
	rt, err := l.runtime()
	if err != nil {
		return nil, err
	}
	reader, err := ocr.Open(l.ocrPath(), rt.Opener())
	if errors.Is(err, ocr.ErrNoModel) && l.ocrDir == "" {
		err = fmt.Errorf("%w; run \"%s\" (make run does) to fetch them, or pass --no-ocr", err, models.OCR.PullCommand())
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

// device names where the models run and why not on a GPU; "" before ONNX
// Runtime was opened.
func (l *loader) device() (name, note string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.rt == nil {
		return "", ""
	}
	return l.rt.Device(), l.rt.FallbackReason()
}

func (l *loader) close() error {
	if l.rt != nil {
		return l.rt.Close()
	}
	return nil
}
