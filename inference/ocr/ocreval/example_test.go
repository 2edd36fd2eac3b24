package ocreval_test

import (
	"fmt"

	"github.com/describer/describer/inference/ocr/ocreval"
)

// An open Edit menu read a column at a time: every word is there, but no row
// is, and the order costs characters.
func ExampleCompare() {
	truth := "Edit\n\nUndo Ctrl+Z\nRedo Ctrl+Y\n"
	s := ocreval.Compare(truth, "Edit\nUndo\nRedo\nCtrl+Z\nCtrl+Y")
	fmt.Printf("CER %.2f, word recall %.2f, rows %d of %d\n", s.CER, s.WordRecall(), s.RowsFound, s.Rows)
	// Output: CER 0.36, word recall 1.00, rows 1 of 3
}

func ExampleSummarize() {
	t := ocreval.Summarize([]ocreval.Score{
		ocreval.Compare("Save Cancel\n", "Save Cancel"),
		ocreval.Compare("Save changes?\n", "Savechanges?"),
		ocreval.Compare("", "ll"),
	})
	fmt.Printf("mean CER %.3f, word recall %.2f over %d, invented %d\n",
		t.MeanCER, t.MeanWordRecall, t.WithText, t.Invented)
	// Output: mean CER 0.359, word recall 0.50 over 2, invented 1
}
