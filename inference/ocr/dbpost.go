package ocr

import (
	"math"
	"sort"
)

// DB post-processing, after PaddleOCR's DBPostProcess (ppocr/postprocess/
// db_postprocess.py), in pure Go: binarise the probability map, take the
// 8-connected components of the bitmap, fit each a minimum-area rectangle,
// score it on the map, grow it by the unclip distance and fit again.

// dbParams are the post-processing thresholds, already defaulted.
type dbParams struct {
	thresh, boxThresh, unclipRatio, minSize float64
	maxCandidates                           int
}

// maxCandidates is PaddleOCR's max_candidates: at most this many
// components are considered.
const maxCandidates = 1000

// dbPostprocess finds text boxes in the w×h probability map prob. The boxes
// are in map coordinates (pixel centres at integers), clamped to
// [0, w-1]×[0, h-1], corners clockwise from the top left, with their box
// scores in [0, 1]. prob must hold w*h values.
func dbPostprocess(prob []float32, w, h int, p dbParams) []Region {
	if w <= 0 || h <= 0 || len(prob) < w*h {
		return nil
	}
	comps := components(prob, w, h, float32(p.thresh), p.maxCandidates)
	var out []Region
	for _, hull := range comps {
		rect, sside := minAreaRect(hull)
		if sside < p.minSize {
			continue
		}
		score := boxScore(prob, w, h, rect)
		if score < p.boxThresh {
			continue
		}
		grown := unclipRect(rect, p.unclipRatio)
		// The grown rectangle is its own minimum-area rectangle.
		if shortSide(grown) < p.minSize+2 {
			continue
		}
		for i := range grown {
			grown[i].X = clamp(grown[i].X, 0, float64(w-1))
			grown[i].Y = clamp(grown[i].Y, 0, float64(h-1))
		}
		out = append(out, Region{Quad: orderClockwise(grown), Score: score})
	}
	return out
}

func clamp(v, lo, hi float64) float64 {
	if math.IsNaN(v) {
		return lo
	}
	return max(lo, min(hi, v))
}

// components labels the 8-connected components of prob > thresh and
// returns, for each (in raster order of their first pixel, at most limit),
// the convex hull of its pixel centres. Holes are not reported (cv2's
// RETR_LIST would report their outlines too; they never hold text boxes
// that the outer outline does not).
func components(prob []float32, w, h int, thresh float32, limit int) [][]Point {
	label := make([]int32, w*h)
	var hulls [][]Point
	var stack []int32
	// Per component, each row's leftmost and rightmost pixel suffice
	// for the hull.
	rowMin := make([]int, h)
	rowMax := make([]int, h)
	var n int32
	for start := range w * h {
		if label[start] != 0 || !(prob[start] > thresh) {
			continue
		}
		if len(hulls) >= limit {
			break
		}
		n++
		label[start] = n
		stack = append(stack[:0], int32(start))
		y0, y1 := start/w, start/w
		rowMin[y0], rowMax[y0] = start%w, start%w
		for len(stack) > 0 {
			i := int(stack[len(stack)-1])
			stack = stack[:len(stack)-1]
			x, y := i%w, i/w
			if y < y0 {
				for r := y; r < y0; r++ {
					rowMin[r], rowMax[r] = w, -1
				}
				y0 = y
			}
			if y > y1 {
				for r := y1 + 1; r <= y; r++ {
					rowMin[r], rowMax[r] = w, -1
				}
				y1 = y
			}
			rowMin[y] = min(rowMin[y], x)
			rowMax[y] = max(rowMax[y], x)
			for dy := -1; dy <= 1; dy++ {
				ny := y + dy
				if ny < 0 || ny >= h {
					continue
				}
				for dx := -1; dx <= 1; dx++ {
					nx := x + dx
					if nx < 0 || nx >= w || (dx == 0 && dy == 0) {
						continue
					}
					j := ny*w + nx
					if label[j] == 0 && prob[j] > thresh {
						label[j] = n
						stack = append(stack, int32(j))
					}
				}
			}
		}
		pts := make([]Point, 0, 2*(y1-y0+1))
		for r := y0; r <= y1; r++ {
			if rowMax[r] < 0 {
				continue
			}
			pts = append(pts, Point{float64(rowMin[r]), float64(r)})
			if rowMax[r] != rowMin[r] {
				pts = append(pts, Point{float64(rowMax[r]), float64(r)})
			}
		}
		hulls = append(hulls, convexHull(pts))
	}
	return hulls
}

