package generate

import (
	"math"
	"testing"
)

// NoRepeatNGram forbids the token that would repeat a 3-gram of the row,
// start token included, and nothing else.
func TestNoRepeatNGram(t *testing.T) {
	scores := []float64{-1, -1, -1, -1, -1}
	NoRepeatNGram(3).Process([]int64{2, 0, 4, 1, 0, 4}, scores) // "0 4" came before, then 1
	for i, v := range scores {
		if want := i == 1; math.IsInf(v, -1) != want {
			t.Errorf("token %d: %v", i, v)
		}
	}
	short := []float64{-1, -1}
	NoRepeatNGram(3).Process([]int64{1, 1}, short)
	if math.IsInf(short[1], -1) {
		t.Error("a row shorter than n forbade a token")
	}
}

// ForcedToken leaves only its token, at log-probability 0, at its length.
func TestForcedToken(t *testing.T) {
	scores := []float64{-1, -2, -3}
	ForcedToken(2, 1).Process([]int64{2}, scores)
	if !math.IsInf(scores[0], -1) || !math.IsInf(scores[1], -1) || scores[2] != 0 {
		t.Errorf("forced at length 1: %v", scores)
	}
	other := []float64{-1, -2, -3}
	ForcedToken(2, 1).Process([]int64{2, 0}, other)
	if other[0] != -1 || other[2] != -3 {
		t.Errorf("forced at another length: %v", other)
	}
}

// Processors see log-probabilities and what they forbid is not
// renormalised away: the other tokens keep their probabilities.
func TestProcessorsRunAfterLogSoftmax(t *testing.T) {
	ban := LogitsProcessorFunc(func(_ []int64, s []float64) { s[0] = math.Inf(-1) })
	lp := logSoftmax([]float32{0, 0}, nil, []LogitsProcessor{ban})
	if math.Abs(lp[1]-math.Log(0.5)) > 1e-12 {
		t.Errorf("token 1 has log-probability %v; want log 0.5", lp[1])
	}
}
