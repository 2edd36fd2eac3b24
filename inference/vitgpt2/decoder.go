package vitgpt2

import (
	"context"
	"fmt"
	"strings"

	"github.com/describer/describer/inference"
	"github.com/describer/describer/inference/generate"
)

// Tensor names of a Hugging Face merged decoder export (optimum /
// transformers.js): one graph whose use_cache_branch input switches between
// the first step (no past) and the following ones (with past).
const (
	inputIDsName      = "input_ids"
	encoderStatesName = "encoder_hidden_states"
	useCacheName      = "use_cache_branch"
	logitsName        = "logits"
	pastPrefix        = "past_key_values."
	presentPrefix     = "present."
)

// mergedDecoder describes a merged decoder session: which past inputs feed
// from which present outputs, and the cache geometry.
type mergedDecoder struct {
	sess     inference.Session
	pastIn   []string // past_key_values.N.key|value, in model order
	presents []string // the matching present.N.key|value
	heads    int64
	headDim  int64
	vocab    int64
}

// newMergedDecoder checks that sess has the merged-decoder signature and
// pairs each past input with its present output by name. heads and headDim
// come from the model's declared shapes, else from the fallbacks given
// (the model config).
func newMergedDecoder(sess inference.Session, heads, headDim int64) (*mergedDecoder, error) {
	d := &mergedDecoder{sess: sess, heads: heads, headDim: headDim}
	have := map[string]inference.IOInfo{}
	for _, in := range sess.Inputs() {
		have[in.Name] = in
	}
	outs := map[string]inference.IOInfo{}
	for _, o := range sess.Outputs() {
		outs[o.Name] = o
	}
	for _, want := range []struct {
		name string
		dt   inference.DType
	}{{inputIDsName, inference.Int64}, {encoderStatesName, inference.Float32}, {useCacheName, inference.Bool}} {
		in, ok := have[want.name]
		if !ok {
			return nil, fmt.Errorf("decoder has no input %q; is it a merged decoder (decoder_model_merged.onnx)?", want.name)
		}
		if in.DType != want.dt {
			return nil, fmt.Errorf("decoder input %q is %s, want %s", want.name, in.DType, want.dt)
		}
	}
	lo, ok := outs[logitsName]
	if !ok {
		return nil, fmt.Errorf("decoder has no output %q", logitsName)
	}
	if n := len(lo.Shape); n == 3 && lo.Shape[2] > 0 {
		d.vocab = lo.Shape[2]
	}
	for _, in := range sess.Inputs() {
		if !strings.HasPrefix(in.Name, pastPrefix) {
			continue
		}
		present := presentPrefix + strings.TrimPrefix(in.Name, pastPrefix)
		if _, ok := outs[present]; !ok {
			return nil, fmt.Errorf("decoder input %q has no matching output %q", in.Name, present)
		}
		if len(in.Shape) != 4 {
			return nil, fmt.Errorf("decoder input %q has rank %d, want 4", in.Name, len(in.Shape))
		}
		if in.Shape[1] > 0 {
			d.heads = in.Shape[1]
		}
		if in.Shape[3] > 0 {
			d.headDim = in.Shape[3]
		}
		d.pastIn = append(d.pastIn, in.Name)
		d.presents = append(d.presents, present)
	}
	if len(d.pastIn) == 0 {
		return nil, fmt.Errorf("decoder has no %s* inputs", pastPrefix)
	}
	if d.heads <= 0 || d.headDim <= 0 {
		return nil, fmt.Errorf("decoder cache shape unknown: the model and its config give no head count or size")
	}
	return d, nil
}

// cachedStepper feeds one new token per row and keeps the key/value cache
// between steps, so each step costs one token, not the whole sequence.
type cachedStepper struct {
	dec     *mergedDecoder
	enc     inference.Tensor            // [1, seq, hidden]; repeated per row
	encRows inference.Tensor            // enc repeated to the current row count
	past    map[string]inference.Tensor // past input name → [rows, heads, len, dim]
	pastLen int
}

