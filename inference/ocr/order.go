package ocr

import (
	"cmp"
	"math"
	"slices"
	"sort"
)

// Order returns lines in the order a person reads a screen, with Block set.
//
// The page is first de-skewed by the median slope of the lines. It is then
// cut recursively (an XY-cut, as PaddleOCR's layout recovery does, with the
// screen's own rules): a set of lines is split into columns at a clear
// vertical gutter (an empty vertical band at least 1.5 line heights wide,
// with at least two rows on each side) — unless the rows align across it,
// which makes it a table, a form or a menu with its shortcuts, read row by
// row (prose columns and dashboard cards are still read one at a time; see
// columns). A top row that stands apart over one column only (a window
// title above a sidebar and content) is read first; failing a split, the
// set is split horizontally where a lower or upper part holds columns (a
// title above two columns); failing that, into blocks at the gaps that set
// rows apart (see paragraphs). What is left is one block, read row by row
// (lines whose boxes overlap vertically share a row), rows top to bottom,
// left to right in a row. Blocks are numbered from 0 in reading order. The
// input is not modified; the result is a permutation of it.
func Order(lines []Line) []Line {
	var out []Line
	for _, leaf := range orderLeaves(lines) {
		for _, i := range leaf.idx {
			l := lines[i]
			l.Block = leaf.block
			out = append(out, l)
		}
	}
	return out
}

// orderLeaves returns the blocks of lines in reading order, each holding
// the indices of its lines in reading order.
func orderLeaves(lines []Line) []leaf {
	if len(lines) == 0 {
		return nil
	}
	boxes := deskewedBoxes(lines)
	o := orderer{boxes: boxes, peelBudget: 2000}
	o.medH = medianHeight(boxes)
	var text, blobs []int
	for i, b := range boxes {
		if b.h() > blobHeight*o.medH {
			blobs = append(blobs, i)
		} else {
			text = append(text, i)
		}
	}
	o.cut(text, 0)
	return o.withBlobs(blobs)
}

// blobHeight is the height, in median line heights, above which a region
// is left out of the cuts: a chart's bars or a picture the detector took
// for text, which would otherwise join the rows beside it into one and
// fill the gutters. Headings stay well under it.
const blobHeight = 4

// withBlobs returns the leaves with each blob as a block of its own,
// before the first block that starts below the blob's middle, and the
// blocks numbered again in reading order.
func (o *orderer) withBlobs(blobs []int) []leaf {
	slices.SortStableFunc(blobs, func(a, b int) int { return cmp.Compare(o.boxes[a].y0, o.boxes[b].y0) })
	leaves := o.leaves
	for _, bl := range blobs {
		at := len(leaves)
		for k, lf := range leaves {
			if o.boxes[lf.idx[0]].y0 > o.boxes[bl].cy() {
				at = k
				break
			}
		}
		leaves = slices.Insert(leaves, at, leaf{idx: []int{bl}})
	}
	for k := range leaves {
		leaves[k].block = k
	}
	return leaves
}

// fbox is an axis-aligned box in the de-skewed frame.
type fbox struct{ x0, y0, x1, y1 float64 }

func (b fbox) h() float64  { return b.y1 - b.y0 }
func (b fbox) cy() float64 { return (b.y0 + b.y1) / 2 }

func finite(v float64) float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return 0
	}
	return v
}

// deskewedBoxes rotates every quad by minus the median slope of the longer
// lines, unless they run level, and returns their bounding boxes.
func deskewedBoxes(lines []Line) []fbox {
	var slopes []float64
	for _, l := range lines {
		q := l.Quad
		dx := finite(q[1].X-q[0].X) + finite(q[2].X-q[3].X)
		dy := finite(q[1].Y-q[0].Y) + finite(q[2].Y-q[3].Y)
		hgt := math.Abs(finite(q[3].Y-q[0].Y)) + math.Abs(finite(q[2].Y-q[1].Y))
		if dx > 0 && dx > 2*hgt {
			if s := dy / dx; math.Abs(s) < 0.35 {
				slopes = append(slopes, s)
			}
		}
	}
	cos, sin := 1.0, 0.0
	if len(slopes) > 0 && !level(slopes) {
		slices.Sort(slopes)
		a := math.Atan(slopes[len(slopes)/2])
		cos, sin = math.Cos(-a), math.Sin(-a)
	}
	boxes := make([]fbox, len(lines))
	for i, l := range lines {
		b := fbox{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}
		for _, p := range l.Quad {
			x, y := finite(p.X), finite(p.Y)
			rx, ry := x*cos-y*sin, x*sin+y*cos
			b.x0, b.y0 = min(b.x0, rx), min(b.y0, ry)
			b.x1, b.y1 = max(b.x1, rx), max(b.y1, ry)
		}
		if !(b.x1-b.x0 < math.Inf(1)) || !(b.y1-b.y0 < math.Inf(1)) {
			b = fbox{} // coordinates too large to rotate: treat as a point
		}
		boxes[i] = b
	}
	return boxes
}

