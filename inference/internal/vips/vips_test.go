package vips

import "testing"

// Every Catmull-Rom mask sums to one within the truncation of its four
// weights, the ends are the identity, and positions pick their masks as
// libvips does (to 1/128, rounded to 1/64).
func TestTables(t *testing.T) {
	for i, m := range Bicubic {
		if s := m[0] + m[1] + m[2] + m[3]; s < 1<<Shift-3 || s > 1<<Shift+3 {
			t.Errorf("mask %d sums to %d", i, s)
		}
	}
	if Bicubic[0] != [4]int32{0, 1 << Shift, 0, 0} || Bicubic[Scale] != [4]int32{0, 0, 1 << Shift, 0} {
		t.Errorf("end masks %v %v", Bicubic[0], Bicubic[Scale])
	}
	for _, c := range []struct {
		pos         float64
		whole, mask int
	}{{1.5, 1, 32}, {2, 2, 0}, {0.999, 0, 64}, {3.0078125, 3, 1}, {3.00390625, 3, 0}} {
		if w, m := MaskIndex(c.pos); w != c.whole || m != c.mask {
			t.Errorf("MaskIndex(%v) = %d, %d; want %d, %d", c.pos, w, m, c.whole, c.mask)
		}
	}
	if Round(int32(2048)) != 1 || Round(int32(2047)) != 0 || Round(int64(-2049)) != -1 {
		t.Error("Round")
	}
}
