package smolvlm

import (
	"math"

	"github.com/describer/describer/inference/internal/vips"
	"runtime"
	"sync"
)

// resizeLanczos resizes packed RGB bytes from w×h to ow×oh as sharp's
// resize({width, height, fit: "fill", kernel: "lanczos3"}) does in Node,
// which is what transformers.js' RawImage.resize runs for resample 1
// (utils/image.js). sharp hands it to libvips' vips_resize (libvips 8.18:
// resample/resize.c, reducev.cpp, reduceh.cpp, shrinkv.c, shrinkh.c,
// affine.c, bicubic.cpp, templates.h): each axis that shrinks is reduced
// with a Lanczos-3 mask in 12-bit fixed point (after a box shrink when it
// shrinks by 4 or more), vertically first; an axis that grows is then
// resampled by vips_affine with the fixed-point Catmull-Rom interpolator,
// centred (idx = idy = 0.5) and with the edge pixels repeated. It returns
// src itself when the size does not change.
func resizeLanczos(src []byte, w, h, ow, oh int) []byte {
	if w == ow && h == oh {
		return src
	}
	a := rgbPlane{w: w, h: h, px: src}
	hscale := 1.0 / (float64(w) / float64(ow))
	vscale := 1.0 / (float64(h) / float64(oh))
	hscale, vscale = math.Max(hscale, 1.0/float64(w)), math.Max(vscale, 1.0/float64(h))
	if vscale < 1 {
		a = a.transpose().reduce(1.0/vscale, 16).transpose()
	}
	if hscale < 1 {
		a = a.reduce(1.0/hscale, 0)
	}
	if hscale > 1 || vscale > 1 {
		a = a.affine(math.Max(hscale, 1), math.Max(vscale, 1))
	}
	return a.px
}

// rgbPlane is packed RGB bytes.
type rgbPlane struct {
	w, h int
	px   []byte
}

// transpose swaps rows and columns.
func (p rgbPlane) transpose() rgbPlane {
	t := rgbPlane{w: p.h, h: p.w, px: make([]byte, len(p.px))}
	for y := range p.h {
		for x := range p.w {
			copy(t.px[(x*t.w+y)*3:(x*t.w+y)*3+3], p.px[(y*p.w+x)*3:(y*p.w+x)*3+3])
		}
	}
	return t
}

// inRows runs fn over [0, n) in contiguous parts, one per CPU.
func inRows(n int, fn func(lo, hi int)) {
	parts := min(runtime.GOMAXPROCS(0), max(n/64, 1))
	var wg sync.WaitGroup
	for i := range parts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			fn(n*i/parts, n*(i+1)/parts)
		}()
	}
	wg.Wait()
}

// clamp8 rounds a fixed-point sum and clamps it to a byte.
func clamp8(v int32) byte { return byte(min(max(vips.Round(v), 0), 255)) }

// tap is one output position's window: the byte offsets of its input
// pixels (edges repeated) and their weights.
type tap struct {
	at   []int
	coef []int32
}

// accumulate returns count positions from start, step apart, summed one
// after another as libvips' loops do (X += step).
func accumulate(start, step float64, count int) []float64 {
	pos := make([]float64, count)
	x := start
	for i := range pos {
		pos[i] = x
		x += step
	}
	return pos
}

// reduce shrinks p across by shrink (vips_reduceh with the Lanczos-3
// kernel and gap 2); block > 0 restarts the position sums every block
// outputs, as libvips' regions of that many rows do (reducev).
func (p rgbPlane) reduce(shrink float64, block int) rgbPlane {
	outW := int(float64(p.w)/shrink + 0.5)
	extra := float64(outW)*shrink - float64(p.w)
	residual := shrink
	if k := max(1, int(math.Floor(float64(p.w)/float64(outW)/2))); k > 1 {
		p = p.shrinkBox(k)
		extra /= float64(k)
		residual /= float64(k)
	}
	if residual == 1 {
		return p
	}
	n := int(2*math.RoundToEven(3*residual) + 1)
	offset := (1+extra)/2.0 - 1
	masks := lanczosMasks(n, residual)
	m := int(math.Ceil(float64(n)/2.0)) - 1
	if block <= 0 {
		block = outW
	}
	var taps []tap
	for t0 := 0; t0 < outW; t0 += block {
		start := float64(float64(float64(t0)+0.5)*residual) - 0.5 - offset
		for _, pos := range accumulate(start, residual, min(block, outW-t0)) {
			first, t := vips.MaskIndex(pos)
			tp := tap{coef: masks[t]}
			for i := range n {
				tp.at = append(tp.at, 3*min(max(first+i-m, 0), p.w-1))
			}
			taps = append(taps, tp)
		}
	}
	out := rgbPlane{w: outW, h: p.h, px: make([]byte, outW*p.h*3)}
	inRows(p.h, func(lo, hi int) {
		for y := lo; y < hi; y++ {
			row, dst := p.px[y*p.w*3:(y+1)*p.w*3], out.px[y*outW*3:(y+1)*outW*3]
			for x, tp := range taps {
				var r, g, b int32
				for i, at := range tp.at {
					k := tp.coef[i]
					r += k * int32(row[at])
					g += k * int32(row[at+1])
					b += k * int32(row[at+2])
				}
				dst[3*x], dst[3*x+1], dst[3*x+2] = clamp8(r), clamp8(g), clamp8(b)
			}
		}
	})
	return out
}

