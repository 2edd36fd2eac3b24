// Package captioner opens whichever caption model a folder holds:
// Florence-2 or ViT-GPT2, told apart by the folder's config.json.
package captioner

import (
	"context"
	"fmt"
	"image"

	"github.com/describer/describer/inference"
	"github.com/describer/describer/inference/florence2"
	"github.com/describer/describer/inference/vitgpt2"
	"github.com/describer/describer/models"
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
		return florence2.Check(dir)
	}
	_, _, err := vitgpt2.ModelFiles(dir)
	return err
}

// Set returns the catalog set of the model in dir: models.Caption for
// Florence-2, models.CaptionSmall for ViT-GPT2.
func Set(dir string) models.Set {
	if florence2.IsModel(dir) {
		return models.Caption
	}
	return models.CaptionSmall
}

// DefaultDir returns the folder of the caption model to use when none is
// named: Florence-2's when it is installed; else the small model's when
// that one is, with fallback set; else Florence-2's, so that what is
// missing is the default.
func DefaultDir() (dir string, fallback bool) {
	dir = models.Dir(models.Caption)
	if Check(dir) == nil {
		return dir, false
	}
	if small := models.Dir(models.CaptionSmall); Check(small) == nil {
		return small, true
	}
	return dir, false
}

// FallbackNote is the sentence said once when the small model captions
// because Florence-2 is not installed.
func FallbackNote() string {
	return fmt.Sprintf("Florence-2 is not installed, so the small caption model describes the picture, in one level of detail; run \"%s\" to fetch Florence-2",
		models.Caption.PullCommand())
}

// Open loads the caption model in dir. level is Florence-2's level of
// detail ("brief", "detailed" or "paragraph"; brief if empty); ViT-GPT2
// has one.
func Open(dir string, open inference.SessionOpener, opt inference.CaptionOptions, level string) (Model, error) {
	if florence2.IsModel(dir) {
		return florence2.Load(dir, open, florence2.Options{Task: florence2.Task(level), Caption: opt})
	}
	return vitgpt2.Load(dir, open, opt)
}
