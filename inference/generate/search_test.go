package generate

import (
	"cmp"
	"context"
	"errors"
	"math"
	"slices"
	"testing"

	"github.com/describer/describer/inference"
)

// tableLM is a bigram language model for testing the search loops: the
// next-token distribution depends only on the last token.
type tableLM struct {
	vocab int
	next  map[int64]map[int64]float64 // last token → token → probability
	calls int
	rows  []int // rows per call
}

func (m *tableLM) Step(_ context.Context, seqs [][]int64) ([][]float32, error) {
	m.calls++
	m.rows = append(m.rows, len(seqs))
	out := make([][]float32, len(seqs))
	for i, s := range seqs {
		row := make([]float32, m.vocab)
		for j := range row {
			row[j] = float32(math.Log(1e-6))
		}
		for tok, p := range m.next[s[len(s)-1]] {
			row[tok] = float32(math.Log(p))
		}
		out[i] = row
	}
	return out, nil
}

func (m *tableLM) Reorder([]int) {}

// Tokens: 0 start/end, 1 "a", 2 "green", 3 "grassy", 4 "field", 5..7 shapes.
func greenLM() *tableLM {
	return &tableLM{vocab: 8, next: map[int64]map[int64]float64{
		0: {1: 0.9, 0: 0.1},
		1: {2: 0.45, 3: 0.40, 0: 0.15},
		2: {5: 0.35, 6: 0.33, 7: 0.32},
		3: {4: 0.95, 0: 0.05},
		4: {0: 0.95, 1: 0.05},
		5: {0: 0.95, 1: 0.05},
		6: {0: 0.95, 1: 0.05},
		7: {0: 0.95, 1: 0.05},
	}}
}

func testConfig(beams int) Config {
	return Config{EOSTokenID: 0, DecoderStartTokenID: 0, MaxLength: 20, NumBeams: beams,
		LengthPenalty: 1, EarlyStopping: "false"}
}

func TestGreedyPicksLocallyBest(t *testing.T) {
	lm := greenLM()
	seq, err := Search(context.Background(), lm, testConfig(1))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(seq.Tokens, []int64{1, 2, 5}) || !seq.Finished {
		t.Fatalf("greedy = %v finished=%v, want [1 2 5] finished", seq.Tokens, seq.Finished)
	}
	want := math.Log(0.9) + math.Log(0.45) + math.Log(0.35) + math.Log(0.95)
	if math.Abs(seq.Score-want) > 1e-4 || len(seq.LogProbs) != 4 {
		t.Errorf("score %v (%d log-probs), want %v over 4", seq.Score, len(seq.LogProbs), want)
	}
	if lm.calls != 4 {
		t.Errorf("greedy ran %d steps, want 4 (3 tokens and the end)", lm.calls)
	}
}

