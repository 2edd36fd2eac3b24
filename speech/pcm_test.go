package speech

import (
	"fmt"
	"math"
	"slices"
	"testing"
)

func TestFloatToInt16Peak(t *testing.T) {
	nan := float32(math.NaN())
	tests := []struct {
		name string
		in   []float32
		want []int16
	}{
		{"empty", nil, []int16{}},
		{"peak scaled", []float32{0.5, -0.25, 0}, []int16{32767, -16383, 0}},
		{"full scale", []float32{1, -1, 0.5}, []int16{32767, -32767, 16383}},
		{"loud", []float32{2, -4}, []int16{16383, -32767}},
		{"quiet floor 0.01", []float32{0.001, -0.005}, []int16{3276, -16383}},
		{"silence", []float32{0, 0}, []int16{0, 0}},
		{"NaN", []float32{nan, 0.5}, []int16{0, 32767}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := FloatToInt16Peak(tt.in); !slices.Equal(got, tt.want) {
				t.Errorf("FloatToInt16Peak(%v) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestApplyVolume(t *testing.T) {
	in := []int16{1000, -1000, 32767, -32768, 3}
	tests := []struct {
		gain float64
		want []int16
	}{
		{1, in},
		{2, in},
		{math.NaN(), in},
		{0.5, []int16{500, -500, 16384, -16384, 2}},
		{0, []int16{0, 0, 0, 0, 0}},
		{-1, []int16{0, 0, 0, 0, 0}},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.gain), func(t *testing.T) {
			got := slices.Clone(in)
			ApplyVolume(got, tt.gain)
			if !slices.Equal(got, tt.want) {
				t.Errorf("ApplyVolume(%v) = %v, want %v", tt.gain, got, tt.want)
			}
		})
	}
}

// sine makes seconds of a tone at freq Hz with the given peak amplitude.
func sine(rate int, freq, amp, seconds float64) []int16 {
	out := make([]int16, int(float64(rate)*seconds))
	for i := range out {
		out[i] = int16(math.Round(amp * math.Sin(2*math.Pi*freq*float64(i)/float64(rate))))
	}
	return out
}

// goertzelAmp is the amplitude of the freq component of x (Goertzel).
func goertzelAmp(x []int16, rate int, freq float64) float64 {
	w := 2 * math.Pi * freq / float64(rate)
	c := 2 * math.Cos(w)
	var s1, s2 float64
	for _, v := range x {
		s0 := float64(v) + c*s1 - s2
		s2, s1 = s1, s0
	}
	power := s1*s1 + s2*s2 - c*s1*s2
	return 2 * math.Sqrt(power) / float64(len(x))
}

// zeroCrossingFreq estimates the frequency of a clean tone.
func zeroCrossingFreq(x []int16, rate int) float64 {
	first, last, n := -1.0, 0.0, 0
	for i := 1; i < len(x); i++ {
		if x[i-1] < 0 && x[i] >= 0 {
			// Interpolate the crossing between samples.
			at := float64(i-1) + float64(-x[i-1])/float64(int(x[i])-int(x[i-1]))
			if first < 0 {
				first = at
			} else {
				n++
			}
			last = at
		}
	}
	return float64(n) * float64(rate) / (last - first)
}

func rms(x []int16) float64 {
	sum := 0.0
	for _, v := range x {
		sum += float64(v) * float64(v)
	}
	return math.Sqrt(sum / float64(len(x)))
}

// middle drops the first and last tenth of x, where edge effects live.
func middle(x []int16) []int16 { return x[len(x)/10 : len(x)-len(x)/10] }

func dB(ratio float64) float64 { return 20 * math.Log10(ratio) }

func TestResampleKeepsTone(t *testing.T) {
	const amp, freq = 10000.0, 1000.0
	tests := []struct {
		name  string
		rates []int
	}{
		{"16000 to 22050 to 48000", []int{16000, 22050, 48000}},
		{"22050 to 16000", []int{22050, 16000}},
		{"48000 to 16000", []int{48000, 16000}},
		{"22050 to 44100", []int{22050, 44100}},
		{"16000 to 24000", []int{16000, 24000}},
		{"22050 to 44101 (interpolated phases)", []int{22050, 44101}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x := sine(tt.rates[0], freq, amp, 1)
			for i := 1; i < len(tt.rates); i++ {
				from, to := tt.rates[i-1], tt.rates[i]
				y := Resample(x, from, to)
				want := math.Round(float64(len(x)) * float64(to) / float64(from))
				if math.Abs(float64(len(y))-want) > 1 {
					t.Errorf("%d→%d: %d samples became %d, want %v", from, to, len(x), len(y), want)
				}
				x = y
			}
			rate := tt.rates[len(tt.rates)-1]
			m := middle(x)
			if f := zeroCrossingFreq(m, rate); math.Abs(f-freq) > 1 {
				t.Errorf("frequency %.2f Hz after resampling, want %v", f, freq)
			}
			if g := dB(goertzelAmp(m, rate, freq) / amp); math.Abs(g) > 1 {
				t.Errorf("amplitude changed by %.3f dB, want within ±1 dB", g)
			}
		})
	}
}

func TestResamplePassBand(t *testing.T) {
	const amp = 10000.0
	for _, freq := range []float64{100, 3000, 6000} {
		x := sine(22050, freq, amp, 0.5)
		y := middle(Resample(x, 22050, 16000))
		if g := dB(goertzelAmp(y, 16000, freq) / amp); math.Abs(g) > 1 {
			t.Errorf("%v Hz: gain %.3f dB after 22050→16000, want within ±1 dB", freq, g)
		}
	}
}

func TestResampleAntiAliasing(t *testing.T) {
	const amp = 10000.0
	tests := []struct {
		from, to int
		freq     float64
	}{
		{22050, 16000, 9000},  // aliases to 7000 Hz if not filtered
		{22050, 16000, 10500}, // aliases to 5500 Hz
		{48000, 16000, 12000},
		{48000, 22050, 15000},
		{44100, 16000, 8500},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%v Hz %d→%d", tt.freq, tt.from, tt.to), func(t *testing.T) {
			x := sine(tt.from, tt.freq, amp, 0.5)
			y := Resample(x, tt.from, tt.to)
			if att := dB(rms(middle(y)) / rms(middle(x))); att > -40 {
				t.Errorf("tone above the new Nyquist is down only %.1f dB, want more than 40 dB", -att)
			} else {
				t.Logf("attenuation %.1f dB", -att)
			}
		})
	}
}

