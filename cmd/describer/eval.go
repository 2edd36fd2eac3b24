package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/describer/describer/app"
	"github.com/describer/describer/inference"
	"github.com/describer/describer/inference/captioneval"
	"github.com/describer/describer/inference/imaging"
)

// evalFlags are the eval command's settings.
type evalFlags struct {
	rf                           runtimeFlags
	annotations, images, results string
	detail                       string
	asJSON                       bool
}

func (f *evalFlags) register(fs *flag.FlagSet) {
	f.rf.register(fs)
	fs.StringVar(&f.annotations, "annotations", "", "COCO captions annotations `FILE`: the images and the captions people wrote for them")
	fs.StringVar(&f.images, "images", "", "caption the annotations' images, found in `DIR`, with the caption model and score the captions")
	fs.StringVar(&f.results, "results", "", "score the captions of a COCO results `FILE` ([{\"image_id\", \"caption\"}, …])")
	fs.StringVar(&f.detail, "detail", "brief", "how much a Florence-2 caption says: "+inference.DetailList())
	fs.BoolVar(&f.asJSON, "json", false, "print the scores as one JSON object")
}

func (f *evalFlags) validate(args []string) error {
	if err := f.rf.validate(); err != nil {
		return err
	}
	switch {
	case len(args) > 0:
		return usageError{fmt.Sprintf("eval takes no arguments, only flags; %q is one too many", args[0])}
	case f.annotations == "":
		return usageError{"eval needs --annotations FILE, a COCO captions annotations file"}
	case (f.images == "") == (f.results == ""):
		return usageError{"eval needs either --images DIR (to caption the images) or --results FILE (to score captions made before)"}
	case inference.DetailLevel(f.detail) < 0:
		return usageError{fmt.Sprintf("--detail must be %s, not %q", inference.DetailList(), f.detail)}
	}
	return nil
}

func (m *Main) eval(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("eval", flag.ContinueOnError)
	var f evalFlags
	f.register(fs)
	args, err := parseInterspersed(fs, args, m.Stdout)
	if err != nil {
		return err
	}
	if err := f.validate(args); err != nil {
		return err
	}
	ann, err := readCOCO(f.annotations, "annotations", captioneval.ReadAnnotations)
	if err != nil {
		return err
	}
	var images []captioneval.Image
	if f.results != "" {
		images, err = m.pairResults(ann, f.results)
	} else {
		images, err = m.captionImages(ctx, ann, &f)
	}
	if err != nil {
		return err
	}
	scores, err := captioneval.Evaluate(images)
	if err != nil {
		return badInputError{err}
	}
	return m.printScores(scores, f.asJSON)
}

// readCOCO opens the file at path and reads it with read; what names the
// file in errors: "captions.json (annotations): …".
func readCOCO[T any](path, what string, read func(io.Reader) (T, error)) (T, error) {
	var zero T
	fh, err := os.Open(path)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err // the path is said once, below
		}
		return zero, badInputError{fmt.Errorf("%s (%s): %w", path, what, err)}
	}
	defer fh.Close()
	v, err := read(fh)
	if err != nil {
		return zero, badInputError{fmt.Errorf("%s (%s): %w", path, what, err)}
	}
	return v, nil
}

// pairResults reads the results file and pairs its captions with the
// annotations; it says when some images have no caption.
func (m *Main) pairResults(ann *captioneval.Annotations, path string) ([]captioneval.Image, error) {
	res, err := readCOCO(path, "results", captioneval.ReadResults)
	if err != nil {
		return nil, err
	}
	images, err := ann.Pair(res)
	if err != nil {
		return nil, badInputError{fmt.Errorf("%s (results): %w", path, err)}
	}
	if len(images) < len(ann.Images) {
		fmt.Fprintf(m.Stderr, "describer: scoring %d of the %d images; the results have no caption for the rest.\n", len(images), len(ann.Images))
	}
	return images, nil
}

// captionImages captions every image of the annotations with the caption
// model, saying on standard error how far it has got.
func (m *Main) captionImages(ctx context.Context, ann *captioneval.Annotations, f *evalFlags) (_ []captioneval.Image, err error) {
	paths, err := imagePaths(ann, f.images)
	if err != nil {
		return nil, err
	}
	l := newLoader(f.rf, "", inference.CaptionOptions{}, f.detail)
	defer func() { err = errors.Join(err, l.Close()) }()
	c, err := l.load()
	if err != nil {
		return nil, err
	}
	defer func() { err = errors.Join(err, closeCaptioner(c)) }()
	images := make([]captioneval.Image, len(ann.Images))
	for i, im := range ann.Images {
		text, err := captionFile(ctx, c, paths[i], inference.DetailLevel(f.detail))
		if err != nil {
			return nil, err
		}
		fmt.Fprintf(m.Stderr, "describer: %d of %d, %s: %s\n", i+1, len(images), im.FileName, text)
		images[i] = captioneval.Image{ID: string(im.ID), Refs: ann.Refs[im.ID], Cand: text}
	}
	return images, nil
}

// imagePaths returns where the annotations' images are in dir, checking
// that each is there and has references before any model loads.
func imagePaths(ann *captioneval.Annotations, dir string) ([]string, error) {
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return nil, badInputError{fmt.Errorf("%s is not a folder of images", dir)}
	}
	paths := make([]string, len(ann.Images))
	for i, im := range ann.Images {
		switch {
		case im.FileName == "":
			return nil, badInputError{fmt.Errorf("image %s of the annotations has no file_name", im.ID)}
		case len(ann.Refs[im.ID]) == 0:
			return nil, badInputError{fmt.Errorf("image %s (%s) has no reference caption in the annotations", im.ID, im.FileName)}
		}
		paths[i] = filepath.Join(dir, filepath.FromSlash(im.FileName))
		if _, err := os.Stat(paths[i]); err != nil {
			return nil, badInputError{fmt.Errorf("image %s is not in %s", im.FileName, dir)}
		}
	}
	return paths, nil
}

// captionFile captions the image at path, at level where the model has
// levels of detail.
func captionFile(ctx context.Context, c app.Captioner, path string, level int) (string, error) {
	img, _, err := imaging.LoadImage(path)
	if err != nil {
		// LoadImage's error names the path after "load image"; the cause
		// alone reads better after the name.
		return "", badInputError{fmt.Errorf("%s: %w", path, errors.Unwrap(err))}
	}
	var cap inference.Caption
	if lc, ok := c.(app.LeveledCaptioner); ok {
		cap, err = lc.CaptionLevel(ctx, img, min(level, lc.Levels()-1))
	} else {
		cap, err = c.Caption(ctx, img)
	}
	if err != nil {
		return "", fmt.Errorf("%s: %w", path, err)
	}
	return cap.Text, nil
}

// closeCaptioner closes c if it holds anything.
func closeCaptioner(c app.Captioner) error {
	if cl, ok := c.(io.Closer); ok {
		return cl.Close()
	}
	return nil
}

// printScores prints one line per metric, or one JSON object.
func (m *Main) printScores(s captioneval.Scores, asJSON bool) error {
	if asJSON {
		b, err := json.Marshal(s)
		if err != nil {
			return err
		}
		fmt.Fprintln(m.Stdout, string(b))
		return nil
	}
	for _, x := range s.Metrics() {
		fmt.Fprintf(m.Stdout, "%-8s%.3f\n", x.Name, x.Value)
	}
	return nil
}