// level reports whether the lines of a screenshot run straight: at least
// a third of the measured slopes are flat. The detector's boxes of short
// lines lean by a pixel or two either way (a calendar's event chips all
// leaned one way, and their median turned a straight grid by 0.8°, enough
// to set its columns' rows apart); a photographed or rotated screen has
// hardly any flat line.
func level(slopes []float64) bool {
	flat := 0
	for _, s := range slopes {
		if math.Abs(s) < 1e-3 {
			flat++
		}
	}
	return 3*flat >= len(slopes)
}

func medianHeight(boxes []fbox) float64 {
	hs := make([]float64, len(boxes))
	for i, b := range boxes {
		hs[i] = b.h()
	}
	slices.Sort(hs)
	m := hs[len(hs)/2]
	if !(m > 0) {
		m = 1
	}
	return m
}

type leaf struct {
	idx   []int
	block int
}

type orderer struct {
	boxes  []fbox
	medH   float64
	leaves []leaf
	// peelBudget is how many more row boundaries peel may try.
	peelBudget int
}

const maxDepth = 64

// cut orders the lines idx, appending leaves in reading order.
func (o *orderer) cut(idx []int, depth int) {
	if len(idx) == 0 {
		return
	}
	rows := o.rows(idx)
	if len(idx) > 1 && len(rows) > 1 && depth < maxDepth {
		left, right, g, ok := o.columns(rows)
		// A space across the whole width wider than the gutter cuts first:
		// a row of cards above a chart and a table.
		// So does one where the gutter does not run on through both parts,
		// which are then rows of blocks: a row of cards above panels.
		if k, gap := o.widestGap(rows); gap >= 1.5*o.medH &&
			(!ok || gap > g.w || !o.startsAt(rows[:k], g.x) || !o.startsAt(rows[k:], g.x)) {
			o.cut(flatten(rows[:k]), depth+1)
			o.cut(flatten(rows[k:]), depth+1)
			return
		}
		if ok {
			// A title bar over one column only is still read first: set
			// apart, or centred over all the rows (a window's title).
			if gap := o.rowTop(rows[1]) - o.rowBottom(rows[0]); (gap >= 0.8*o.medH || gap > 0 && o.centred(rows[0], rows)) &&
				(within(rows[0], left) || within(rows[0], right)) {
				o.leafRows(rows[:1])
				o.cut(flatten(rows[1:]), depth+1)
				return
			}
			o.cut(left, depth+1)
			o.cut(right, depth+1)
			return
		}
		if k := o.peel(rows); k > 0 {
			o.cut(flatten(rows[:k]), depth+1)
			o.cut(flatten(rows[k:]), depth+1)
			return
		}
		if parts := o.paragraphs(rows); len(parts) > 1 {
			for _, p := range parts {
				o.leafRows(p)
			}
			return
		}
	}
	o.leafRows(rows)
}

func (o *orderer) leafRows(rows [][]int) {
	o.leaves = append(o.leaves, leaf{idx: flatten(rows), block: len(o.leaves)})
}

// within reports whether every line of r is in set.
func within(r, set []int) bool {
	for _, i := range r {
		if !slices.Contains(set, i) {
			return false
		}
	}
	return true
}

func flatten(rows [][]int) []int {
	var out []int
	for _, r := range rows {
		out = append(out, r...)
	}
	return out
}

