package ocr

import (
	"fmt"
	"image/color"
	"testing"
)

func TestClearRuns(t *testing.T) {
	on := func(s string) []bool {
		b := make([]bool, len(s))
		for i, c := range s {
			b[i] = c == '#'
		}
		return b
	}
	for _, c := range []struct {
		cols string
		min  float64
		want string
	}{
		{"##...##....#", 3, "[3 8]"},
		{"##...##....#", 4, "[8]"},
		{"....##..##....", 2, "[6]"}, // not before the first ink or after the last
		{"........", 1, "[]"},
		{"#.#.#", 2, "[]"},
	} {
		if got := fmt.Sprint(clearRuns(on(c.cols), c.min)); got != c.want {
			t.Errorf("clearRuns(%s, %v) = %s; want %s", c.cols, c.min, got, c.want)
		}
	}
}

// A gap in the ink between two characters is read as a space, unless both
// are punctuation marks; a space the model emitted stays one space.
func TestDecodeReadsInkGapsAsSpaces(t *testing.T) {
	cs, _ := ParseCharset([]byte("a\nb\n."))
	const C = 5 // blank a b . space
	ab := rcTable(C, [2]float64{1, .9}, [2]float64{0, .9}, [2]float64{2, .9}, [2]float64{0, .9})
	dots := rcTable(C, [2]float64{3, .9}, [2]float64{0, .9}, [2]float64{3, .9})
	spaced := rcTable(C, [2]float64{1, .9}, [2]float64{4, .9}, [2]float64{2, .9})
	for _, c := range []struct {
		probs []float32
		gaps  []int
		want  string
	}{
		{ab, nil, "ab"},
		{ab, []int{1}, "a b"},
		{ab, []int{2}, "a b"}, // the gap's middle at b's own timestep
		{ab, []int{0, 3}, "ab"},
		{dots, []int{1}, ".."},
		{spaced, []int{1}, "a b"},
	} {
		if got, _ := cs.decode(c.probs, C, c.gaps); got != c.want {
			t.Errorf("decode with gaps %v = %q; want %q", c.gaps, got, c.want)
		}
	}
}

// wordGaps finds wide spaces between words (a button row's, two spaces
// wide) in sans, serif and monospaced fonts at 11 to 16 px, and none
// between the letters of a word, narrow letters and doubled ones included.
func TestWordGapsFindsWordSpaces(t *testing.T) {
	lines := []string{"Close  Without  Saving", "will", "pull", "illicit", "millimetre", "Window", "report.odt"}
	spaces := []int{2, 0, 0, 0, 0, 0, 0}
	for _, f := range rcFonts(t) {
		for _, px := range []float64{11, 13, 16} {
			img, regs := rcCanvas(rcFace(t, f, px), lines, color.Black, color.White, 400)
			for i, reg := range regs {
				crop := lineCrop(img, reg.Quad)
				w := int(float64(recHeight) * float64(crop.Rect.Dx()) / float64(crop.Rect.Dy()))
				if got := len(wordGaps(crop, w, w/8)); got != spaces[i] {
					t.Errorf("%s %vpx %q: %d gaps; want %d", f.name, px, lines[i], got, spaces[i])
				}
			}
		}
	}
}
