package generate

import (
	"math"
	"slices"
	"testing"

	"github.com/describer/describer/inference"
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

// RepeatRows repeats a one-row float32 or int64 tensor, and keeps one that
// already has the rows.
func TestRepeatRows(t *testing.T) {
	f := RepeatRows(inference.NewFloat32([]int64{1, 2}, []float32{1, 2}), 3)
	m := RepeatRows(inference.NewInt64([]int64{1, 2}, []int64{1, 1}), 2)
	if !slices.Equal(f.Shape, []int64{3, 2}) || !slices.Equal(f.Float32s(), []float32{1, 2, 1, 2, 1, 2}) ||
		!slices.Equal(m.Shape, []int64{2, 2}) || !slices.Equal(m.Int64s(), []int64{1, 1, 1, 1}) {
		t.Errorf("repeated %v %v, %v %v", f.Shape, f.Float32s(), m.Shape, m.Int64s())
	}
	if same := RepeatRows(f, 3); &same.Float32s()[0] != &f.Float32s()[0] {
		t.Error("a tensor with the rows already was copied")
	}
}

// Renormalize makes what is left after a banned token sum to one again,
// keeps banned tokens banned, and leaves all-banned scores alone.
func TestRenormalize(t *testing.T) {
	scores := []float64{math.Log(0.5), math.Log(0.25), math.Inf(-1)} // a token of 0.25 was banned
	Renormalize().Process(nil, scores)
	want := []float64{math.Log(2.0 / 3), math.Log(1.0 / 3)}
	for i, w := range want {
		if math.Abs(scores[i]-w) > 1e-12 {
			t.Errorf("token %d: %v, want %v", i, scores[i], w)
		}
	}
	if !math.IsInf(scores[2], -1) {
		t.Errorf("the banned token became %v", scores[2])
	}
	none := []float64{math.Inf(-1), math.Inf(-1)}
	Renormalize().Process(nil, none)
	if !math.IsInf(none[0], -1) || !math.IsInf(none[1], -1) {
		t.Errorf("all banned: %v", none)
	}
}
