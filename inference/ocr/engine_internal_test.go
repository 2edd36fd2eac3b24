package ocr

import (
	"fmt"
	"testing"
)

// A single letter with nothing else read on its row is left out; letters
// in a row, digits and words stay.
func TestDropLoneLetters(t *testing.T) {
	line := func(text string, x, y, block int) Line {
		return Line{Text: text, Block: block, Quad: Quad{
			{float64(x), float64(y)}, {float64(x + 20), float64(y)},
			{float64(x + 20), float64(y + 16)}, {float64(x), float64(y + 16)}}}
	}
	in := []Line{
		line("Q", 200, 50, 0),    // a magnifying glass, alone on its row
		line("B", 10, 100, 1),    // B I U: letters in a row
		line("I", 40, 100, 1),    //
		line("U", 70, 100, 1),    //
		line("3", 300, 100, 2),   // a badge's count
		line("Save", 10, 200, 3), // a word
		line("OK", 100, 300, 3),  // a word on its own row
		line("é", 10, 400, 3),    // any letter alone
		line("x", 400, 200, 4),   // level with Save, but another block
	}
	var got []string
	for _, l := range dropLoneLetters(in) {
		got = append(got, l.Text)
	}
	if want := "[B I U 3 Save OK]"; fmt.Sprint(got) != want {
		t.Errorf("kept %v; want %s", got, want)
	}
}
