package marian

import (
	"context"
	"fmt"

	"github.com/describer/describer/inference"
	"github.com/describer/describer/inference/generate"
)

// decoder is optimum's merged Marian decoder: use_cache_branch false on
// the first step (no past), true after. Its with-past branch does not
// recompute the cross-attention keys and values, so those of the first
// step are kept for the whole translation, as transformers.js'
// getPastKeyValues does.
type decoder struct {
	sess inference.Session
	generate.CacheLayout
	vocab int64 // the logits' last dimension, 0 when the graph leaves it open
}

// newDecoder checks the merged decoder's inputs and outputs.
func newDecoder(s inference.Session) (*decoder, error) {
	l, err := generate.ReadCacheLayout(s)
	if err != nil {
		return nil, fmt.Errorf("marian: %w", err)
	}
	ins, outs := map[string]bool{}, map[string]bool{}
	for _, in := range s.Inputs() {
		ins[in.Name] = true
	}
	for _, o := range s.Outputs() {
		outs[o.Name] = true
	}
	for _, want := range []string{"input_ids", "encoder_hidden_states", "encoder_attention_mask", "use_cache_branch"} {
		if !ins[want] {
			return nil, fmt.Errorf("marian: the decoder has no %s input; is it a merged decoder (decoder_model_merged.onnx)?", want)
		}
	}
	if !outs["logits"] {
		return nil, fmt.Errorf("marian: the decoder has no logits output")
	}
	d := &decoder{sess: s, CacheLayout: l}
	for _, o := range s.Outputs() {
		if o.Name == "logits" && len(o.Shape) == 3 {
			d.vocab = max(o.Shape[2], 0)
		}
	}
	return d, nil
}

// stepper runs the decoder for generate.Search with the key/value cache.
type stepper struct {
	m         *Model
	enc, mask inference.Tensor // the encoder's output and mask, one row
	encRows   inference.Tensor // enc repeated per row
	maskRows  inference.Tensor
	past      map[string]inference.Tensor // past input name → [rows, heads, len, dim]
	steps     int
	// banks take the self-attention presents and the logits, so nothing
	// is allocated or copied per token (the cross-attention's are made
	// once, on the first step).
	banks generate.Banks
}

// Step feeds each row's last token.
func (s *stepper) Step(ctx context.Context, seqs [][]int64) ([][]float32, error) {
	d, rows := s.m.dec, len(seqs)
	ids := make([]int64, rows)
	for i, q := range seqs {
		ids[i] = q[len(q)-1]
	}
	if s.encRows.Shape == nil || s.encRows.Shape[0] != int64(rows) {
		s.encRows, s.maskRows = generate.RepeatRows(s.enc, rows), generate.RepeatRows(s.mask, rows)
	}
	in := map[string]inference.Tensor{
		"input_ids": inference.NewInt64([]int64{int64(rows), 1}, ids), "encoder_hidden_states": s.encRows,
		"encoder_attention_mask": s.maskRows, "use_cache_branch": inference.NewBool([]int64{1}, []bool{s.steps > 0}),
	}
	if err := d.Feed(in, s.past, s.steps, rows); err != nil {
		return nil, fmt.Errorf("marian: %w", err)
	}
	out, err := s.run(ctx, in, rows)
	if err != nil {
		return nil, fmt.Errorf("marian: decoder step %d: %w", s.steps, err)
	}
	if err := s.keep(out, rows); err != nil {
		return nil, err
	}
	s.steps++
	return generate.LastLogits(out["logits"], rows)
}

// run runs the decoder, writing the self-attention presents and the
// logits into the banks when the session can.
func (s *stepper) run(ctx context.Context, in map[string]inference.Tensor, rows int) (map[string]inference.Tensor, error) {
	d := s.m.dec
	r, ok := d.sess.(inference.IntoRunner)
	if !ok || d.vocab == 0 {
		return d.sess.Run(ctx, in)
	}
	into := make(map[string]inference.Tensor, len(d.Past)/2+1)
	for i, name := range d.Past {
		if !generate.IsCross(name) {
			dims := d.Dims[name]
			into[d.Present[i]] = s.banks.Cache(name, []int64{int64(rows), dims[0], int64(s.steps + 1), dims[1]})
		}
	}
	into["logits"] = s.banks.Logits([]int64{int64(rows), 1, d.vocab})
	out, err := r.RunInto(ctx, in, into)
	if err == nil {
		s.banks.Flip() // the presents just written are the past now
	}
	return out, err
}

// keep takes the step's present.* as the next past (generate.CacheLayout.Next).
func (s *stepper) keep(out map[string]inference.Tensor, rows int) error {
	next, err := s.m.dec.Next(out, s.past, s.steps, rows, s.enc.Shape[1])
	if err != nil {
		return fmt.Errorf("marian: %w", err)
	}
	s.past = next
	return nil
}

// Reorder keeps the cache rows src, in order (the first step's one row
// becomes one per beam). The cross-attention rows all hold the same
// source sentence (every beam starts alike), so they are only gathered
// when the number of rows changes, as Florence-2's are.
func (s *stepper) Reorder(src []int) {
	for name, p := range s.past {
		if generate.IsCross(name) && p.Shape[0] == int64(len(src)) {
			continue
		}
		s.past[name] = generate.GatherRows(p, src)
	}
}