// IDsOnly picks the same tokens, with the processors applied, and keeps
// no scores.
func TestGreedyIDsOnly(t *testing.T) {
	cfg := testConfig(1)
	cfg.IDsOnly = true
	ban := LogitsProcessorFunc(func(_ []int64, scores []float64) { scores[5] = math.Inf(-1) })
	cfg.Processors = []LogitsProcessor{ban}
	seq, err := Search(context.Background(), greenLM(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(seq.Tokens, []int64{1, 2, 6}) || !seq.Finished || seq.Score != 0 || seq.LogProbs != nil {
		t.Errorf("IDs only: %v finished=%v score %v log-probs %v; want [1 2 6] (5 banned), finished, no scores",
			seq.Tokens, seq.Finished, seq.Score, seq.LogProbs)
	}
}

func TestBeamFindsBetterSequence(t *testing.T) {
	for _, beams := range []int{2, 3, 4} {
		lm := greenLM()
		seq, err := Search(context.Background(), lm, testConfig(beams))
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(seq.Tokens, []int64{1, 3, 4}) {
			t.Errorf("beams=%d: %v, want [1 3 4]", beams, seq.Tokens)
		}
		sum := math.Log(0.9) + math.Log(0.40) + math.Log(0.95) + math.Log(0.95)
		if math.Abs(seq.Score-sum/4) > 1e-4 {
			t.Errorf("beams=%d: score %v, want %v (sum over 3 tokens and the end token)", beams, seq.Score, sum/4)
		}
		for i, r := range lm.rows {
			if want := cmp.Or(min(i, 1)*beams, 1); r != want { // the first step: one row for all
				t.Fatalf("beams=%d: step %d ran %d rows, want %d", beams, i, r, want)
			}
		}
	}
}

// TestFinishedLengthCountsEOS checks transformers' rule that a finished
// hypothesis's length counts its end token: "a" scores log(0.5)/2 and
// "b c" log(0.5·0.6)/3, so "a" wins.
func TestFinishedLengthCountsEOS(t *testing.T) {
	lm := &tableLM{vocab: 4, next: map[int64]map[int64]float64{
		0: {1: 0.5, 2: 0.5},
		1: {0: 1},
		2: {3: 1},
		3: {0: 0.6, 3: 0.4},
	}}
	seq, err := Search(context.Background(), lm, testConfig(2))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(seq.Tokens, []int64{1}) || !seq.Finished {
		t.Errorf("got %v (finished %v), want [1] finished", seq.Tokens, seq.Finished)
	}
}

// TestEarlyStoppingKeepsFinished checks that once the kept hypotheses are
// done, running beams no longer compete (they would win here, their
// length penalty being kinder).
func TestEarlyStoppingKeepsFinished(t *testing.T) {
	// Finished: "" (log 0.5 / 1) and "3" (log 0.2 / 2³ = −0.20). Running
	// after two steps: "1 2" (log 0.3 / 2³ = −0.15) would beat both.
	lm := &tableLM{vocab: 5, next: map[int64]map[int64]float64{
		0: {0: 0.5, 1: 0.3, 3: 0.2},
		1: {2: 1},
		2: {2: 1},
		3: {0: 1},
	}}
	cfg := testConfig(2)
	cfg.EarlyStopping = "true"
	cfg.LengthPenalty = 3
	seq, err := Search(context.Background(), lm, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if !seq.Finished || !slices.Equal(seq.Tokens, []int64{3}) {
		t.Errorf("got %v (finished %v), want [3] finished", seq.Tokens, seq.Finished)
	}
	if lm.calls != 2 {
		t.Errorf("%d steps ran; early stopping should end after 2", lm.calls)
	}
}

func TestSeveralEOSIDs(t *testing.T) {
	lm := &tableLM{vocab: 5, next: map[int64]map[int64]float64{0: {1: 1}, 1: {2: 1}, 2: {4: 1}}}
	cfg := testConfig(1)
	cfg.EOSTokenIDs = []int64{0, 4}
	seq, _ := Search(context.Background(), lm, cfg)
	if !slices.Equal(seq.Tokens, []int64{1, 2}) || !seq.Finished {
		t.Errorf("got %v (finished %v), want [1 2] ended by id 4", seq.Tokens, seq.Finished)
	}
}

func TestLengthPenaltyPrefersLonger(t *testing.T) {
	// Short: end at once with 0.5. Long: four tokens of 0.9 then the end.
	lm := &tableLM{vocab: 4, next: map[int64]map[int64]float64{
		0: {0: 0.5, 1: 0.5},
		1: {2: 0.99, 0: 0.01},
		2: {3: 0.99, 0: 0.01},
		3: {0: 1},
	}}
	cfg := testConfig(2)
	cfg.EarlyStopping = "never"
	cfg.LengthPenalty = 0
	short, _ := Search(context.Background(), lm, cfg)
	cfg.LengthPenalty = 2
	long, _ := Search(context.Background(), lm, cfg)
	if len(short.Tokens) != 0 || !slices.Equal(long.Tokens, []int64{1, 2, 3}) {
		t.Errorf("penalty 0 → %v (want []), penalty 2 → %v (want [1 2 3])", short.Tokens, long.Tokens)
	}
}

func TestMaxAndMinLength(t *testing.T) {
	loop := &tableLM{vocab: 3, next: map[int64]map[int64]float64{0: {1: 1}, 1: {2: 0.6, 0: 0.4}, 2: {1: 0.6, 0: 0.4}}}
	cfg := testConfig(1)
	cfg.MaxLength = 5
	seq, _ := Search(context.Background(), loop, cfg)
	if len(seq.Tokens) != 4 || seq.Finished {
		t.Errorf("max_length 5 gave %v finished=%v, want 4 tokens unfinished", seq.Tokens, seq.Finished)
	}
	cfg.NumBeams = 3
	seq, _ = Search(context.Background(), loop, cfg)
	if len(seq.Tokens) > 4 {
		t.Errorf("beam search exceeded max_length: %v", seq.Tokens)
	}
	stop := &tableLM{vocab: 3, next: map[int64]map[int64]float64{0: {0: 0.9, 1: 0.1}, 1: {0: 0.9, 2: 0.1}, 2: {0: 1}}}
	cfg = testConfig(1)
	cfg.MinLength = 3
	seq, _ = Search(context.Background(), stop, cfg)
	if !slices.Equal(seq.Tokens, []int64{1, 2}) {
		t.Errorf("min_length 3 gave %v, want [1 2]", seq.Tokens)
	}
}

// cancelAfter cancels its context when the n-th step runs.
type cancelAfter struct {
	*tableLM
	n      int
	cancel context.CancelFunc
}

func (c *cancelAfter) Step(ctx context.Context, seqs [][]int64) ([][]float32, error) {
	out, err := c.tableLM.Step(ctx, seqs)
	if c.calls == c.n {
		c.cancel()
	}
	return out, err
}

func TestCancelStopsWithinOneStep(t *testing.T) {
	for _, beams := range []int{1, 3} {
		loop := &tableLM{vocab: 3, next: map[int64]map[int64]float64{0: {1: 1}, 1: {2: 1}, 2: {1: 1}}}
		ctx, cancel := context.WithCancel(context.Background())
		s := &cancelAfter{tableLM: loop, n: 2, cancel: cancel}
		_, err := Search(ctx, s, testConfig(beams))
		if !errors.Is(err, context.Canceled) {
			t.Errorf("beams=%d: err %v, want context.Canceled", beams, err)
		}
		if loop.calls != 2 {
			t.Errorf("beams=%d: %d steps ran, want 2 (none after the cancel)", beams, loop.calls)
		}
	}
}

func TestConfig(t *testing.T) {
	g, err := ParseConfig([]byte(`{"decoder": {"eos_token_id": 9, "n_head": 2}, "decoder_start_token_id": 7,
		"eos_token_id": [5, 6], "max_length": 16, "num_beams": 4, "early_stopping": true}`))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(g.EOSTokenIDs, []int64{5, 6}) || !g.IsEOS(6) || g.IsEOS(9) {
		t.Errorf("EOS ids %v", g.EOSTokenIDs)
	}
	want := Config{DecoderStartTokenID: 7, BOSTokenID: 5, EOSTokenID: 5, PadTokenID: 5, MaxLength: 16,
		NumBeams: 4, LengthPenalty: 1, EarlyStopping: "true"}
	g.set = nil
	if g.DecoderStartTokenID != want.DecoderStartTokenID || g.EOSTokenID != want.EOSTokenID ||
		g.BOSTokenID != want.BOSTokenID || g.PadTokenID != want.PadTokenID || g.MaxLength != want.MaxLength ||
		g.NumBeams != want.NumBeams || g.LengthPenalty != want.LengthPenalty || g.EarlyStopping != want.EarlyStopping {
		t.Errorf("got %+v\nwant %+v", g, want)
	}
	d, _ := ParseConfig([]byte(`{"eos_token_id": 3}`))
	if d.MaxLength != 20 || d.NumBeams != 1 || d.DecoderStartTokenID != 3 || d.EarlyStopping != "false" {
		t.Errorf("defaults: %+v", d)
	}
	for _, bad := range []string{`{`, `{"eos_token_id": "x"}`, `{"early_stopping": "sometimes"}`} {
		if _, err := ParseConfig([]byte(bad)); err == nil {
			t.Errorf("%s: no error", bad)
		}
	}
}

// TestLastLogitsRefusesOddShapes: decoder logits of an odd shape (no
// position, no vocabulary, too few values, not float) are an error, never
// an index out of range.
func TestLastLogitsRefusesOddShapes(t *testing.T) {
	for _, tc := range []struct {
		name string
		t    inference.Tensor
	}{
		{"no position", inference.NewFloat32([]int64{1, 0, 4}, []float32{})},
		{"no vocabulary", inference.NewFloat32([]int64{1, 2, 0}, []float32{})},
		{"too few values", inference.NewFloat32([]int64{1, 2, 4}, make([]float32, 5))},
		{"two rows, one asked", inference.NewFloat32([]int64{2, 1, 4}, make([]float32, 8))},
		{"rank 2", inference.NewFloat32([]int64{1, 4}, make([]float32, 4))},
		{"int64", inference.NewInt64([]int64{1, 1, 4}, make([]int64, 4))},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if rows, err := LastLogits(tc.t, 1); err == nil {
				t.Errorf("LastLogits(%v) = %v, want an error", tc.t.Shape, rows)
			}
		})
	}
	rows, err := LastLogits(inference.NewFloat32([]int64{1, 2, 2}, []float32{1, 2, 3, 4}), 1)
	if err != nil || len(rows) != 1 || rows[0][0] != 3 || rows[0][1] != 4 {
		t.Errorf("LastLogits of a good tensor = %v, %v; want [[3 4]]", rows, err)
	}
}
