package ocr_test

import (
	"context"
	"os"
	"testing"

	"github.com/describer/describer/inference/imaging"
	"github.com/describer/describer/inference/ocr/ocreval"
)

// TestEngineKeepsSpacesAndLetters reads long lines of small text as a
// browser draws them (testdata/lines, made by gen_lines.sh: Liberation
// Serif at 12 px, Noto Sans at 11 px). Before the recogniser's crop was
// fitted to each line's ink and Decode kept the spaces the model nearly
// emitted, Describer read "Describe windowDescribe lipboard", "Quarterly
// budge aproved ... commite" and "run:describermodels pulland" (CER 0.027).
func TestEngineKeepsSpacesAndLetters(t *testing.T) {
	e := openEngine(t)
	img, _, err := imaging.LoadImage("testdata/lines/small_long_lines.png")
	if err != nil {
		t.Fatal(err)
	}
	truth, err := os.ReadFile("testdata/lines/small_long_lines.txt")
	if err != nil {
		t.Fatal(err)
	}
	res, err := e.Read(context.Background(), img)
	if err != nil {
		t.Fatal(err)
	}
	s := ocreval.Compare(string(truth), res.Text())
	if s.CER > 0.005 || s.WordRecall() < 1 {
		t.Errorf("CER %.4f, word recall %.3f (want ≤ 0.005 and 1); read:\n%s", s.CER, s.WordRecall(), res.Text())
	}
}
