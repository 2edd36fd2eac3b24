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
