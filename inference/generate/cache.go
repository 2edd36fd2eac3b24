package generate

import (
	"fmt"
	"strings"

	"github.com/describer/describer/inference"
)

// CacheLayout pairs a decoder's past_key_values.* inputs with its
// present.* outputs, as optimum and transformers.js name them
// (past_key_values.0.key ↔ present.0.key; past_key_values.0.decoder.key ↔
// present.0.decoder.key), with each past's heads and head size from the
// graph.
type CacheLayout struct {
	// Past names the past inputs in the graph's order, Present the
	// matching outputs.
	Past, Present []string
	// Dims are each past input's heads and head size.
	Dims map[string][2]int64
}

// ReadCacheLayout reads s's cache inputs and outputs; it fails when a
// past has no present, a shape is not [batch, heads, length, size] with
// fixed heads and size, or there is no past at all.
func ReadCacheLayout(s inference.Session) (CacheLayout, error) {
	l := CacheLayout{Dims: map[string][2]int64{}}
	outs := map[string]bool{}
	for _, o := range s.Outputs() {
		outs[o.Name] = true
	}
	for _, in := range s.Inputs() {
		name, ok := strings.CutPrefix(in.Name, "past_key_values.")
		if !ok {
			continue
		}
		present := "present." + name
		if !outs[present] || len(in.Shape) != 4 || in.Shape[1] <= 0 || in.Shape[3] <= 0 {
			return l, fmt.Errorf("the decoder's %s has shape %v or no %s output", in.Name, in.Shape, present)
		}
		l.Past, l.Present = append(l.Past, in.Name), append(l.Present, present)
		l.Dims[in.Name] = [2]int64{in.Shape[1], in.Shape[3]}
	}
	if len(l.Past) == 0 {
		return l, fmt.Errorf("the decoder has no past key/value inputs")
	}
	return l, nil
}

// Empty returns the zero-length past for input name over rows rows: what
// transformers.js feeds on the first step (addPastKeyValues).
func (l CacheLayout) Empty(name string, rows int) inference.Tensor {
	d := l.Dims[name]
	return inference.NewFloat32([]int64{int64(rows), d[0], 0, d[1]}, []float32{})
}

// Feed puts the past inputs of a merged decoder for step (0 for the
// first, else the number of tokens cached) into in: the zero-length past
// on the first step, then past, which must hold rows rows for every
// input.
func (l CacheLayout) Feed(in, past map[string]inference.Tensor, step, rows int) error {
	for _, name := range l.Past {
		p, ok := past[name]
		if step == 0 {
			p, ok = l.Empty(name, rows), true
		}
		if !ok || p.Shape[0] != int64(rows) {
			return fmt.Errorf("the cache holds %v for %s, not %d rows", p.Shape, name, rows)
		}
		in[name] = p
	}
	return nil
}

// IsCross reports whether past input name holds cross-attention keys or
// values (".encoder." in optimum's names).
func IsCross(name string) bool { return strings.Contains(name, ".encoder.") }

// Next returns the cache after step (0 for the first) of a merged
// decoder from the step's outputs: each self-attention present, checked
// to hold rows rows of step+1 tokens. An encoder-decoder's
// cross-attention presents (see IsCross) are taken from the first step
// only (optimum's with-past branch does not recompute them, and
// transformers.js' getPastKeyValues keeps the first), checked to hold
// encLen encoder positions; a decoder-only model has none and passes any
// encLen.
func (l CacheLayout) Next(out, past map[string]inference.Tensor, step, rows int, encLen int64) (map[string]inference.Tensor, error) {
	next := make(map[string]inference.Tensor, len(l.Past))
	for i, name := range l.Past {
		if IsCross(name) && step > 0 {
			next[name] = past[name]
			continue
		}
		p := out[l.Present[i]]
		want := int64(step + 1)
		if IsCross(name) {
			want = encLen
		}
		if len(p.Shape) != 4 || p.Shape[0] != int64(rows) || p.Shape[2] != want || p.Float32s() == nil || len(p.Float32s()) != p.Len() {
			return nil, fmt.Errorf("the decoder's %s has shape %v", l.Present[i], p.Shape)
		}
		next[name] = p
	}
	return next, nil
}
