package smolvlm

import (
	"context"
	"fmt"

	"github.com/describer/describer/inference"
	"github.com/describer/describer/inference/generate"
)

// decoder is the merged Llama decoder: no use_cache_branch, a zero-length
// past on the first run (transformers.js' addPastKeyValues with every
// symbolic dimension but the batch 0), present.* becoming the next past.
type decoder struct {
	sess inference.Session
	generate.CacheLayout
	// vocab is the logits' last dimension, 0 when the graph leaves it open.
	vocab int64
}

// newDecoder checks the decoder's inputs and outputs.
func newDecoder(s inference.Session) (*decoder, error) {
	l, err := generate.ReadCacheLayout(s)
	if err != nil {
		return nil, fmt.Errorf("smolvlm: %w", err)
	}
	d := &decoder{sess: s, CacheLayout: l}
	ins, outs := map[string]bool{}, map[string]bool{}
	for _, in := range s.Inputs() {
		ins[in.Name] = true
	}
	for _, o := range s.Outputs() {
		outs[o.Name] = true
		if o.Name == "logits" && len(o.Shape) == 3 {
			d.vocab = max(o.Shape[2], 0)
		}
	}
	for _, want := range []string{"inputs_embeds", "attention_mask", "position_ids"} {
		if !ins[want] {
			return nil, fmt.Errorf("smolvlm: the decoder has no %s input", want)
		}
	}
	if !outs["logits"] {
		return nil, fmt.Errorf("smolvlm: the decoder has no logits output")
	}
	return d, nil
}

// cache is the keys and values of the tokens seen so far.
type cache struct {
	ids  []int64
	past map[string]inference.Tensor
	// banks take the decoder's present.* outputs and a generated token's
	// logits: no memory is allocated or copied per token.
	banks generate.Banks
}

// into returns the outputs the decoder can write into memory of the
// cache's for a run over n tokens of which fresh are new: the presents
// into the bank not being read (the run makes it the one read next, once
// it succeeded), the logits of one token into one buffer.
func (c *cache) into(d *decoder, n, fresh int) map[string]inference.Tensor {
	if d.vocab == 0 {
		return nil
	}
	into := make(map[string]inference.Tensor, len(d.Past)+1)
	for i, name := range d.Past {
		dims := d.Dims[name]
		into[d.Present[i]] = c.banks.Cache(name, []int64{1, dims[0], int64(n), dims[1]})
	}
	shape := []int64{1, int64(fresh), d.vocab}
	if fresh > 1 {
		// A prompt's logits (a row per token, hundreds of megabytes with
		// tiles) are not kept for the next run.
		into["logits"] = inference.NewFloat32(shape, make([]float32, fresh*int(d.vocab)))
	} else {
		into["logits"] = c.banks.Logits(shape)
	}
	return into
}

// run feeds embeds (the tokens after those cached) and returns the last
// position's logits; the cache then holds ids, all of it.
func (d *decoder) run(ctx context.Context, c *cache, embeds inference.Tensor, ids []int64) ([]float32, error) {
	n, pastLen := len(ids), len(c.ids)
	mask, pos := make([]int64, n), make([]int64, n-pastLen)
	for i := range mask {
		mask[i] = 1
	}
	for i := range pos {
		pos[i] = int64(pastLen + i)
	}
	in := map[string]inference.Tensor{
		"inputs_embeds":  embeds,
		"attention_mask": inference.NewInt64([]int64{1, int64(n)}, mask),
		"position_ids":   inference.NewInt64([]int64{1, int64(len(pos))}, pos),
	}
	if err := d.Feed(in, c.past, pastLen, 1); err != nil {
		return nil, fmt.Errorf("smolvlm: %w", err)
	}
	var out, into map[string]inference.Tensor
	var err error
	if r, ok := d.sess.(inference.IntoRunner); ok {
		into = c.into(d, n, len(pos))
		out, err = r.RunInto(ctx, in, into)
	} else {
		out, err = d.sess.Run(ctx, in)
	}
	if err != nil {
		return nil, fmt.Errorf("smolvlm: decoder: %w", err)
	}
	next, err := d.Next(out, c.past, n-1, 1, 0) // n tokens cached, as after step n-1
	if err != nil {
		return nil, fmt.Errorf("smolvlm: %w", err)
	}
	logits := out["logits"]
	l := logits.Float32s()
	if len(logits.Shape) != 3 || logits.Shape[1] != int64(len(pos)) || len(l) != logits.Len() || len(l) == 0 {
		return nil, fmt.Errorf("smolvlm: the decoder returned logits of shape %v", logits.Shape)
	}
	c.ids, c.past = ids, next
	if into != nil {
		c.banks.Flip() // the presents just written are the past now
	}
	vocab := int(logits.Shape[2])
	return l[len(l)-vocab:], nil
}

// trim keeps the first n tokens of the cache.
func (c *cache) trim(n int) {
	if n >= len(c.ids) {
		return
	}
	if n == 0 {
		c.ids, c.past = nil, nil
		return
	}
	for name, p := range c.past {
		heads, length, dim := int(p.Shape[1]), int(p.Shape[2]), int(p.Shape[3])
		src, dst := p.Float32s(), make([]float32, heads*n*dim)
		for h := range heads {
			copy(dst[h*n*dim:(h+1)*n*dim], src[h*length*dim:])
		}
		c.past[name] = inference.NewFloat32([]int64{1, int64(heads), int64(n), int64(dim)}, dst)
	}
	c.ids = c.ids[:n]
}

// argmax returns the index of the largest logit, the first of equals
// (transformers.js' greedy sampler, utils/maths.js max).
func argmax(v []float32) int64 {
	best := 0
	for i, x := range v {
		if x > v[best] {
			best = i
		}
	}
	return int64(best)
}
