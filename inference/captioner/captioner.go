// Package captioner opens whichever caption model a folder holds:
// Florence-2 or ViT-GPT2, told apart by the folder's config.json.
package captioner

import (
	"context"
	"image"

	"github.com/describer/describer/inference"
	"github.com/describer/describer/inference/florence2"
	"github.com/describer/describer/inference/vitgpt2"
)

// Model is a loaded caption model.
type Model interface {
	Caption(ctx context.Context, img image.Image) (inference.Caption, error)
	Close() error
}

// IsFlorence2 reports whether dir holds a Florence-2 model.
func IsFlorence2(dir string) bool { return florence2.IsModel(dir) }

// Check returns nil when dir holds a caption model's files, and otherwise
// an error wrapping inference.ErrNoModel (nothing there) or naming what
// is wrong.
func Check(dir string) error {
	if florence2.IsModel(dir) {
		return nil
	}
	_, _, err := vitgpt2.ModelFiles(dir)
	return err
}

// Open loads the caption model in dir. level is Florence-2's level of
// detail ("brief", "detailed" or "paragraph"; brief if empty); ViT-GPT2
// has one.
func Open(dir string, open inference.SessionOpener, opt inference.CaptionOptions, level string) (Model, error) {
	if florence2.IsModel(dir) {
		return florence2.Load(dir, open, florence2.Options{Task: florence2.Levels[level], Caption: opt})
	}
	return vitgpt2.Load(dir, open, opt)
}
