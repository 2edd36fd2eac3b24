package florence2

import (
	"context"
	"fmt"

	"github.com/describer/describer/inference"
	"github.com/describer/describer/inference/generate"
)

// decoder is optimum's merged BART decoder: use_cache_branch false on the
// first step (no past), true after. Its with-past branch returns empty
// present.*.encoder.* tensors, so the cross-attention keys and values of
// the first step are kept for the whole caption, as transformers.js'
// getPastKeyValues does.
type decoder struct {
	sess inference.Session
	generate.CacheLayout
}

// newDecoder checks the merged decoder's inputs and outputs.
func newDecoder(s inference.Session) (*decoder, error) {
	l, err := generate.ReadCacheLayout(s)
	if err != nil {
		return nil, fmt.Errorf("florence2: %w", err)
	}
	for _, o := range s.Outputs() {
		if o.Name == "logits" {
			return &decoder{sess: s, CacheLayout: l}, nil
		}
	}
	return nil, fmt.Errorf("florence2: the decoder has no logits output")
}

// stepper runs the decoder for generate.Search with the key/value cache.
type stepper struct {
	m         *Model
	enc, mask inference.Tensor // the encoder's output and mask, one row
	encRows   inference.Tensor // enc repeated per row
	maskRows  inference.Tensor
	past      map[string]inference.Tensor // past input name → [rows, heads, len, dim]
	steps     int
}

// Step feeds each row's last token.
func (s *stepper) Step(ctx context.Context, seqs [][]int64) ([][]float32, error) {
	d, rows := s.m.dec, len(seqs)
	ids := make([]int64, rows)
	for i, q := range seqs {
		ids[i] = q[len(q)-1]
	}
	emb, err := s.m.embedIDs(ctx, ids, rows)
	if err != nil {
		return nil, err
	}
	if s.encRows.Shape == nil || s.encRows.Shape[0] != int64(rows) {
		s.encRows, s.maskRows = generate.RepeatRows(s.enc, rows), generate.RepeatRows(s.mask, rows)
	}
	in := map[string]inference.Tensor{
		"inputs_embeds": emb, "encoder_hidden_states": s.encRows, "encoder_attention_mask": s.maskRows,
		"use_cache_branch": inference.NewBool([]int64{1}, []bool{s.steps > 0}),
	}
	if err := d.Feed(in, s.past, s.steps, rows); err != nil {
		return nil, fmt.Errorf("florence2: %w", err)
	}
	out, err := s.run(ctx, in, rows)
	if err != nil {
		return nil, fmt.Errorf("florence2: decoder step %d: %w", s.steps, err)
	}
	if err := s.keep(out, rows); err != nil {
		return nil, err
	}
	s.steps++
	return generate.LastLogits(out["logits"], rows)
}

// run runs the decoder. On the first step, where the cross-attention
// keys and values come out, a session that can writes them straight into
// the model's reused memory, with room for a row per beam after them
// (see Reorder): tens of megabytes neither allocated nor copied.
func (s *stepper) run(ctx context.Context, in map[string]inference.Tensor, rows int) (map[string]inference.Tensor, error) {
	d := s.m.dec
	r, ok := d.sess.(inference.IntoRunner)
	if s.steps > 0 || !ok {
		return d.sess.Run(ctx, in)
	}
	if s.m.cross == nil {
		s.m.cross = map[string][]float32{}
	}
	beams := max(rows, s.m.gen.NumBeams)
	into := map[string]inference.Tensor{}
	for i, name := range d.Past {
		if !generate.IsCross(name) {
			continue
		}
		dims := d.Dims[name]
		shape := []int64{int64(rows), dims[0], s.enc.Shape[1], dims[1]}
		n := int(shape[1] * shape[2] * shape[3])
		if cap(s.m.cross[name]) < beams*n {
			s.m.cross[name] = make([]float32, beams*n)
		}
		into[d.Present[i]] = inference.NewFloat32(shape, s.m.cross[name][:rows*n])
	}
	return r.RunInto(ctx, in, into)
}

// keep takes the step's present.* as the next past (generate.CacheLayout.Next).
func (s *stepper) keep(out map[string]inference.Tensor, rows int) error {
	next, err := s.m.dec.Next(out, s.past, s.steps, rows, s.enc.Shape[1])
	if err != nil {
		return fmt.Errorf("florence2: %w", err)
	}
	s.past = next
	return nil
}

// Reorder keeps the cache rows src, in order. The cross-attention rows
// all hold the same image and prompt (every beam starts alike), so they
// are only gathered when the number of rows changes: from the first
// step's one row to one per beam, copied in place in the model's memory
// when the first step wrote it there.
func (s *stepper) Reorder(src []int) {
	for name, p := range s.past {
		switch {
		case !generate.IsCross(name):
			s.past[name] = generate.GatherRows(p, src)
		case p.Shape[0] == 1 && len(src) > 1:
			s.past[name] = s.spread(name, p, len(src))
		case p.Shape[0] != int64(len(src)):
			s.past[name] = generate.GatherRows(p, src)
		}
	}
}

// spread repeats the one row of the cross-attention cache p for rows
// beams, in the model's memory for name: in place when p is already at
// its start.
func (s *stepper) spread(name string, p inference.Tensor, rows int) inference.Tensor {
	row := p.Float32s()
	buf := s.m.cross[name]
	if inPlace := len(row) > 0 && cap(buf) >= rows*len(row) && &buf[:1][0] == &row[0]; !inPlace {
		buf = make([]float32, rows*len(row))
		copy(buf, row)
		s.m.cross[name] = buf
	}
	buf = buf[:rows*len(row)]
	for i := 1; i < rows; i++ {
		copy(buf[i*len(row):], buf[:len(row)])
	}
	return inference.NewFloat32(append([]int64{int64(rows)}, p.Shape[1:]...), buf)
}
