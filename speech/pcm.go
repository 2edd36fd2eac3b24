package speech

import (
	"math"
	"slices"
	"sync"
)

// FloatToInt16Peak scales a float waveform to 16-bit PCM by its peak, as
// Piper does: every sample is multiplied by 32767 / max(0.01, max|x|),
// clipped to ±32767 and truncated toward zero. NaN samples become 0.
func FloatToInt16Peak(x []float32) []int16 {
	peak := 0.0
	for _, v := range x {
		if a := math.Abs(float64(v)); a > peak {
			peak = a
		}
	}
	scale := 32767 / max(0.01, peak)
	out := make([]int16, len(x))
	for i, v := range x {
		s := float64(v) * scale
		switch {
		case math.IsNaN(s):
			s = 0
		case s > 32767:
			s = 32767
		case s < -32767:
			s = -32767
		}
		out[i] = int16(s)
	}
	return out
}

// ApplyVolume scales samples in place by gain, rounding to the nearest
// value. A gain of 1 or more leaves them unchanged (volume never
// amplifies, so it never clips); 0 or less silences them.
func ApplyVolume(samples []int16, gain float64) {
	if gain >= 1 || math.IsNaN(gain) {
		return
	}
	if gain <= 0 {
		clear(samples)
		return
	}
	for i, s := range samples {
		samples[i] = int16(math.Round(float64(s) * gain))
	}
}

// Resampler quality. The filter is a Kaiser-windowed sinc reaching
// resampleZeros zero crossings (at the lower of the two rates) either side
// of each output sample, designed for resampleAtten dB of stop-band
// attenuation from the lower rate's Nyquist frequency up; its pass band is
// flat to about 44% of the lower rate (7 kHz at 16 kHz).
const (
	resampleZeros  = 48
	resampleAtten  = 90.0
	maxExactPhases = 1024
	maxCachedPairs = 16
)

// kernel is a polyphase table for one (from, to) pair.
type kernel struct {
	l, m   int // output and input steps: to/g and from/g
	half   int // taps either side of the output position
	phases int // rows in table; == l when exact
	table  []float32
}

var kernels sync.Map // [2]int{from, to} -> *kernel

// Resample converts mono PCM from one sample rate to another with a
// band-limited (Kaiser-windowed sinc, polyphase) filter, which also
// removes what lies above the new Nyquist frequency when downsampling. The
// result has round(len(in)*to/from) samples, aligned in time with the
// input (no delay). Edges are padded with silence, so each sentence can be
// resampled on its own: pieces that start and end in silence join without
// a seam. When from == to, or either rate is not positive, Resample
// returns a copy of in.
func Resample(in []int16, from, to int) []int16 {
	if from == to || from <= 0 || to <= 0 {
		return slices.Clone(in)
	}
	k := kernelFor(from, to)
	n := int((int64(len(in))*int64(to) + int64(from)/2) / int64(from))
	out := make([]int16, n)
	row := make([]float32, 2*k.half)
	for j := range out {
		pos := int64(j) * int64(k.m)
		i, rem := int(pos/int64(k.l)), int(pos%int64(k.l))
		out[j] = toInt16(dotAt(k.phaseRow(rem, row), in, i-k.half+1))
	}
	return out
}

// phaseRow returns the filter taps for an output that lies rem/l of the
// way between two input samples, interpolating between table rows when
// the table is coarser than l.
func (k *kernel) phaseRow(rem int, scratch []float32) []float32 {
	taps := 2 * k.half
	if k.phases == k.l {
		return k.table[rem*taps : (rem+1)*taps]
	}
	pos := float64(rem) * float64(k.phases) / float64(k.l)
	p := int(pos)
	a := float32(pos - float64(p))
	r0 := k.table[p*taps : (p+1)*taps]
	r1 := k.table[(p+1)*taps : (p+2)*taps]
	for t := range scratch {
		scratch[t] = r0[t] + a*(r1[t]-r0[t])
	}
	return scratch
}

// dotAt is the sum of row[t]*in[base+t], treating samples outside in as 0.
func dotAt(row []float32, in []int16, base int) float32 {
	var acc float32
	if base >= 0 && base+len(row) <= len(in) {
		x := in[base : base+len(row)]
		for t, h := range row {
			acc += h * float32(x[t])
		}
		return acc
	}
	for t, h := range row {
		if i := base + t; i >= 0 && i < len(in) {
			acc += h * float32(in[i])
		}
	}
	return acc
}

func toInt16(v float32) int16 {
	switch {
	case v >= 32767:
		return 32767
	case v <= -32768:
		return -32768
	}
	return int16(math.Round(float64(v)))
}

func kernelFor(from, to int) *kernel {
	key := [2]int{from, to}
	if k, ok := kernels.Load(key); ok {
		return k.(*kernel)
	}
	k := newKernel(from, to)
	n := 0
	kernels.Range(func(any, any) bool { n++; return n < maxCachedPairs })
	if n < maxCachedPairs {
		kernels.Store(key, k)
	}
	return k
}

func newKernel(from, to int) *kernel {
	g := gcd(from, to)
	k := &kernel{l: to / g, m: from / g}
	low := float64(min(from, to))
	ratio := float64(from) / low // input samples per low-rate sample
	radius := resampleZeros * ratio
	k.half = int(math.Ceil(radius))
	// Kaiser design: transition width, in cycles per low-rate sample, for
	// the attenuation and length wanted; the stop band starts at Nyquist.
	width := (resampleAtten - 7.95) / (14.36 * 2 * resampleZeros)
	fc := (0.5 - width/2) / ratio // cut-off in cycles per input sample
	beta := 0.1102 * (resampleAtten - 8.7)
	rows := k.l
	k.phases = k.l
	if k.l > maxExactPhases {
		k.phases = maxExactPhases
		rows = maxExactPhases + 1
	}
	taps := 2 * k.half
	k.table = make([]float32, rows*taps)
	i0b := besselI0(beta)
	for p := range rows {
		phi := float64(p) / float64(k.phases)
		row := k.table[p*taps : (p+1)*taps]
		sum := 0.0
		vals := make([]float64, taps)
		for t := range taps {
			tau := phi + float64(k.half-1-t)
			if math.Abs(tau) > radius {
				continue
			}
			x := tau / radius
			w := besselI0(beta*math.Sqrt(1-x*x)) / i0b
			vals[t] = 2 * fc * sinc(2*fc*tau) * w
			sum += vals[t]
		}
		for t := range taps {
			row[t] = float32(vals[t] / sum)
		}
	}
	return k
}

func sinc(x float64) float64 {
	if x == 0 {
		return 1
	}
	return math.Sin(math.Pi*x) / (math.Pi * x)
}

// besselI0 is the modified Bessel function of the first kind, order 0.
func besselI0(x float64) float64 {
	sum, term := 1.0, 1.0
	for k := 1; k < 200; k++ {
		f := x / (2 * float64(k))
		term *= f * f
		sum += term
		if term < sum*1e-17 {
			break
		}
	}
	return sum
}

func gcd(a, b int) int {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}