func cross(o, a, b Point) float64 { return (a.X-o.X)*(b.Y-o.Y) - (a.Y-o.Y)*(b.X-o.X) }

// convexHull returns the convex hull of pts (Andrew's monotone chain),
// without collinear points. pts is reordered.
func convexHull(pts []Point) []Point {
	if len(pts) < 3 {
		return pts
	}
	sort.Slice(pts, func(i, j int) bool {
		if pts[i].X != pts[j].X {
			return pts[i].X < pts[j].X
		}
		return pts[i].Y < pts[j].Y
	})
	hull := make([]Point, 0, 2*len(pts))
	for _, p := range pts {
		for len(hull) >= 2 && cross(hull[len(hull)-2], hull[len(hull)-1], p) <= 0 {
			hull = hull[:len(hull)-1]
		}
		hull = append(hull, p)
	}
	lower := len(hull) + 1
	for i := len(pts) - 2; i >= 0; i-- {
		p := pts[i]
		for len(hull) >= lower && cross(hull[len(hull)-2], hull[len(hull)-1], p) <= 0 {
			hull = hull[:len(hull)-1]
		}
		hull = append(hull, p)
	}
	return hull[:len(hull)-1]
}

// minAreaRect returns the minimum-area rectangle around the convex
// polygon hull (rotating calipers: one side lies on a hull edge) and its
// short side.
func minAreaRect(hull []Point) (Quad, float64) {
	switch len(hull) {
	case 0:
		return Quad{}, 0
	case 1:
		p := hull[0]
		return Quad{p, p, p, p}, 0
	}
	bestArea := math.Inf(1)
	var best Quad
	bestShort := 0.0
	for i := range hull {
		a, b := hull[i], hull[(i+1)%len(hull)]
		ux, uy := b.X-a.X, b.Y-a.Y
		l := math.Hypot(ux, uy)
		if l == 0 {
			continue
		}
		ux, uy = ux/l, uy/l
		vx, vy := -uy, ux
		minU, maxU, minV, maxV := math.Inf(1), math.Inf(-1), math.Inf(1), math.Inf(-1)
		for _, p := range hull {
			du, dv := (p.X-a.X)*ux+(p.Y-a.Y)*uy, (p.X-a.X)*vx+(p.Y-a.Y)*vy
			minU, maxU = min(minU, du), max(maxU, du)
			minV, maxV = min(minV, dv), max(maxV, dv)
		}
		area := (maxU - minU) * (maxV - minV)
		if area < bestArea-1e-9 {
			bestArea = area
			at := func(u, v float64) Point { return Point{a.X + u*ux + v*vx, a.Y + u*uy + v*vy} }
			best = Quad{at(minU, minV), at(maxU, minV), at(maxU, maxV), at(minU, maxV)}
			bestShort = min(maxU-minU, maxV-minV)
		}
	}
	if math.IsInf(bestArea, 1) {
		p := hull[0]
		return Quad{p, p, p, p}, 0
	}
	return best, bestShort
}

// shortSide returns the shorter side of the rectangle r (corners in order).
func shortSide(r Quad) float64 {
	return min(math.Hypot(r[1].X-r[0].X, r[1].Y-r[0].Y), math.Hypot(r[3].X-r[0].X, r[3].Y-r[0].Y))
}