// shrinkBox averages k columns into one, the last ones padded with the
// edge (vips_shrinkh for uchar, ceil on).
func (p rgbPlane) shrinkBox(k int) rgbPlane {
	outW := (p.w + k - 1) / k
	mult := uint64((1 << 32) / (256 * k))
	out := rgbPlane{w: outW, h: p.h, px: make([]byte, outW*p.h*3)}
	for y := range p.h {
		for x := range outW {
			for c := range 3 {
				var s uint64
				for i := range k {
					s += uint64(p.px[(y*p.w+min(x*k+i, p.w-1))*3+c])
				}
				out.px[(y*outW+x)*3+c] = byte((((s + uint64(k/2)) * mult) & 0xFFFFFFFF) >> 24)
			}
		}
	}
	return out
}

// lanczosMasks are vips_reduce_make_mask's n-tap Lanczos-3 masks for the
// 65 sub-pixel positions, normalised and truncated to 12 bits.
func lanczosMasks(n int, shrink float64) [vips.Scale + 1][]int32 {
	var masks [vips.Scale + 1][]int32
	for t := range masks {
		x := float64(t) / vips.Scale
		half := x + float64(n)/2.0 - 1
		c, sum := make([]float64, n), 0.0
		for i := range c {
			c[i] = lanczos3((float64(i) - half) / shrink)
			sum += c[i]
		}
		masks[t] = make([]int32, n)
		for i, v := range c {
			masks[t][i] = int32(v / sum * (1 << vips.Shift))
		}
	}
	return masks
}

func lanczos3(x float64) float64 {
	if x < -3 || x > 3 {
		return 0
	}
	return sinc(x) * sinc(x/3)
}

func sinc(x float64) float64 {
	if x == 0 {
		return 1
	}
	x *= math.Pi
	return math.Sin(x) / x
}

// affine enlarges p by hscale across and vscale down as vips_resize's
// vips_affine does: Catmull-Rom, output pixel centres mapped onto input
// centres, edges repeated; across first (rounded, not clamped), then down
// (rounded and clamped).
func (p rgbPlane) affine(hscale, vscale float64) rgbPlane {
	tmp := 1.0 / (hscale*vscale - 0.0*0.0)
	ia, id := tmp*vscale, tmp*hscale
	outW, outH := roundInt(hscale*float64(p.w)), roundInt(vscale*float64(p.h))
	const idx, idy, windowOffset, border = 0.5 - 1, 0.5 - 1, 1, 2
	xs := make([]tap, outW)
	for x, pos := range accumulate((0-idx)+windowOffset, ia, outW) {
		first, t := vips.MaskIndex(pos)
		xs[x] = tap{coef: vips.Bicubic[t][:]}
		for i := range 4 {
			xs[x].at = append(xs[x].at, 3*min(max(first-1+i-border, 0), p.w-1))
		}
	}
	hor := make([]int32, p.h*outW*3)
	inRows(p.h, func(lo, hi int) {
		for y := lo; y < hi; y++ {
			row, dst := p.px[y*p.w*3:(y+1)*p.w*3], hor[y*outW*3:(y+1)*outW*3]
			for x, tp := range xs {
				k, at := tp.coef, tp.at
				for c := range 3 {
					v := k[0]*int32(row[at[0]+c]) + k[1]*int32(row[at[1]+c]) + k[2]*int32(row[at[2]+c]) + k[3]*int32(row[at[3]+c])
					dst[3*x+c] = vips.Round(v)
				}
			}
		}
	})
	out := rgbPlane{w: outW, h: outH, px: make([]byte, outW*outH*3)}
	rowLen := outW * 3
	inRows(outH, func(lo, hi int) {
		for y := lo; y < hi; y++ {
			first, t := vips.MaskIndex(float64(float64(id*float64(y))-idy) + windowOffset)
			k := vips.Bicubic[t]
			var r [4][]int32
			for j := range r {
				at := min(max(first-1+j-border, 0), p.h-1) * rowLen
				r[j] = hor[at : at+rowLen]
			}
			dst := out.px[y*rowLen : (y+1)*rowLen]
			for i := range dst {
				dst[i] = clamp8(k[0]*r[0][i] + k[1]*r[1][i] + k[2]*r[2][i] + k[3]*r[3][i])
			}
		}
	})
	return out
}

// roundInt is VIPS_ROUND_INT: halves away from zero.
func roundInt(v float64) int {
	if v > 0 {
		return int(v + 0.5)
	}
	return int(v - 0.5)
}
