package ocr

import (
	"context"
	"errors"
	"fmt"
	"image"
	"os"
	"path/filepath"

	"github.com/describer/describer/inference"
)

// MinConfidence is the recogniser confidence below which a line is dropped
// as noise rather than read out.
const MinConfidence = 0.5

// Engine reads the text of images: detection, recognition and reading
// order. Read calls are serialised by the sessions.
type Engine struct {
	det *Detector
	rec *Recognizer
}

// Open loads the PP-OCRv4 detector and recogniser from dir.
func Open(dir string, open inference.SessionOpener) (e *Engine, err error) {
	for _, f := range []string{DetectorFile, RecognizerFile, KeysFile} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			return nil, fmt.Errorf("%w: %s has no %s", ErrNoModel, dir, f)
		}
	}
	e = &Engine{}
	defer func() {
		if err != nil {
			err = errors.Join(err, e.Close())
			e = nil
		}
	}()
	if e.det, err = LoadDetector(filepath.Join(dir, DetectorFile), open); err != nil {
		return e, err
	}
	e.rec, err = LoadRecognizer(filepath.Join(dir, RecognizerFile), filepath.Join(dir, KeysFile), open)
	return e, err
}

// Read returns the text of img in reading order. Lines the recogniser is
// unsure of (below MinConfidence) or that are empty are left out.
func (e *Engine) Read(ctx context.Context, img image.Image) (Result, error) {
	regions, err := e.det.Detect(ctx, img)
	if err != nil || len(regions) == 0 {
		return Result{}, err
	}
	lines, err := e.rec.Recognize(ctx, img, regions)
	if err != nil {
		return Result{}, err
	}
	kept := lines[:0]
	for _, l := range lines {
		if l.Text != "" && l.Confidence >= MinConfidence {
			kept = append(kept, l)
		}
	}
	return Result{Lines: Order(kept)}, nil
}

// Close releases the models.
func (e *Engine) Close() error {
	var errs []error
	if e.det != nil {
		errs = append(errs, e.det.Close())
	}
	if e.rec != nil {
		errs = append(errs, e.rec.Close())
	}
	return errors.Join(errs...)
}
