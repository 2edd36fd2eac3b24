package generate

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/describer/describer/inference"
)

// fakeSession declares inputs and outputs only.
type fakeSession struct{ ins, outs []inference.IOInfo }

func (f fakeSession) Inputs() []inference.IOInfo  { return f.ins }
func (f fakeSession) Outputs() []inference.IOInfo { return f.outs }
func (f fakeSession) Run(context.Context, map[string]inference.Tensor) (map[string]inference.Tensor, error) {
	return nil, nil
}
func (f fakeSession) Close() error { return nil }

// A merged decoder's pasts pair with their presents in the graph's order,
// with heads and sizes from the declared shapes; a past without a present,
// one without fixed heads, or no past at all is an error naming it.
func TestReadCacheLayout(t *testing.T) {
	io := func(name string, shape ...int64) inference.IOInfo {
		return inference.IOInfo{Name: name, DType: inference.Float32, Shape: shape}
	}
	s := fakeSession{
		ins:  []inference.IOInfo{io("input_ids", 1, -1), io("past_key_values.0.decoder.key", -1, 4, -1, 8), io("past_key_values.0.encoder.value", -1, 4, -1, 8)},
		outs: []inference.IOInfo{io("logits", 1, -1, 9), io("present.0.decoder.key", -1, 4, -1, 8), io("present.0.encoder.value", -1, 4, -1, 8)},
	}
	l, err := ReadCacheLayout(s)
	if err != nil || !slices.Equal(l.Past, []string{"past_key_values.0.decoder.key", "past_key_values.0.encoder.value"}) ||
		!slices.Equal(l.Present, []string{"present.0.decoder.key", "present.0.encoder.value"}) || l.Dims[l.Past[1]] != [2]int64{4, 8} {
		t.Fatalf("%+v, %v", l, err)
	}
	if e := l.Empty(l.Past[0], 3); !slices.Equal(e.Shape, []int64{3, 4, 0, 8}) || len(e.Float32s()) != 0 {
		t.Errorf("Empty: %v", e.Shape)
	}
	for name, bad := range map[string]fakeSession{
		"no present": {ins: s.ins, outs: s.outs[:2]},
		"open heads": {ins: []inference.IOInfo{io("past_key_values.0.key", -1, -1, -1, 8)}, outs: []inference.IOInfo{io("present.0.key", -1, -1, -1, 8)}},
		"no past":    {ins: s.ins[:1], outs: s.outs[:1]},
	} {
		if _, err := ReadCacheLayout(bad); err == nil || !strings.Contains(err.Error(), "past") {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// Next keeps the cross-attention keys of the first step and takes the
// self-attention ones every step, checking their lengths.
func TestCacheLayoutNext(t *testing.T) {
	l := CacheLayout{Past: []string{"past_key_values.0.decoder.key", "past_key_values.0.encoder.key"},
		Present: []string{"present.0.decoder.key", "present.0.encoder.key"}}
	tensor := func(n int64) inference.Tensor {
		return inference.NewFloat32([]int64{1, 2, n, 3}, make([]float32, 6*n))
	}
	first, err := l.Next(map[string]inference.Tensor{"present.0.decoder.key": tensor(1), "present.0.encoder.key": tensor(5)}, nil, 0, 1, 5)
	if err != nil || first[l.Past[1]].Shape[2] != 5 {
		t.Fatalf("step 0: %v, %v", first, err)
	}
	empty := inference.NewFloat32([]int64{0, 2, 1, 3}, []float32{})
	second, err := l.Next(map[string]inference.Tensor{"present.0.decoder.key": tensor(2), "present.0.encoder.key": empty}, first, 1, 1, 5)
	if err != nil || second[l.Past[0]].Shape[2] != 2 || &second[l.Past[1]].Float32s()[0] != &first[l.Past[1]].Float32s()[0] {
		t.Errorf("step 1: %v, %v", second, err)
	}
	if _, err := l.Next(map[string]inference.Tensor{"present.0.decoder.key": tensor(3), "present.0.encoder.key": empty}, first, 1, 1, 5); err == nil {
		t.Error("a present of the wrong length: no error")
	}
}
