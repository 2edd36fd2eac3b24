package generate

import "github.com/describer/describer/inference"

// Banks are memory a decoder writes its outputs into, run after run, so
// that nothing is allocated or copied per generated token
// (inference.IntoRunner): two buffers per cache tensor, written in turn
// (the other holds the past being read), and one for a token's logits.
// The zero value is ready to use.
type Banks struct {
	cache  map[string]*[2][]float32
	next   int // the bank the next run writes
	logits []float32
}

// Cache returns a tensor of shape for the present output name, in the
// bank the next run writes.
func (b *Banks) Cache(name string, shape []int64) inference.Tensor {
	if b.cache == nil {
		b.cache = map[string]*[2][]float32{}
	}
	size := inference.Tensor{Shape: shape}.Len()
	bank := b.cache[name]
	if bank == nil {
		bank = new([2][]float32)
		b.cache[name] = bank
	}
	if cap(bank[b.next]) < size {
		bank[b.next] = make([]float32, size, size+size/2) // room to grow by half before the next allocation
	}
	return inference.NewFloat32(shape, bank[b.next][:size])
}

// Logits returns a tensor of shape for the logits, in the one buffer
// kept for them: a token's logits, read before the next run.
func (b *Banks) Logits(shape []int64) inference.Tensor {
	size := inference.Tensor{Shape: shape}.Len()
	if cap(b.logits) < size {
		b.logits = make([]float32, size)
	}
	return inference.NewFloat32(shape, b.logits[:size])
}

// Flip makes the bank just written the one read: call it after a run
// succeeded, so a failed run leaves the past as it was.
func (b *Banks) Flip() { b.next = 1 - b.next }