func newCachedStepper(dec *mergedDecoder, enc inference.Tensor) *cachedStepper {
	return &cachedStepper{dec: dec, enc: enc}
}

// Step feeds each row's last token with the cache.
func (c *cachedStepper) Step(ctx context.Context, seqs [][]int64) ([][]float32, error) {
	rows := len(seqs)
	ids := make([]int64, rows)
	for i, s := range seqs {
		if len(s) != c.pastLen+1 {
			return nil, fmt.Errorf("decoder: row %d has %d tokens, cache holds %d", i, len(s), c.pastLen)
		}
		ids[i] = s[len(s)-1]
	}
	if c.encRows.Shape == nil || c.encRows.Shape[0] != int64(rows) {
		c.encRows = generate.RepeatRows(c.enc, rows)
	}
	in := map[string]inference.Tensor{
		inputIDsName:      inference.NewInt64([]int64{int64(rows), 1}, ids),
		encoderStatesName: c.encRows,
		// transformers.js sends false at the first step and true after;
		// both branches agree on an empty past, so true throughout is the
		// simpler contract and what NVDA's captioner did.
		useCacheName: inference.NewBool([]int64{1}, []bool{true}),
	}
	for _, name := range c.dec.pastIn {
		p, ok := c.past[name]
		switch {
		case c.pastLen == 0:
			p = inference.NewFloat32([]int64{int64(rows), c.dec.heads, 0, c.dec.headDim}, []float32{})
		case !ok || p.Shape[0] != int64(rows):
			return nil, fmt.Errorf("decoder: cache holds %v for %q, not %d rows", p.Shape, name, rows)
		}
		in[name] = p
	}
	out, err := c.dec.sess.Run(ctx, in)
	if err != nil {
		return nil, fmt.Errorf("decoder step %d: %w", c.pastLen, err)
	}
	next := make(map[string]inference.Tensor, len(c.dec.pastIn))
	for i, name := range c.dec.pastIn {
		pr, ok := out[c.dec.presents[i]]
		// reorder indexes these rows: check them before keeping them.
		if !ok || len(pr.Shape) != 4 || pr.Shape[0] != int64(rows) || pr.Shape[2] != int64(c.pastLen+1) ||
			pr.Float32s() == nil || len(pr.Float32s()) != pr.Len() {
			return nil, fmt.Errorf("decoder output %q missing or of unexpected shape %v", c.dec.presents[i], pr.Shape)
		}
		next[name] = pr
	}
	c.past = next
	c.pastLen++
	return generate.LastLogits(out[logitsName], rows)
}

// Reorder gathers cache rows src into a new cache.
func (c *cachedStepper) Reorder(src []int) {
	for name, p := range c.past {
		c.past[name] = generate.GatherRows(p, src)
	}
}

// fullStepper is the reference loop without a cache: every step re-feeds
// each row's whole sequence through the no-past branch. It is quadratic and
// exists to check the cached loop.
type fullStepper struct {
	dec *mergedDecoder
	enc inference.Tensor
}

// Step re-feeds each row's whole sequence.
func (f *fullStepper) Step(ctx context.Context, seqs [][]int64) ([][]float32, error) {
	rows, n := len(seqs), len(seqs[0])
	ids := make([]int64, 0, rows*n)
	for _, s := range seqs {
		ids = append(ids, s...)
	}
	in := map[string]inference.Tensor{
		inputIDsName:      inference.NewInt64([]int64{int64(rows), int64(n)}, ids),
		encoderStatesName: generate.RepeatRows(f.enc, rows),
		useCacheName:      inference.NewBool([]int64{1}, []bool{false}),
	}
	for _, name := range f.dec.pastIn {
		in[name] = inference.NewFloat32([]int64{int64(rows), f.dec.heads, 0, f.dec.headDim}, []float32{})
	}
	out, err := f.dec.sess.Run(ctx, in)
	if err != nil {
		return nil, fmt.Errorf("decoder (no cache): %w", err)
	}
	return generate.LastLogits(out[logitsName], rows)
}

// Reorder does nothing: there is no cache.
func (f *fullStepper) Reorder([]int) {}
