// Package ocreval scores OCR output against ground truth written the way a
// sighted person reads a screen aloud (inference/ocr/testdata/devset): the
// character error rate after whitespace normalisation, word recall, row
// recall and invented text on images without text. It is pure Go; `make
// eval-ocr` prints its figures for Describer and for the peer.
package ocreval

import (
	"strings"

	"github.com/describer/describer/inference/ocr"
)

// RowTolerance is the largest character error rate at which an output row
// still counts as a truth row found (a misread letter or two in a row of
// twenty or more characters).
const RowTolerance = 0.1

// Normalize turns every run of whitespace in s (spaces, tabs, newlines,
// blank lines) into one space and trims both ends, so that a block or row
// break counts the same as the space between two words.
func Normalize(s string) string { return strings.Join(strings.Fields(s), " ") }

// Score is one image's figures.
type Score struct {
	// CER is ocr.CER of the normalised output against the normalised
	// truth: 0 when both are empty, 1 when only the truth is.
	CER float64
	// Words is the number of words in the truth; Found how many of them
	// the output holds (each output word matches at most one truth word).
	Words, Found int
	// Rows is the number of non-empty truth lines (visual rows); RowsFound
	// how many of them appear as one output line, whitespace normalised,
	// within RowTolerance (each output line matches at most one row).
	Rows, RowsFound int
	// Invented means the truth is empty and the output is not.
	Invented bool
}

// HasText reports whether the image's truth has any text.
func (s Score) HasText() bool { return s.Words > 0 }

// WordRecall returns Found / Words, or 1 for an image without text.
func (s Score) WordRecall() float64 { return ratio(s.Found, s.Words) }

// RowRecall returns RowsFound / Rows, or 1 for an image without text.
func (s Score) RowRecall() float64 { return ratio(s.RowsFound, s.Rows) }

func ratio(n, d int) float64 {
	if d == 0 {
		return 1
	}
	return float64(n) / float64(d)
}

// Compare scores output against truth.
func Compare(truth, output string) Score {
	t, o := Normalize(truth), Normalize(output)
	tw, ow := strings.Fields(t), strings.Fields(o)
	tr, or := rows(truth), rows(output)
	return Score{
		CER:       ocr.CER(t, o),
		Words:     len(tw),
		Found:     common(tw, ow),
		Rows:      len(tr),
		RowsFound: rowsFound(tr, or),
		Invented:  t == "" && o != "",
	}
}

// common counts the words of truth that output holds, as multisets.
func common(truth, output []string) int {
	have := make(map[string]int, len(output))
	for _, w := range output {
		have[w]++
	}
	n := 0
	for _, w := range truth {
		if have[w] > 0 {
			have[w]--
			n++
		}
	}
	return n
}

// rows returns the non-empty lines of s, whitespace normalised.
func rows(s string) []string {
	var out []string
	for l := range strings.SplitSeq(s, "\n") {
		if l = Normalize(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// rowsFound matches each truth row, in order, with the unused output row
// closest to it and counts those within RowTolerance.
func rowsFound(truth, output []string) int {
	used := make([]bool, len(output))
	n := 0
	for _, t := range truth {
		best, bestCER := -1, RowTolerance
		for j, o := range output {
			if used[j] || !near(len(t), len(o)) {
				continue
			}
			if c := ocr.CER(t, o); c <= bestCER {
				best, bestCER = j, c
			}
		}
		if best >= 0 {
			used[best] = true
			n++
		}
	}
	return n
}

// near reports whether lengths a (a truth row's) and b could be within
// RowTolerance of each other, so that most pairs skip the edit distance.
func near(a, b int) bool {
	d := a - b
	if d < 0 {
		d = -d
	}
	return float64(d) <= RowTolerance*float64(a)+1
}

// Totals sums up a set of images.
type Totals struct {
	// Images is the number of images; WithText how many have text.
	Images, WithText int
	// MeanCER is the mean of CER over all images (a no-text image with
	// invented text counts 1).
	MeanCER float64
	// MeanWordRecall and MeanRowRecall are means over the images with text.
	MeanWordRecall, MeanRowRecall float64
	// Invented is the number of images without text given some.
	Invented int
}

// Summarize returns the totals of scores; the means of an empty set are 0.
func Summarize(scores []Score) Totals {
	var t Totals
	for _, s := range scores {
		t.Images++
		t.MeanCER += s.CER
		if s.Invented {
			t.Invented++
		}
		if s.HasText() {
			t.WithText++
			t.MeanWordRecall += s.WordRecall()
			t.MeanRowRecall += s.RowRecall()
		}
	}
	if t.Images > 0 {
		t.MeanCER /= float64(t.Images)
	}
	if t.WithText > 0 {
		t.MeanWordRecall /= float64(t.WithText)
		t.MeanRowRecall /= float64(t.WithText)
	}
	return t
}
