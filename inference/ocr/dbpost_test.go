package ocr

import (
	"math"
	"testing"
)

var dbDefaults = dbParams{thresh: 0.3, boxThresh: 0.6, unclipRatio: 1.5, minSize: 3, maxCandidates: maxCandidates}

// dbMap returns a w×h map with the given rectangles (x0,y0,x1,y1
// inclusive) set to v.
func dbMap(w, h int, v float32, rects ...[4]int) []float32 {
	m := make([]float32, w*h)
	for _, r := range rects {
		for y := r[1]; y <= r[3]; y++ {
			for x := r[0]; x <= r[2]; x++ {
				m[y*w+x] = v
			}
		}
	}
	return m
}

func TestDBPostprocessRectangle(t *testing.T) {
	// A 41×11 block of pixel centres: 40×10 rectangle, d = 400×1.5/100 = 6.
	m := dbMap(100, 50, 0.9, [4]int{20, 10, 60, 20})
	regs := dbPostprocess(m, 100, 50, dbDefaults)
	if len(regs) != 1 {
		t.Fatalf("got %d regions, want 1: %v", len(regs), regs)
	}
	r := regs[0]
	if math.Abs(r.Score-0.9) > 1e-6 {
		t.Errorf("score %v, want 0.9", r.Score)
	}
	want := Quad{{14, 4}, {66, 4}, {66, 26}, {14, 26}}
	for i := range want {
		if math.Abs(r.Quad[i].X-want[i].X) > 1e-6 || math.Abs(r.Quad[i].Y-want[i].Y) > 1e-6 {
			t.Fatalf("quad %v, want %v", r.Quad, want)
		}
	}
}

func TestDBPostprocessFilters(t *testing.T) {
	for _, tc := range []struct {
		name string
		m    []float32
		want int
	}{
		{"empty", make([]float32, 64*64), 0},
		{"below thresh", dbMap(64, 64, 0.29, [4]int{5, 5, 40, 20}), 0},
		{"low box score", dbMap(64, 64, 0.5, [4]int{5, 5, 40, 20}), 0},
		{"thin line", dbMap(64, 64, 0.9, [4]int{5, 5, 40, 6}), 0},
		{"dot", dbMap(64, 64, 0.9, [4]int{5, 5, 5, 5}), 0},
		{"two boxes", dbMap(64, 64, 0.9, [4]int{5, 5, 40, 12}, [4]int{5, 30, 40, 40}), 2},
		{"whole map", dbMap(64, 64, 1, [4]int{0, 0, 63, 63}), 1},
	} {
		regs := dbPostprocess(tc.m, 64, 64, dbDefaults)
		if len(regs) != tc.want {
			t.Errorf("%s: got %d regions, want %d: %v", tc.name, len(regs), tc.want, regs)
		}
		for _, r := range regs {
			checkQuadIn(t, r, 64, 64)
		}
	}
}

func TestComponentsEightConnected(t *testing.T) {
	m := dbMap(64, 64, 0.9, [4]int{5, 5, 20, 12}, [4]int{21, 13, 40, 20}, [4]int{50, 50, 60, 60})
	if got := len(components(m, 64, 64, 0.3, maxCandidates)); got != 2 {
		t.Errorf("got %d components, want 2 (diagonal neighbours join)", got)
	}
	if got := len(components(m, 64, 64, 0.3, 1)); got != 1 {
		t.Errorf("got %d components with a limit of 1", got)
	}
}

func TestDBPostprocessRotated(t *testing.T) {
	// A band tilted by about 20°: the rectangle follows the tilt.
	const w, h = 120, 120
	m := make([]float32, w*h)
	ang := 20 * math.Pi / 180
	for y := range h {
		for x := range w {
			u := (float64(x)-60)*math.Cos(ang) + (float64(y)-60)*math.Sin(ang)
			v := -(float64(x)-60)*math.Sin(ang) + (float64(y)-60)*math.Cos(ang)
			if math.Abs(u) <= 40 && math.Abs(v) <= 6 {
				m[y*w+x] = 0.95
			}
		}
	}
	regs := dbPostprocess(m, w, h, dbDefaults)
	if len(regs) != 1 {
		t.Fatalf("got %d regions, want 1", len(regs))
	}
	q := regs[0].Quad
	got := math.Atan2(q[1].Y-q[0].Y, q[1].X-q[0].X) * 180 / math.Pi
	if math.Abs(got-20) > 3 {
		t.Errorf("top edge at %.1f°, want about 20°: %v", got, q)
	}
	if !(q[0].X < q[1].X && q[3].Y > q[0].Y) {
		t.Errorf("corners not clockwise from the top left: %v", q)
	}
}

func TestOrderClockwise(t *testing.T) {
	want := Quad{{0, 0}, {10, 0}, {10, 5}, {0, 5}}
	for _, in := range []Quad{
		want,
		{{10, 5}, {0, 5}, {0, 0}, {10, 0}},
		{{0, 5}, {10, 5}, {10, 0}, {0, 0}}, // counter-clockwise
		{{10, 0}, {0, 0}, {0, 5}, {10, 5}},
	} {
		if got := orderClockwise(in); got != want {
			t.Errorf("orderClockwise(%v) = %v, want %v", in, got, want)
		}
	}
}

func TestMinAreaRectDegenerate(t *testing.T) {
	for _, pts := range [][]Point{nil, {{1, 1}}, {{1, 1}, {1, 1}}, {{0, 0}, {5, 0}, {10, 0}}} {
		_, s := minAreaRect(convexHull(pts))
		if s != 0 {
			t.Errorf("short side of %v = %v, want 0", pts, s)
		}
	}
}

func checkQuadIn(tb testing.TB, r Region, w, h int) {
	tb.Helper()
	if !(r.Score >= 0 && r.Score <= 1) {
		tb.Fatalf("score %v outside [0,1]", r.Score)
	}
	for _, p := range r.Quad {
		if !(p.X >= 0 && p.X <= float64(w-1) && p.Y >= 0 && p.Y <= float64(h-1)) {
			tb.Fatalf("corner %v outside the %d×%d map: %v", p, w, h, r.Quad)
		}
	}
}

// FuzzDBPostprocess runs the post-processing on random probability maps:
// the first two bytes give the size (up to 64×64), the rest the values.
func FuzzDBPostprocess(f *testing.F) {
	f.Add([]byte{10, 10, 255, 255, 255, 0, 200})
	f.Add(append([]byte{64, 64}, make([]byte, 64*64)...))
	blob := make([]byte, 2+40*30)
	blob[0], blob[1] = 40, 30
	for i := range blob[2:] {
		if (i%40 > 5 && i%40 < 30) && (i/40 > 8 && i/40 < 20) {
			blob[2+i] = 240
		}
	}
	f.Add(blob)
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) < 2 {
			return
		}
		w, h := int(data[0])%64+1, int(data[1])%64+1
		m := make([]float32, w*h)
		for i := range m {
			if 2+i < len(data) {
				m[i] = float32(data[2+i]) / 255
			}
		}
		for _, p := range []dbParams{dbDefaults, {thresh: 0.1, boxThresh: 0.1, unclipRatio: 3, minSize: 1, maxCandidates: 50}} {
			for _, r := range dbPostprocess(m, w, h, p) {
				checkQuadIn(t, r, w, h)
			}
		}
	})
}