func TestResampleLength(t *testing.T) {
	pairs := [][2]int{{16000, 22050}, {22050, 16000}, {22050, 48000}, {48000, 22050}, {8000, 44100}, {22050, 22051}}
	for _, p := range pairs {
		for _, n := range []int{0, 1, 2, 3, 7, 100, 1001, 22050} {
			got := len(Resample(make([]int16, n), p[0], p[1]))
			want := int(math.Round(float64(n) * float64(p[1]) / float64(p[0])))
			if got != want {
				t.Errorf("%d samples %d→%d gave %d, want %d", n, p[0], p[1], got, want)
			}
		}
	}
}

func TestResampleIdentity(t *testing.T) {
	x := sine(22050, 440, 5000, 0.1)
	y := Resample(x, 22050, 22050)
	if !slices.Equal(x, y) {
		t.Fatal("Resample with equal rates changed the samples")
	}
	y[0]++
	if x[0] == y[0] {
		t.Error("Resample with equal rates returned the input slice, want a copy")
	}
	if got := Resample(x, 0, 16000); !slices.Equal(got, x) {
		t.Error("Resample with a zero rate should return a copy")
	}
}

func TestResampleClips(t *testing.T) {
	// A full-scale square wave overshoots when filtered: it must clip, not wrap.
	x := make([]int16, 2000)
	for i := range x {
		if (i/50)%2 == 0 {
			x[i] = 32767
		} else {
			x[i] = -32768
		}
	}
	y := Resample(x, 22050, 48000)
	for i := 1; i < len(y); i++ {
		if d := int(y[i]) - int(y[i-1]); d > 40000 || d < -40000 {
			t.Fatalf("sample %d jumps from %d to %d: wrapped around", i, y[i-1], y[i])
		}
	}
}

func BenchmarkResample(b *testing.B) {
	for _, p := range [][2]int{{22050, 48000}, {16000, 22050}, {22050, 16000}} {
		x := sine(p[0], 1000, 10000, 1)
		b.Run(fmt.Sprintf("%d→%d", p[0], p[1]), func(b *testing.B) {
			for b.Loop() {
				Resample(x, p[0], p[1])
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/1000, "ms/audio-second")
		})
	}
}
