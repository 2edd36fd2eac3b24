// Package vips holds the fixed-point pieces of libvips' resamplers, which
// sharp, and so transformers.js in Node, resizes images with (libvips
// resample/templates.h, bicubic.cpp, reduceh.cpp): 64 sub-pixel
// positions, 12-bit coefficients, Catmull-Rom's table. Florence-2's and
// SmolVLM's preprocessing share them.
package vips

// Fixed point: Scale sub-pixel positions (VIPS_TRANSFORM_SCALE), weights
// of Shift bits (VIPS_INTERPOLATE_SHIFT).
const (
	Scale = 64
	Shift = 12
)

// MaskIndex returns the integer part of a sample position pos ≥ 0 and
// which of the Scale+1 sub-pixel masks it uses, as libvips works it out:
// the fraction to 1/128, rounded to 1/64.
func MaskIndex(pos float64) (whole, mask int) {
	s := int64(pos*Scale*2) & (Scale*2 - 1)
	return int(pos), int((s + 1) >> 1)
}

// Round rounds a Shift-bit fixed-point sum to an integer (an arithmetic
// shift: negative sums round toward −∞ after the half is added).
func Round[T int32 | int64](v T) T { return (v + 1<<(Shift-1)) >> Shift }

// Bicubic holds libvips' Catmull-Rom coefficients for each sub-pixel
// position t/Scale (calculate_coefficients_catmull), in Shift-bit fixed
// point, truncated toward zero as libvips' cast does.
var Bicubic = func() (m [Scale + 1][4]int32) {
	for t := range m {
		x := float64(t) / Scale
		cr1 := 1 - x
		cr2 := -0.5 * x
		cr3 := cr1 * cr2
		cone := cr1 * cr3
		cfou := x * cr3
		cr4 := cfou - cone
		for j, v := range [4]float64{cone, cr1 - cone + cr4, x - cfou - cr4, cfou} {
			m[t][j] = int32(v * (1 << Shift))
		}
	}
	return m
}()
