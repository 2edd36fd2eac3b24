// Package loader opens ONNX Runtime once and, on it, the models a command
// or the desktop app runs: the caption model (Florence-2 or ViT-GPT2,
// whichever its folder holds), the text reader, the question model and
// the translation models. One model loads at a time, so the app can load in the background while it asks where the
// models run.
package loader

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"

	"github.com/describer/describer/inference"
	"github.com/describer/describer/inference/captioner"
	"github.com/describer/describer/inference/marian"
	"github.com/describer/describer/inference/ocr"
	"github.com/describer/describer/inference/ort"
	"github.com/describer/describer/inference/smolvlm"
	"github.com/describer/describer/models"
)

// Loader holds the settings and, once opened, ONNX Runtime.
type Loader struct {
	// ORT opens ONNX Runtime.
	ORT ort.Options
	// CaptionDir, OCRDir and QuestionDir are the models' folders; empty
	// means the catalog's default folder.
	CaptionDir, OCRDir, QuestionDir string
	// Caption overrides the caption model's generation settings.
	Caption inference.CaptionOptions
	// Level is Florence-2's level of detail (brief if empty).
	Level string
	// TranslationDir, when set, is the translation model's folder for
	// whichever language is asked for; empty means the catalog's folder
	// of that language's set.
	TranslationDir string

	mu sync.Mutex
	rt *ort.Runtime
}

// CaptionPath is the caption model's folder: CaptionDir, or else
// Florence-2's, or the small model's when only that one is installed.
func (l *Loader) CaptionPath() string {
	if l.CaptionDir != "" {
		return l.CaptionDir
	}
	dir, _ := captioner.DefaultDir()
	return dir
}

// CaptionFallback returns the sentence to say once when the small caption
// model stands in for Florence-2, which is not installed; "" otherwise.
func (l *Loader) CaptionFallback() string {
	if l.CaptionDir != "" {
		return ""
	}
	if _, fallback := captioner.DefaultDir(); fallback {
		return captioner.FallbackNote()
	}
	return ""
}

// OCRPath is the OCR models' folder.
func (l *Loader) OCRPath() string {
	if l.OCRDir != "" {
		return l.OCRDir
	}
	return models.Dir(models.OCR)
}

// CaptionInstalled reports whether the caption model's folder holds all
// its files.
func (l *Loader) CaptionInstalled() bool { return captioner.Check(l.CaptionPath()) == nil }

// ReaderInstalled reports whether the OCR models' folder holds the
// detector.
func (l *Loader) ReaderInstalled() bool {
	_, err := os.Stat(filepath.Join(l.OCRPath(), ocr.DetectorFile))
	return err == nil
}

// Captioner loads the caption model.
func (l *Loader) Captioner() (captioner.Model, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if err := captioner.Check(l.CaptionPath()); err != nil {
		return nil, err
	}
	rt, err := l.runtime()
	if err != nil {
		return nil, err
	}
	return captioner.Open(l.CaptionPath(), rt.Opener(), l.Caption, l.Level)
}

// Reader loads the OCR models.
func (l *Loader) Reader() (*ocr.Engine, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	rt, err := l.runtime()
	if err != nil {
		return nil, err
	}
	return ocr.Open(l.OCRPath(), rt.Opener())
}

// QuestionPath is the question model's folder.
func (l *Loader) QuestionPath() string {
	if l.QuestionDir != "" {
		return l.QuestionDir
	}
	return models.Dir(models.Question)
}

// QuestionInstalled reports whether the question model's folder holds all
// its files.
func (l *Loader) QuestionInstalled() bool { return smolvlm.Check(l.QuestionPath()) == nil }

// Question loads the question model (its q8 graphs when both variants
// are there), its token-by-token graphs with spinning worker threads.
func (l *Loader) Question() (*smolvlm.Model, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if err := smolvlm.Check(l.QuestionPath()); err != nil {
		return nil, err
	}
	rt, err := l.runtime()
	if err != nil {
		return nil, err
	}
	return smolvlm.Load(l.QuestionPath(), rt.Opener(), smolvlm.Options{Quantized: true, Generate: rt.SpinningOpener()})
}

// TranslationPath is the folder of the model that translates English
// into lang, or "" when the catalog has none for it (and no
// TranslationDir is set).
func (l *Loader) TranslationPath(lang string) string {
	if l.TranslationDir != "" {
		return l.TranslationDir
	}
	if set, ok := models.Translation(lang); ok {
		return models.Dir(set)
	}
	return ""
}

// TranslationInstalled reports whether the model into lang is there.
func (l *Loader) TranslationInstalled(lang string) bool {
	dir := l.TranslationPath(lang)
	return dir != "" && marian.Check(dir) == nil
}

// Translation loads the model that translates English into lang (its q8
// graphs when both variants are there), decoding greedily.
func (l *Loader) Translation(lang string) (*marian.Model, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	dir := l.TranslationPath(lang)
	if dir == "" {
		return nil, fmt.Errorf("%w: Describer has no translation into %q", inference.ErrNoModel, lang)
	}
	if err := marian.Check(dir); err != nil {
		return nil, err
	}
	rt, err := l.runtime()
	if err != nil {
		return nil, err
	}
	// Greedy, as transformers.js decodes Marian: four beams take about
	// four times as long, past the time a caption may wait for speech.
	// The decoder runs once per token: its threads spin between runs.
	return marian.Load(dir, rt.Opener(), marian.Options{Quantized: true, Beams: 1, Generate: rt.SpinningOpener()})
}

// runtime opens ONNX Runtime once for every model; l.mu is held.
func (l *Loader) runtime() (*ort.Runtime, error) {
	if l.rt == nil {
		rt, err := ort.Open(l.ORT)
		if err != nil {
			return nil, err
		}
		l.rt = rt
	}
	return l.rt, nil
}

// Device names where the models run and why not on a GPU; "" before ONNX
// Runtime was opened.
func (l *Loader) Device() (name, note string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.rt == nil {
		return "", ""
	}
	return l.rt.Device(), l.rt.FallbackReason()
}

// Close closes ONNX Runtime, after the models.
func (l *Loader) Close() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.rt == nil {
		return nil
	}
	return l.rt.Close()
}
