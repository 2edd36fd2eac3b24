package captioneval

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strconv"
)

// Metric names, as Scores' JSON keys and Metrics give them.
const (
	NameBLEU1  = "BLEU-1"
	NameBLEU2  = "BLEU-2"
	NameBLEU3  = "BLEU-3"
	NameBLEU4  = "BLEU-4"
	NameMETEOR = "METEOR"
	NameROUGEL = "ROUGE-L"
	NameCIDErD = "CIDEr-D"
)

// Scores are the COCO caption metrics of a set of candidates.
type Scores struct {
	// BLEU1 to BLEU4 are corpus BLEU with 1- to 4-grams, from 0 to 1.
	BLEU1 float64 `json:"BLEU-1"`
	BLEU2 float64 `json:"BLEU-2"`
	BLEU3 float64 `json:"BLEU-3"`
	BLEU4 float64 `json:"BLEU-4"`
	// METEOR is this package's approximation of METEOR 1.5, from 0 to 1.
	METEOR float64 `json:"METEOR"`
	// ROUGEL is ROUGE-L, from 0 to 1.
	ROUGEL float64 `json:"ROUGE-L"`
	// CIDErD is CIDEr-D, from 0 to 10.
	CIDErD float64 `json:"CIDEr-D"`
}

// Metric is one named score.
type Metric struct {
	// Name is the metric's name, such as "BLEU-4".
	Name string
	// Value is its score.
	Value float64
}

// Metrics returns the scores by name, in the order COCO reports them.
func (s Scores) Metrics() []Metric {
	return []Metric{{NameBLEU1, s.BLEU1}, {NameBLEU2, s.BLEU2}, {NameBLEU3, s.BLEU3}, {NameBLEU4, s.BLEU4},
		{NameMETEOR, s.METEOR}, {NameROUGEL, s.ROUGEL}, {NameCIDErD, s.CIDErD}}
}

// Image is one image's captions: those people wrote and the one scored.
type Image struct {
	// ID names the image, such as its COCO id.
	ID string
	// Refs are the reference captions.
	Refs []string
	// Cand is the candidate caption.
	Cand string
}

// Errors of Evaluate and Score.
var (
	// ErrNoImages means there was nothing to score.
	ErrNoImages = errors.New("captioneval: no images to score")
	// ErrNoRefs means an image has no reference caption.
	ErrNoRefs = errors.New("captioneval: an image has no reference caption")
	// ErrMismatch means the candidates and references are not of the
	// same images.
	ErrMismatch = errors.New("captioneval: candidates and references are not of the same images")
)

// Evaluate tokenises images as COCOEvalCap does and scores them. The
// order of images matters only where PTBTokenizer looks past the end of
// a caption (see TokenizeAll); COCOEvalCap takes the annotations file's.
func Evaluate(images []Image) (Scores, error) {
	if len(images) == 0 {
		return Scores{}, ErrNoImages
	}
	for _, im := range images {
		if len(im.Refs) == 0 {
			return Scores{}, fmt.Errorf("%w: %s", ErrNoRefs, im.ID)
		}
	}
	return ScoreCorpus(Tokenized(images)), nil
}

// ScoreCorpus scores tokenised captions.
func ScoreCorpus(c Corpus) Scores {
	b := BLEU(c)
	return Scores{BLEU1: b[0], BLEU2: b[1], BLEU3: b[2], BLEU4: b[3],
		METEOR: METEOR(c), ROUGEL: ROUGEL(c), CIDErD: CIDErD(c)}
}

// Score scores the candidate caption of each image (cands) against its
// reference captions (refs), keyed by image id; both must hold the same
// images. The images are taken in the order of their ids, numerically
// where they are numbers.
func Score(refs map[string][]string, cands map[string]string) (Scores, error) {
	if len(refs) != len(cands) {
		return Scores{}, fmt.Errorf("%w: %d with references, %d with candidates", ErrMismatch, len(refs), len(cands))
	}
	images := make([]Image, 0, len(cands))
	for id, c := range cands {
		r, ok := refs[id]
		if !ok {
			return Scores{}, fmt.Errorf("%w: %s has no references", ErrMismatch, id)
		}
		images = append(images, Image{ID: id, Refs: r, Cand: c})
	}
	slices.SortFunc(images, func(a, b Image) int { return compareIDs(a.ID, b.ID) })
	return Evaluate(images)
}

// compareIDs orders numbers by value, before other ids in text order.
func compareIDs(a, b string) int {
	x, errA := strconv.ParseInt(a, 10, 64)
	y, errB := strconv.ParseInt(b, 10, 64)
	switch {
	case errA == nil && errB == nil:
		return cmp.Compare(x, y)
	case errA == nil:
		return -1
	case errB == nil:
		return 1
	}
	return cmp.Compare(a, b)
}