// rows groups idx into visual rows, top to bottom, each left to right.
func (o *orderer) rows(idx []int) [][]int {
	s := slices.Clone(idx)
	b := o.boxes
	sort.SliceStable(s, func(i, j int) bool { return b[s[i]].cy() < b[s[j]].cy() })
	var rows [][]int
	var top, bot float64
	for _, i := range s {
		bx := b[i]
		if len(rows) > 0 {
			ov := min(bot, bx.y1) - max(top, bx.y0)
			need := 0.5 * min(bot-top, bx.h())
			if ov > 0 && ov >= need {
				r := len(rows) - 1
				rows[r] = append(rows[r], i)
				// Grow the row only a little so a tall box does not swallow the next row.
				top, bot = min(top, bx.y0), max(bot, bx.y1)
				continue
			}
		}
		rows = append(rows, []int{i})
		top, bot = bx.y0, bx.y1
	}
	for _, r := range rows {
		sort.SliceStable(r, func(i, j int) bool { return b[r[i]].x0 < b[r[j]].x0 })
	}
	return rows
}

// columns splits the rows into columns at the widest clear vertical
// gutter (at least 1.5 line heights) with at least two rows on each side
// that really parts columns. Where the column next to it on one side (up
// to the neighbouring gutter) aligns with the other side — a table, a
// form, a menu and its shortcuts — it is a gap inside one block, read row
// by row, unless one of those sides is prose (two articles whose
// baselines happen to match) or both are cards (a dashboard's tiles of a
// title over a big figure), or the sides are tables side by side (see
// endsApart). Sides whose rows take turns down the page (a chat's
// bubbles), or the columns next to the gutter when each holds three rows
// or more (a chat beside its list of conversations), are not columns
// either.
func (o *orderer) columns(rows [][]int) (left, right []int, g gutter, ok bool) {
	gutters := o.gutters(rows)
	best := -1
	for k, g := range gutters {
		lo, hi := math.Inf(-1), math.Inf(1)
		if k > 0 {
			lo = gutters[k-1].x
		}
		if k+1 < len(gutters) {
			hi = gutters[k+1].x
		}
		l, r := o.split(rows, g.x)
		bl, br := o.band(rows, lo, g.x), o.band(rows, g.x, hi)
		if len(l) < 2 || len(r) < 2 || o.interleaved(l, r) || min(len(bl), len(br)) >= 3 && o.interleaved(bl, br) ||
			!o.endsApart(l, r) && (o.readAcross(bl, r) || o.readAcross(l, br)) {
			continue
		}
		if best < 0 || g.w > gutters[best].w {
			best = k
		}
	}
	if best < 0 {
		return nil, nil, gutter{}, false
	}
	l, r := o.split(rows, gutters[best].x)
	return flatten(l), flatten(r), gutters[best], true
}

// centred reports whether row r is centred over rows: the middle of its
// lines (leaving out specks under half a line high: a window's buttons)
// within a twentieth of their width of the rows' middle, and it spans less
// than half of that width.
func (o *orderer) centred(r []int, rows [][]int) bool {
	x0, x1 := o.extent(slices.DeleteFunc(slices.Clone(r), func(i int) bool { return o.boxes[i].h() < o.medH/2 }))
	X0, X1 := o.extent(flatten(rows))
	w := X1 - X0
	return math.Abs((x0+x1)/2-(X0+X1)/2) <= w/20 && x1-x0 < w/2
}

// extent returns the left and right edges of the lines idx.
func (o *orderer) extent(idx []int) (x0, x1 float64) {
	x0, x1 = math.Inf(1), math.Inf(-1)
	for _, i := range idx {
		x0, x1 = min(x0, o.boxes[i].x0), max(x1, o.boxes[i].x1)
	}
	return x0, x1
}

// startsAt reports whether the lines of rows right of x start within a
// line height of x, or there are none: whether a gutter at x runs on
// through these rows.
func (o *orderer) startsAt(rows [][]int, x float64) bool {
	first := math.Inf(1)
	for _, r := range rows {
		for _, i := range r {
			if x0 := o.boxes[i].x0; x0 >= x {
				first = min(first, x0)
			}
		}
	}
	return math.IsInf(first, 1) || first-x <= o.medH
}

// widestGap returns the row boundary k with the most space between rows
// k-1 and k, and that space (0 for a single row).
func (o *orderer) widestGap(rows [][]int) (k int, gap float64) {
	for i, g := range o.gaps(rows) {
		if g > gap {
			k, gap = i+1, g
		}
	}
	return k, gap
}