// unclipRect grows the rectangle r (corners in order around it) by
// d = area × ratio / perimeter on every side: pyclipper's round offset of a
// rectangle has exactly this minimum-area rectangle.
func unclipRect(r Quad, ratio float64) Quad {
	a := math.Hypot(r[1].X-r[0].X, r[1].Y-r[0].Y)
	b := math.Hypot(r[3].X-r[0].X, r[3].Y-r[0].Y)
	if a+b == 0 {
		return r
	}
	d := a * b * ratio / (2 * (a + b))
	// Unit vectors along the two sides, from any non-degenerate side.
	var ux, uy, vx, vy float64
	if a > 0 {
		ux, uy = (r[1].X-r[0].X)/a, (r[1].Y-r[0].Y)/a
		vx, vy = -uy, ux
		if (r[3].X-r[0].X)*vx+(r[3].Y-r[0].Y)*vy < 0 {
			vx, vy = -vx, -vy
		}
	} else {
		vx, vy = (r[3].X-r[0].X)/b, (r[3].Y-r[0].Y)/b
		ux, uy = vy, -vx
	}
	// r[0] is at (0,0), r[1] at (a,0), r[2] at (a,b), r[3] at (0,b) in (u,v).
	at := func(u, v float64) Point { return Point{r[0].X + u*ux + v*vx, r[0].Y + u*uy + v*vy} }
	return Quad{at(-d, -d), at(a+d, -d), at(a+d, b+d), at(-d, b+d)}
}

// boxScore is PaddleOCR's box_score_fast: the mean probability over the
// pixels of the box's bounding rectangle whose centres lie in the box.
func boxScore(prob []float32, w, h int, r Quad) float64 {
	minX, minY, maxX, maxY := r[0].X, r[0].Y, r[0].X, r[0].Y
	for _, p := range r[1:] {
		minX, minY = min(minX, p.X), min(minY, p.Y)
		maxX, maxY = max(maxX, p.X), max(maxY, p.Y)
	}
	x0 := int(clamp(math.Floor(minX), 0, float64(w-1)))
	x1 := int(clamp(math.Ceil(maxX), 0, float64(w-1)))
	y0 := int(clamp(math.Floor(minY), 0, float64(h-1)))
	y1 := int(clamp(math.Ceil(maxY), 0, float64(h-1)))
	// Orientation of r, so that inside means on the same side of every edge.
	sign := 1.0
	if area2(r) < 0 {
		sign = -1
	}
	const eps = 1e-6
	var sum float64
	var n int
	for y := y0; y <= y1; y++ {
		for x := x0; x <= x1; x++ {
			p := Point{float64(x), float64(y)}
			in := true
			for i := range 4 {
				a, b := r[i], r[(i+1)%4]
				// Distance-normalised side test with a half-pixel of
				// slack, as fillPoly colours the pixels the edge passes.
				l := math.Hypot(b.X-a.X, b.Y-a.Y)
				c := sign * cross(a, b, p)
				if l > 0 && c < -0.5*l-eps {
					in = false
					break
				}
			}
			if in {
				sum += float64(prob[y*w+x])
				n++
			}
		}
	}
	if n == 0 {
		return 0
	}
	return clamp(sum/float64(n), 0, 1)
}

// area2 is twice the signed area of q.
func area2(q Quad) float64 {
	s := 0.0
	for i := range 4 {
		a, b := q[i], q[(i+1)%4]
		s += a.X*b.Y - b.X*a.Y
	}
	return s
}

// orderClockwise orders a rectangle's corners clockwise on screen (y
// down) starting from the top left, as PaddleOCR's get_mini_boxes: of the
// two leftmost corners the upper one comes first.
func orderClockwise(r Quad) Quad {
	if area2(r) < 0 { // counter-clockwise on screen: reverse
		r[1], r[3] = r[3], r[1]
	}
	// Start at the upper of the two leftmost corners.
	idx := [4]int{0, 1, 2, 3}
	sort.SliceStable(idx[:], func(i, j int) bool { return r[idx[i]].X < r[idx[j]].X })
	start := idx[0]
	if r[idx[1]].Y < r[idx[0]].Y || (r[idx[1]].Y == r[idx[0]].Y && r[idx[1]].X < r[idx[0]].X) {
		start = idx[1]
	}
	var out Quad
	for i := range 4 {
		out[i] = r[(start+i)%4]
	}
	return out
}
