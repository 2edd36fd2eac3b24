package florence2

import "github.com/describer/describer/inference/internal/vips"

// resizeVips resizes packed RGB bytes from w×h to ow×oh as sharp's
// affine([ow/w, 0, 0, oh/h], {interpolator: "bicubic"}) does, which is
// what transformers.js' RawImage.resize runs in Node: libvips' vips_affine
// with its fixed-point Catmull-Rom interpolator (libvips
// resample/bicubic.cpp and templates.h, as gen_fixture.py's sharp_resize
// in testdata, which documents the details): output pixel X samples input
// x = X·w/ow (corners aligned), the 4×4 window starts at floor(x) − 1,
// pixels outside the image are 0, the fraction is rounded to 1/64, rows
// are summed with 12-bit coefficients and rounded, then the column, then
// clamped to 0–255.
func resizeVips(src []byte, w, h, ow, oh int) []byte {
	xs, ys := vipsTaps(w, ow), vipsTaps(h, oh)
	// rows[y][X][c]: each input row (with two rows of zeros either side,
	// left at zero) resampled across.
	rows := make([]int64, (h+4)*ow*3)
	for y := range h {
		row, out := src[y*w*3:(y+1)*w*3], rows[(y+2)*ow*3:(y+3)*ow*3]
		for X, tx := range xs {
			if tx.first < 0 || tx.first+4 > w { // a tap off the edge: 0 there
				for c := range 3 {
					var v int64
					for j := range 4 {
						v += tx.coef[j] * pixel(src, w, h, tx.first+j, y, c)
					}
					out[X*3+c] = vips.Round(v)
				}
				continue
			}
			p := row[tx.first*3 : tx.first*3+12]
			for c := range 3 {
				out[X*3+c] = vips.Round(tx.coef[0]*int64(p[c]) + tx.coef[1]*int64(p[3+c]) +
					tx.coef[2]*int64(p[6+c]) + tx.coef[3]*int64(p[9+c]))
			}
		}
	}
	out := make([]byte, ow*oh*3)
	for Y, ty := range ys {
		for X := range ow {
			for c := range 3 {
				var v int64
				for k := range 4 {
					v += ty.coef[k] * rows[((ty.first+k+2)*ow+X)*3+c]
				}
				out[(Y*ow+X)*3+c] = byte(min(max(vips.Round(v), 0), 255))
			}
		}
	}
	return out
}

// pixel returns channel c of (x, y), 0 outside the image.
func pixel(src []byte, w, h, x, y, c int) int64 {
	if x < 0 || y < 0 || x >= w || y >= h {
		return 0
	}
	return int64(src[(y*w+x)*3+c])
}

// vipsTap is where an output pixel's window starts and its coefficients.
type vipsTap struct {
	first int
	coef  [4]int64
}

// vipsTaps returns the window of each of n output pixels over in input
// pixels.
func vipsTaps(in, n int) []vipsTap {
	taps := make([]vipsTap, n)
	for X := range taps {
		whole, t := vips.MaskIndex(float64(X) / (float64(n) / float64(in)))
		taps[X].first = whole - 1
		for j, c := range vips.Bicubic[t] {
			taps[X].coef[j] = int64(c)
		}
	}
	return taps
}