// gutter is a clear vertical band between lines: x is where the lines to
// its right start, w its width.
type gutter struct{ x, w float64 }

// gutters returns the clear vertical bands at least 1.5 line heights wide
// that run through all the rows, left to right.
func (o *orderer) gutters(rows [][]int) []gutter {
	s := flatten(rows)
	b := o.boxes
	sort.SliceStable(s, func(i, j int) bool { return b[s[i]].x0 < b[s[j]].x0 })
	var out []gutter
	reach := b[s[0]].x1
	for k := 1; k < len(s); k++ {
		if w := b[s[k]].x0 - reach; w >= 1.5*o.medH {
			out = append(out, gutter{b[s[k]].x0, w})
		}
		reach = max(reach, b[s[k]].x1)
	}
	return out
}

// band returns the rows cut down to the lines starting at or right of lo
// and left of hi; rows left empty are dropped.
func (o *orderer) band(rows [][]int, lo, hi float64) [][]int {
	var out [][]int
	for _, r := range rows {
		var kept []int
		for _, i := range r {
			if x := o.boxes[i].x0; x >= lo && x < hi {
				kept = append(kept, i)
			}
		}
		if len(kept) > 0 {
			out = append(out, kept)
		}
	}
	return out
}

// split parts each row at x: the lines starting left of it, and the rest
// (a row's lines run left to right); rows left empty are dropped.
func (o *orderer) split(rows [][]int, x float64) (left, right [][]int) {
	for _, r := range rows {
		k := 0
		for k < len(r) && o.boxes[r[k]].x0 < x {
			k++
		}
		if k > 0 {
			left = append(left, r[:k])
		}
		if k < len(r) {
			right = append(right, r[k:])
		}
	}
	return left, right
}

// readAcross reports whether the rows on the two sides of a gutter are
// one table: most rows of the side with fewer rows have a row at the same
// height on the other side, neither side is prose, and the two are not
// both cards.
func (o *orderer) readAcross(lr, rr [][]int) bool {
	if len(lr) == 0 || len(rr) == 0 {
		return false
	}
	if len(lr) > len(rr) {
		lr, rr = rr, lr
	}
	matched := 0
	for _, a := range lr {
		ca := (o.rowTop(a) + o.rowBottom(a)) / 2
		for _, b := range rr {
			if math.Abs(ca-(o.rowTop(b)+o.rowBottom(b))/2) <= 0.25*o.medH {
				matched++
				break
			}
		}
	}
	if 2*matched < len(lr) {
		return false
	}
	return !o.prose(lr) && !o.prose(rr) && !(o.card(lr) && o.card(rr))
}

// endsApart reports whether the two sides of a gutter are tables side by
// side even where their rows align (a dashboard's panels): the side with
// fewer rows is a table itself, most of its rows holding two lines or more,
// and the other goes on for at least three such rows after it ends, while
// the columns of one table end together. A menu's shortcuts, a form's
// fields and a table's last column hold one line a row, and so do a
// spreadsheet's row numbers below its data, so their rows still align.
func (o *orderer) endsApart(lr, rr [][]int) bool {
	if len(lr) > len(rr) {
		lr, rr = rr, lr
	}
	multi := 0
	for _, r := range lr {
		if len(r) >= 2 {
			multi++
		}
	}
	if 2*multi < len(lr) {
		return false
	}
	end, below := o.rowBottom(lr[len(lr)-1]), 0
	for _, r := range rr {
		if o.rowTop(r) > end && len(r) >= 2 {
			below++
		}
	}
	return below >= 3
}

// interleaved reports whether the rows of two sides of a gutter take
// turns down the page rather than run side by side: hardly any row of the
// side with fewer rows shares a height with a row of the other (a chat's
// bubbles, left and right), so they are read top to bottom.
func (o *orderer) interleaved(lr, rr [][]int) bool {
	if len(lr) > len(rr) {
		lr, rr = rr, lr
	}
	overlap := 0
	for _, a := range lr {
		for _, b := range rr {
			if min(o.rowBottom(a), o.rowBottom(b)) > max(o.rowTop(a), o.rowTop(b)) {
				overlap++
				break
			}
		}
	}
	return 4*overlap < len(lr)
}

