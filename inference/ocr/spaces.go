package ocr

import (
	"image"
	"math"
)

// Spaces from the ink. PP-OCRv4's recogniser runs some words together that
// stand clearly apart on the screen ("CloseWithoutSaving", "NewWindow",
// "report.odt-Writer"): the space class stays below even spaceGap in the
// gap. Where the crop shows a clear gap between the line's ink as wide as a
// word space, the recogniser's characters either side of it are two words,
// whatever it emitted there.

// wordGap is the narrowest gap between a line's ink, as a fraction of the
// ink's height, read as a space. The ink of a line runs from the top of
// its tallest letters to the bottom of its descenders, about one font size
// (three quarters without descenders); the ink either side of a word
// space stands about 0.3-0.4 of a font size apart, the letters of a word a
// tenth or so, and anti-aliased edges too faint to count as ink widen
// every gap a little. So it finds only the wider word spaces (the model
// emits most spaces itself), never letters. Measured with make eval-ocr:
// at 0.4 the development set's word recall went from 0.948 to 0.964 and
// its CER stayed 0.019; at 0.3 "will" was read "wil l" in serif text
// (testdata/lines), at 0.45 and 0.5 the test screens lost again what 0.4
// kept (word recall 0.975 against 0.989).
const wordGap = 0.4

// wordGaps returns, in order, the timesteps of the recogniser's output
// (steps of them for an input w columns wide) that lie in the middle of
// each clear gap of m's ink at least wordGap of the ink's height wide,
// between its first and last ink. m is read as fillNormalised reads it:
// scaled to recHeight rows, at most w columns.
func wordGaps(m *image.RGBA, w, steps int) []int {
	isInk, cw, ch := ink(m)
	if cw == 0 || ch == 0 || w <= 0 || steps <= 0 {
		return nil
	}
	top, bot, ok := inkBand(rowCounts(isInk, cw, ch))
	if !ok {
		top, bot = 0, ch-1
	}
	cols := make([]bool, cw)
	for y := top; y <= bot; y++ {
		for x, on := range isInk[y*cw : (y+1)*cw] {
			cols[x] = cols[x] || on
		}
	}
	rw := max(1, min(w, int(math.Ceil(float64(recHeight)*float64(cw)/float64(ch)))))
	perStep := float64(cw) / float64(rw) * float64(w) / float64(steps) // crop columns a timestep covers
	var out []int
	for _, g := range clearRuns(cols, wordGap*float64(bot-top+1)) {
		out = append(out, int(float64(g)/perStep))
	}
	return out
}

// clearRuns returns the middle of each run of false in cols, between the
// first and the last true, at least minWidth long.
func clearRuns(cols []bool, minWidth float64) []int {
	var out []int
	start := -1 // the first clear column of the run; -1 before the first ink
	for x, on := range cols {
		switch {
		case on && start >= 0 && float64(x-start) >= minWidth:
			out = append(out, (start+x-1)/2)
			start = -1
		case on:
			start = -1
		case start < 0 && x > 0 && cols[x-1]:
			start = x
		}
	}
	return out
}
