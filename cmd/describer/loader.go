package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"runtime"

	"github.com/describer/describer/app"
	"github.com/describer/describer/inference"
	load "github.com/describer/describer/inference/loader"
	"github.com/describer/describer/inference/ocr"
	"github.com/describer/describer/inference/ort"
	"github.com/describer/describer/inference/smolvlm"
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
	return ort.Options{LibraryPath: r.ortLib, DataDir: models.DataDir(), Device: r.device, Threads: r.threads,
		GraphCache: models.GraphCacheDir(models.DataDir())}
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

// loader loads the models, and names the command that fetches a missing
// default model.
type loader struct{ *load.Loader }

func newLoader(rf runtimeFlags, ocrDir string, opt inference.CaptionOptions, level string) loader {
	return loader{&load.Loader{ORT: rf.ortOptions(), CaptionDir: rf.model, OCRDir: ocrDir, Caption: opt, Level: level}}
}

// load opens the caption model: Florence-2 or ViT-GPT2.
func (l loader) load() (app.Captioner, error) {
	m, err := l.Captioner()
	if l.CaptionDir == "" && errors.Is(err, inference.ErrNoModel) {
		err = fmt.Errorf("%w; run \"%s\" to fetch it, download the files of %s into %s by hand, or pass --model DIR",
			err, models.Caption.PullCommand(), models.Caption.Title, l.CaptionPath())
	}
	if err != nil {
		return nil, err
	}
	return m, nil
}

// loadAsker opens the question model.
func (l loader) loadAsker() (app.Asker, error) {
	m, err := l.question()
	if err != nil {
		return nil, err
	}
	return app.Questions(m), nil
}

// question opens the question model; a missing or broken one is said as
// questionModelError says it.
func (l loader) question() (*smolvlm.Model, error) {
	m, err := l.Question()
	if err != nil {
		return nil, questionModelError(l.QuestionPath(), l.QuestionDir != "", err)
	}
	return m, nil
}

// loadTranslator opens the model that translates English into lang.
func (l loader) loadTranslator(lang string) (app.Translator, error) {
	m, err := l.Translation(lang)
	if err != nil {
		return nil, err
	}
	return app.TranslatorFunc(func(ctx context.Context, text string) (string, error) {
		t, err := m.Translate(ctx, text)
		return t.Text, err
	}), nil
}

// loadReader opens the OCR models.
func (l loader) loadReader() (app.TextReader, error) {
	reader, err := l.Reader()
	if l.OCRDir == "" && errors.Is(err, ocr.ErrNoModel) {
		err = fmt.Errorf("%w; run \"%s\" (make run does) to fetch them, or pass --no-ocr", err, models.OCR.PullCommand())
	}
	if err != nil {
		return nil, err
	}
	return reader, nil
}