// prose reports whether rows read as running text: most rows are a single
// long line that fills the width of its side.
func (o *orderer) prose(rows [][]int) bool {
	x0, x1 := math.Inf(1), math.Inf(-1)
	for _, r := range rows {
		for _, i := range r {
			x0, x1 = min(x0, o.boxes[i].x0), max(x1, o.boxes[i].x1)
		}
	}
	full := 0
	for _, r := range rows {
		w := o.boxes[r[0]].x1 - o.boxes[r[0]].x0
		if len(r) == 1 && w >= 0.7*(x1-x0) && w >= 10*o.medH {
			full++
		}
	}
	return 10*full >= 6*len(rows)
}

// card reports whether rows look like a dashboard tile: a compact stack
// of three to six rows (no space of 1.5 line heights between them) of
// clearly different sizes (a title over a big figure, 1.5 times taller).
// A calendar's days are not cards: a day holds one or two rows, and weeks
// stand apart.
func (o *orderer) card(rows [][]int) bool {
	if len(rows) < 3 || len(rows) > 6 {
		return false
	}
	for _, g := range o.gaps(rows) {
		if g >= 1.5*o.medH {
			return false
		}
	}
	lo, hi := math.Inf(1), 0.0
	for _, r := range rows {
		h := o.rowBottom(r) - o.rowTop(r)
		lo, hi = min(lo, h), max(hi, h)
	}
	return hi >= 1.5*lo
}

// peel finds the row boundary k that leaves the most rows in a part that
// splits into columns (such as the body under a full-width title); 0 if
// none. Only boundaries set apart by more space than the rows' usual
// spacing are tried: a title stands apart, a table's rows do not.
func (o *orderer) peel(rows [][]int) int {
	// Each candidate costs a column search; cap the total so that pathological
	// layouts stay fast (they are then read as rows and paragraphs).
	if len(rows) < 3 || o.peelBudget < len(rows) {
		return 0
	}
	o.peelBudget -= len(rows)
	gaps := o.gaps(rows)
	typical := lowerMedian(gaps)
	bestK, bestN, bestGap := 0, 0, math.Inf(-1)
	for k := 1; k < len(rows); k++ {
		gap := gaps[k-1]
		if gap < 0.5*o.medH || gap < typical+0.25*o.medH {
			continue
		}
		for _, part := range [][][]int{rows[k:], rows[:k]} {
			if len(part) < 2 {
				continue
			}
			if _, _, _, ok := o.columns(part); ok {
				if len(part) > bestN || (len(part) == bestN && gap > bestGap) {
					bestK, bestN, bestGap = k, len(part), gap
				}
			}
		}
	}
	return bestK
}

// gaps returns the space between each row and the next.
func (o *orderer) gaps(rows [][]int) []float64 {
	gaps := make([]float64, max(len(rows)-1, 0))
	for k := 1; k < len(rows); k++ {
		gaps[k-1] = o.rowTop(rows[k]) - o.rowBottom(rows[k-1])
	}
	return gaps
}

// lowerMedian returns the lower median of vs, 0 for none.
func lowerMedian(vs []float64) float64 {
	if len(vs) == 0 {
		return 0
	}
	sorted := slices.Clone(vs)
	slices.Sort(sorted)
	return sorted[(len(sorted)-1)/2]
}

func (o *orderer) rowTop(r []int) float64 {
	t := math.Inf(1)
	for _, i := range r {
		t = min(t, o.boxes[i].y0)
	}
	return t
}

func (o *orderer) rowBottom(r []int) float64 {
	t := math.Inf(-1)
	for _, i := range r {
		t = max(t, o.boxes[i].y1)
	}
	return t
}

// paragraphs splits rows where the space between two rows sets them
// apart: at least 0.8 line heights and clearly more than the usual space
// between its rows (1.6 times the median), or two line heights whatever
// the usual space. Evenly spaced rows (a menu, a list, a table) stay one
// block.
func (o *orderer) paragraphs(rows [][]int) [][][]int {
	gaps := o.gaps(rows)
	typical := lowerMedian(gaps)
	var parts [][][]int
	start := 0
	for k, g := range gaps {
		if g >= 2*o.medH || g >= 0.8*o.medH && g >= 1.6*typical {
			parts = append(parts, rows[start:k+1])
			start = k + 1
		}
	}
	return append(parts, rows[start:])
}
