package ocr

import (
	"math"
	"testing"
)

// rcTable builds a CTC probability table from, per timestep, the winning
// class and its probability (the rest shared evenly among the others).
func rcTable(classes int, steps ...[2]float64) []float32 {
	p := make([]float32, 0, classes*len(steps))
	for _, s := range steps {
		row := make([]float32, classes)
		for k := range row {
			row[k] = float32((1 - s[1]) / float64(classes-1))
		}
		row[int(s[0])] = float32(s[1])
		p = append(p, row...)
	}
	return p
}

func TestParseCharset(t *testing.T) {
	cs, err := ParseCharset([]byte("a\nb\r\nc"))
	if err != nil {
		t.Fatal(err)
	}
	if cs.Classes() != 5 {
		t.Fatalf("classes %d; want 5 (blank, a, b, c, space)", cs.Classes())
	}
	for i, want := range []string{"", "a", "b", "c", " ", ""} {
		if got := cs.Char(i); got != want {
			t.Errorf("Char(%d) = %q; want %q", i, got, want)
		}
	}
	if _, err := ParseCharset(nil); err == nil {
		t.Error("empty keys: no error")
	}
}

func TestDecode(t *testing.T) {
	cs, _ := ParseCharset([]byte("a\nb\nc"))
	const C = 5 // blank a b c space
	for _, tc := range []struct {
		name  string
		steps [][2]float64
		text  string
		conf  float64
	}{
		{"collapse repeats", [][2]float64{{1, .9}, {1, .7}, {2, .8}}, "ab", (.9 + .8) / 2},
		{"repeat split by blank", [][2]float64{{1, .9}, {0, .9}, {1, .5}}, "aa", (.9 + .5) / 2},
		{"all blank", [][2]float64{{0, .99}, {0, .99}}, "", 0},
		{"no steps", nil, "", 0},
		{"space", [][2]float64{{1, .8}, {4, .6}, {3, .7}, {3, .9}}, "a c", (.8 + .6 + .7) / 3},
		{"blanks around", [][2]float64{{0, .9}, {3, .6}, {0, .9}}, "c", .6},
		{"spaces at the ends dropped", [][2]float64{{4, .9}, {0, .9}, {4, .9}, {1, .5}, {4, .8}, {2, .7}, {4, .3}}, "a b", (.5 + .8 + .7) / 3},
		{"only spaces", [][2]float64{{4, .9}, {0, .9}, {4, .9}}, "", 0},
	} {
		var steps [][2]float64 = tc.steps
		text, conf := cs.Decode(rcTable(C, steps...), C)
		if text != tc.text || math.Abs(conf-tc.conf) > 1e-6 {
			t.Errorf("%s: got %q %.4f; want %q %.4f", tc.name, text, conf, tc.text, tc.conf)
		}
	}
	// A truncated last row is ignored; classes 0 gives nothing.
	if text, _ := cs.Decode(append(rcTable(C, [2]float64{2, .9}), 0.1, 0.2), C); text != "b" {
		t.Errorf("truncated row: %q", text)
	}
	if text, conf := cs.Decode([]float32{1}, 0); text != "" || conf != 0 {
		t.Errorf("zero classes: %q %v", text, conf)
	}
}

func TestLoadCharsetReal(t *testing.T) {
	cs, err := LoadCharset(rcModelFile(t, "ppocr_keys_v1.txt"))
	if err != nil {
		t.Fatal(err)
	}
	// 6623 keys, blank and space.
	if cs.Classes() != 6625 {
		t.Errorf("classes %d; want 6625", cs.Classes())
	}
	if cs.Char(cs.Classes()-1) != " " {
		t.Errorf("last class %q; want space", cs.Char(cs.Classes()-1))
	}
}

// rcRow is one timestep's probabilities over blank a b c space: win takes p,
// the space class sp (unless it wins), the rest share what is left.
func rcRow(win int, p, sp float64) []float32 {
	const C = 5
	row := make([]float32, C)
	rest := 1 - p
	if win != C-1 {
		row[C-1] = float32(sp)
		rest -= sp
	}
	for k := range C - 1 {
		if k != win {
			row[k] = float32(rest / float64(C-2))
		}
	}
	row[win] = float32(p)
	return row
}

// TestDecodeKeepsNearlyEmittedSpaces checks the space rule of Decode: a gap
// between two characters whose space probability reaches spaceGap reads
// as a space, one below it (the gap between two letters of a word) does
// not, and the rule adds no space at either end nor beside a space the
// model emitted. PaddleOCR's CTCLabelDecode reads "ab" in each case; on
// PP-OCRv4's output that ran words together ("Quarterlybudget").
func TestDecodeKeepsNearlyEmittedSpaces(t *testing.T) {
	cs, _ := ParseCharset([]byte("a\nb\nc"))
	for _, tc := range []struct {
		name string
		rows [][]float32
		text string
		conf float64
	}{
		{"space nearly emitted", [][]float32{rcRow(1, .9, 0), rcRow(0, .6, .3), rcRow(2, .8, 0)}, "a b", .85},
		{"at the threshold", [][]float32{rcRow(1, .9, 0), rcRow(0, .8, .1), rcRow(2, .8, 0)}, "a b", .85},
		{"within a word", [][]float32{rcRow(1, .9, 0), rcRow(0, .9, .05), rcRow(2, .8, 0)}, "ab", .85},
		{"in a repeated letter's steps", [][]float32{rcRow(1, .9, 0), rcRow(1, .6, .3), rcRow(2, .8, 0)}, "a b", .85},
		{"between doubled letters", [][]float32{rcRow(1, .9, 0), rcRow(0, .6, .3), rcRow(1, .8, 0)}, "a a", .85},
		{"not at the ends", [][]float32{rcRow(0, .5, .4), rcRow(1, .9, 0), rcRow(0, .5, .4)}, "a", .9},
		{"beside an emitted space", [][]float32{rcRow(1, .9, 0), rcRow(4, .7, 0), rcRow(0, .6, .3), rcRow(2, .8, 0)}, "a b", (.9 + .7 + .8) / 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var probs []float32
			for _, r := range tc.rows {
				probs = append(probs, r...)
			}
			text, conf := cs.Decode(probs, 5)
			if text != tc.text || math.Abs(conf-tc.conf) > 1e-6 {
				t.Errorf("got %q %.4f; want %q %.4f", text, conf, tc.text, tc.conf)
			}
		})
	}
}
