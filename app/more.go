package app

import (
	"context"
	"errors"
	"image"
	"sync"

	"github.com/describer/describer/inference"
)

// LeveledCaptioner is a Captioner with levels of detail (Florence-2):
// CaptionLevel describes img at level 0 (brief) up to Levels()−1, and
// Level is the one Caption uses.
type LeveledCaptioner interface {
	Captioner
	Levels() int
	Level() int
	CaptionLevel(ctx context.Context, img image.Image, level int) (inference.Caption, error)
}

// Why the say-more hotkey has nothing to add.
var (
	// ErrNothingDescribed means no image has been described yet.
	ErrNothingDescribed = errors.New("nothing has been described yet")
	// ErrOneLevel means the caption model has one level of detail.
	ErrOneLevel = errors.New("the caption model has one level of detail")
)

// lastImage is the image last described with a caption model, and the
// level of detail it was last described at.
type lastImage struct {
	mu     sync.Mutex
	img    image.Image
	source string
	level  int
}

// remember keeps img, described at level, for More.
func (l *lastImage) remember(img image.Image, source string, level int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.img, l.source, l.level = img, source, level
}

// level is the level of detail c captions at: Detail's, within the
// model's levels, or the model's own; 0 for a model without levels (or
// nil, when it was unavailable).
func (s *Service) level(c Captioner) int {
	lc, ok := c.(LeveledCaptioner)
	switch {
	case !ok:
		return 0
	case s.Detail != nil:
		return min(max(s.Detail(), 0), lc.Levels()-1)
	}
	return lc.Level()
}

// More describes the image last described at the next level of detail (the
// most detailed again once there), with the caption alone: what the
// say-more hotkey speaks.
func (s *Service) More(ctx context.Context) (Description, image.Image, error) {
	s.last.mu.Lock()
	img, source, level := s.last.img, s.last.source, s.last.level+1
	s.last.mu.Unlock()
	if img == nil {
		return Description{}, nil, ErrNothingDescribed
	}
	c, err := load(s.Captioner)
	switch {
	case err != nil:
		return Description{}, nil, err
	case c.unavailable != nil:
		return Description{}, nil, c.unavailable
	}
	lc, ok := c.v.(LeveledCaptioner)
	if !ok || lc.Levels() < 2 {
		return Description{}, nil, ErrOneLevel
	}
	level = min(level, lc.Levels()-1)
	cap, err := lc.CaptionLevel(ctx, img, level)
	if err != nil {
		return Description{}, nil, err
	}
	s.last.mu.Lock()
	s.last.level = level
	s.last.mu.Unlock()
	b := img.Bounds()
	d := Description{Source: source, Width: b.Dx(), Height: b.Dy(), Caption: cap.Text,
		Confidence: cap.Confidence, Timings: cap.Timings}
	return d, img, s.finishCaption(ctx, &d)
}
