package smolvlm

// sampler is an image of normalised values, channel c at (x, y).
type sampler interface {
	at(c, y, x int) float32
	size() (w, h int)
}

// lutImage is packed RGB bytes read through a table of their normalised
// values (the same for every byte value), so the normalised image is
// never stored whole.
type lutImage struct {
	w, h int
	rgb  []byte
	lut  *[3][256]float32
}

func (s lutImage) at(c, y, x int) float32 { return s.lut[c][s.rgb[(y*s.w+x)*3+c]] }
func (s lutImage) size() (int, int)       { return s.w, s.h }

// resized is src resampled to w×h as ONNX Runtime's Resize (mode linear,
// coordinate_transformation_mode half_pixel, no antialiasing) does on the
// CPU, which is what transformers.js' interpolate_4d runs
// (ops/registry.js bilinear_interpolate_4d, in onnxruntime-node 1.30):
// onnxruntime core/providers/cpu/tensor/upsample.cc, SetupUpsampleBilinear
// and UpsampleBilinear, each output the sum of its four neighbours
// weighted by products of the two axes' weights, in float32, left to
// right (the reference's pixel hashes agree bit for bit). Values are
// worked out when read.
type resized[S sampler] struct {
	src    S
	xs, ys []bilinearTap
}

func resize[S sampler](src S, w, h int) resized[S] {
	sw, sh := src.size()
	return resized[S]{src: src, xs: bilinearTaps(sw, w), ys: bilinearTaps(sh, h)}
}

func (r resized[S]) size() (int, int) { return len(r.xs), len(r.ys) }

func (r resized[S]) at(c, y, x int) float32 {
	tx, ty := r.xs[x], r.ys[y]
	// float32() stops the compiler fusing a multiply and an add.
	v := float32(float32(tx.d2*ty.d2)*r.src.at(c, ty.i1, tx.i1)) + float32(float32(tx.d1*ty.d2)*r.src.at(c, ty.i1, tx.i2))
	v = float32(v + float32(float32(tx.d2*ty.d1)*r.src.at(c, ty.i2, tx.i1)))
	return v + float32(float32(tx.d1*ty.d1)*r.src.at(c, ty.i2, tx.i2))
}

// tile writes the w×h window of s at (x0, y0) into dst, CHW, its rows
// shared out among the CPUs.
func tile[S sampler](dst []float32, s S, x0, y0, w, h int) {
	inRows(3*h, func(lo, hi int) {
		for cy := lo; cy < hi; cy++ {
			c, y := cy/h, cy%h
			row := dst[cy*w : (cy+1)*w]
			for x := range row {
				row[x] = s.at(c, y0+y, x0+x)
			}
		}
	})
}

// bilinearTap is an output position's two input neighbours and weights
// (d1 weighs i2, d2 weighs i1, as onnxruntime names them).
type bilinearTap struct {
	i1, i2 int
	d1, d2 float32
}

// bilinearTaps maps n output positions onto in input ones, half-pixel
// centred, in float32 as SetupUpsampleBilinear does; a size kept the same
// maps each position onto itself (weights 1 and 0, or ½ and ½ on the
// last), which reproduces the input exactly.
func bilinearTaps(in, n int) []bilinearTap {
	scale := float32(n) / float32(in)
	taps := make([]bilinearTap, n)
	for i := range taps {
		x := float32(i)
		if scale != 1 {
			x = float32((float32(i)+0.5)/scale) - 0.5
		}
		x = max(0, min(x, float32(in-1)))
		t := &taps[i]
		t.i1 = min(int(x), in-1)
		t.i2 = min(t.i1+1, in-1)
		t.d1, t.d2 = abs32(x-float32(t.i1)), abs32(x-float32(t.i2))
		if t.i1 == t.i2 {
			t.d1, t.d2 = 0.5, 0.5
		}
	}
	return taps
}

func abs32(v float32) float32 {
	if v < 0 {
		return -v
	}
	return v
}
