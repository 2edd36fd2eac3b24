package generate

import (
	"fmt"

	"github.com/describer/describer/inference"
)

// The helpers below are for Steppers: each row of a batch is one beam, and
// a decoder's tensors carry the rows in their first dimension.

// LastLogits splits decoder logits [rows, seq, vocab] into each row's
// logits at its last position, the ones that choose the next token. A
// tensor of another shape or type is an error.
func LastLogits(t inference.Tensor, rows int) ([][]float32, error) {
	data := t.Float32s()
	if len(t.Shape) != 3 || t.Shape[0] != int64(rows) || t.Shape[1] < 1 || t.Shape[2] < 1 ||
		data == nil || len(data) != t.Len() {
		return nil, fmt.Errorf("decoder logits have shape %v, want [%d, seq, vocab]", t.Shape, rows)
	}
	seq, vocab := int(t.Shape[1]), int(t.Shape[2])
	out := make([][]float32, rows)
	for r := range rows {
		off := (r*seq + seq - 1) * vocab
		out[r] = data[off : off+vocab]
	}
	return out, nil
}

// RepeatRows returns the float32 or int64 tensor t, whose first dimension
// is 1, repeated n times along it: an encoder's output, or its attention
// mask, for n beams. t itself is returned when it already has n rows.
func RepeatRows(t inference.Tensor, n int) inference.Tensor {
	if t.Shape[0] == int64(n) {
		return t
	}
	shape := append([]int64{int64(n)}, t.Shape[1:]...)
	if ids := t.Int64s(); ids != nil {
		return inference.NewInt64(shape, repeat(ids, n))
	}
	return inference.NewFloat32(shape, repeat(t.Float32s(), n))
}

// repeat returns n copies of src, one after another.
func repeat[T any](src []T, n int) []T {
	out := make([]T, 0, len(src)*n)
	for range n {
		out = append(out, src...)
	}
	return out
}

// GatherRows returns a float32 tensor whose row i is row src[i] of t: a
// key/value cache reordered after a beam-search step (Stepper.Reorder).
func GatherRows(t inference.Tensor, src []int) inference.Tensor {
	data := t.Float32s()
	row := len(data) / int(t.Shape[0])
	out := make([]float32, 0, row*len(src))
	for _, r := range src {
		out = append(out, data[r*row:(r+1)*row]...)
	}
	shape := append([]int64{int64(len(src))}, t.Shape[1:]...)
	return inference.NewFloat32(shape, out)
}
