package ocreval

import (
	"math"
	"testing"
)

func TestNormalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{" \n\n\t ", ""},
		{"Name Size\n\nphoto.jpg  30 KB\n", "Name Size photo.jpg 30 KB"},
		{"\ta\r\nb ", "a b"},
	}
	for _, tt := range tests {
		if got := Normalize(tt.in); got != tt.want {
			t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestCompare(t *testing.T) {
	const table = "Name Size Type\nphoto.jpg 30 KB Image\nnotes.txt 2 KB Text\n"
	tests := []struct {
		name, truth, output string
		want                Score
	}{
		{"exact", table, table, Score{CER: 0, Words: 11, Found: 11, Rows: 3, RowsFound: 3}},
		{"blocks and rows need not match", "Title\n\na b\nc d\n", "Title a b\nc d",
			Score{CER: 0, Words: 5, Found: 5, Rows: 3, RowsFound: 1}},
		{"column at a time", table, "Name\nphoto.jpg\nnotes.txt\nSize\n30 KB\n2 KB\nType\nImage\nText",
			Score{CER: 38.0 / 56, Words: 11, Found: 11, Rows: 3, RowsFound: 0}},
		{"glued words", "Describe window\n", "Describewindow",
			Score{CER: 1.0 / 15, Words: 2, Found: 0, Rows: 1, RowsFound: 1}},
		{"a lost letter keeps the row", "Quarterly budget approved\n", "Quarterly budet approved",
			Score{CER: 1.0 / 25, Words: 3, Found: 2, Rows: 1, RowsFound: 1}},
		{"repeated words count once each", "to be or not to be\n", "to be",
			Score{CER: 13.0 / 18, Words: 6, Found: 2, Rows: 1, RowsFound: 0}},
		{"no text, none read", "", "", Score{}},
		{"no text, blank lines read", "", "\n \n", Score{}},
		{"invented", "", "Il", Score{CER: 1, Invented: true}},
		{"nothing read", "OK\n", "", Score{CER: 1, Words: 1, Rows: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Compare(tt.truth, tt.output)
			if math.Abs(got.CER-tt.want.CER) > 1e-9 {
				t.Errorf("CER = %v, want %v", got.CER, tt.want.CER)
			}
			got.CER = tt.want.CER
			if got != tt.want {
				t.Errorf("Compare = %+v, want %+v", got, tt.want)
			}
		})
	}
}

// Each output row stands for one truth row only, and the closest one wins.
func TestRowsFoundMatchesEachOutputRowOnce(t *testing.T) {
	truth := []string{"Cut Ctrl+X", "Cut Ctrl+X", "Copy Ctrl+C"}
	if got := rowsFound(truth, []string{"Copy Ctrl+C", "Cut Ctrl+X"}); got != 2 {
		t.Errorf("rowsFound = %d, want 2", got)
	}
	if got := rowsFound([]string{"Copy Ctrl+C"}, []string{"Cut Ctrl+X", "Copy Ctr1+C"}); got != 1 {
		t.Errorf("rowsFound with one misread letter = %d, want 1", got)
	}
}

func TestScoreRatios(t *testing.T) {
	s := Score{Words: 4, Found: 3, Rows: 2, RowsFound: 1}
	if !s.HasText() || s.WordRecall() != 0.75 || s.RowRecall() != 0.5 {
		t.Errorf("got HasText %v, WordRecall %v, RowRecall %v", s.HasText(), s.WordRecall(), s.RowRecall())
	}
	if e := (Score{}); e.HasText() || e.WordRecall() != 1 || e.RowRecall() != 1 {
		t.Errorf("empty score: HasText %v, WordRecall %v, RowRecall %v", e.HasText(), e.WordRecall(), e.RowRecall())
	}
}

func TestSummarize(t *testing.T) {
	if got := Summarize(nil); got != (Totals{}) {
		t.Errorf("Summarize(nil) = %+v", got)
	}
	got := Summarize([]Score{
		{CER: 0.1, Words: 10, Found: 9, Rows: 2, RowsFound: 2},
		{CER: 0.3, Words: 10, Found: 7, Rows: 4, RowsFound: 1},
		{CER: 1, Invented: true},
		{CER: 0},
	})
	want := Totals{Images: 4, WithText: 2, MeanCER: 1.4 / 4, MeanWordRecall: 0.8, MeanRowRecall: 0.625, Invented: 1}
	if math.Abs(got.MeanCER-want.MeanCER) > 1e-9 || math.Abs(got.MeanWordRecall-want.MeanWordRecall) > 1e-9 {
		t.Errorf("Summarize = %+v, want %+v", got, want)
	}
	got.MeanCER, got.MeanWordRecall = want.MeanCER, want.MeanWordRecall
	if got != want {
		t.Errorf("Summarize = %+v, want %+v", got, want)
	}
}
