package ocr

import (
	"image"
	"image/draw"
	"math"
)

// maxCropSide bounds each side of a rectified crop, so a wild quad cannot
// ask for a huge allocation.
const maxCropSide = 8192

// Crop rectifies the text region q of img into an upright rectangle, the
// way PaddleOCR's get_rotate_crop_image does: the width is the longer of
// the two horizontal edges, the height the longer of the two vertical
// edges, each pixel is sampled bilinearly through the perspective
// transform that maps the rectangle's corners onto q (pixels outside img
// repeat the border), and a crop at least 1.5 times as tall as it is wide
// is turned 90° anticlockwise (vertical text). It returns nil when q is
// degenerate (an edge shorter than one pixel, a non-finite corner) or lies
// wholly outside img.
func Crop(img image.Image, q Quad) *image.RGBA {
	if img == nil || img.Bounds().Empty() {
		return nil
	}
	return cropRGBA(toRGBA(img), q)
}

// toRGBA returns img as an *image.RGBA whose bounds start at (0, 0).
func toRGBA(img image.Image) *image.RGBA {
	b := img.Bounds()
	if m, ok := img.(*image.RGBA); ok && b.Min == (image.Point{}) {
		return m
	}
	m := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(m, m.Bounds(), img, b.Min, draw.Src)
	return m
}

// cropRGBA is Crop on an image whose bounds start at (0, 0).
func cropRGBA(src *image.RGBA, q Quad) *image.RGBA {
	for _, p := range q {
		if math.IsNaN(p.X) || math.IsNaN(p.Y) || math.IsInf(p.X, 0) || math.IsInf(p.Y, 0) {
			return nil
		}
	}
	sb := src.Bounds()
	if sb.Empty() {
		return nil
	}
	bx := q.Bounds()
	if !bx.Overlaps(sb) {
		return nil
	}
	w := int(max(dist(q[0], q[1]), dist(q[2], q[3])))
	h := int(max(dist(q[0], q[3]), dist(q[1], q[2])))
	if w < 1 || h < 1 || w > maxCropSide || h > maxCropSide {
		return nil
	}
	hm, ok := squareToQuad(q)
	if !ok {
		return nil
	}
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	sw, sh := sb.Dx(), sb.Dy()
	for y := range h {
		v := float64(y) / float64(h)
		row := dst.Pix[y*dst.Stride:]
		for x := range w {
			u := float64(x) / float64(w)
			den := hm[6]*u + hm[7]*v + 1
			if den == 0 {
				continue
			}
			sx := (hm[0]*u + hm[1]*v + hm[2]) / den
			sy := (hm[3]*u + hm[4]*v + hm[5]) / den
			r, g, b := bilinear(src, sw, sh, sx, sy)
			o := row[4*x : 4*x+4 : 4*x+4]
			o[0], o[1], o[2], o[3] = r, g, b, 0xff
		}
	}
	if float64(h)/float64(w) >= 1.5 {
		return rot90(dst)
	}
	return dst
}

func dist(a, b Point) float64 { return math.Hypot(a.X-b.X, a.Y-b.Y) }

// squareToQuad returns the homography [a b c; d e f; g h 1] that maps the
// unit square's corners (0,0), (1,0), (1,1), (0,1) onto q's corners
// (Heckbert's closed form).
func squareToQuad(q Quad) ([8]float64, bool) {
	x0, y0, x1, y1 := q[0].X, q[0].Y, q[1].X, q[1].Y
	x2, y2, x3, y3 := q[2].X, q[2].Y, q[3].X, q[3].Y
	sx := x0 - x1 + x2 - x3
	sy := y0 - y1 + y2 - y3
	var g, h float64
	if math.Abs(sx) > 1e-9 || math.Abs(sy) > 1e-9 {
		dx1, dx2 := x1-x2, x3-x2
		dy1, dy2 := y1-y2, y3-y2
		den := dx1*dy2 - dx2*dy1
		if math.Abs(den) < 1e-12 {
			return [8]float64{}, false
		}
		g = (sx*dy2 - dx2*sy) / den
		h = (dx1*sy - sx*dy1) / den
	}
	m := [8]float64{
		x1 - x0 + g*x1, x3 - x0 + h*x3, x0,
		y1 - y0 + g*y1, y3 - y0 + h*y3, y0,
		g, h,
	}
	// Reject a quad whose corners are collinear (zero area).
	if math.Abs(m[0]*m[4]-m[1]*m[3]) < 1e-9 {
		return m, false
	}
	return m, true
}

// bilinear samples src at (x, y), pixel centres on integers, repeating
// the border outside it.
func bilinear(src *image.RGBA, w, h int, x, y float64) (r, g, b uint8) {
	x = min(max(x, 0), float64(w-1))
	y = min(max(y, 0), float64(h-1))
	x0, y0 := int(x), int(y)
	x1, y1 := min(x0+1, w-1), min(y0+1, h-1)
	fx, fy := x-float64(x0), y-float64(y0)
	p00 := src.Pix[y0*src.Stride+4*x0:]
	p01 := src.Pix[y0*src.Stride+4*x1:]
	p10 := src.Pix[y1*src.Stride+4*x0:]
	p11 := src.Pix[y1*src.Stride+4*x1:]
	var c [3]uint8
	for i := range 3 {
		top := float64(p00[i]) + fx*(float64(p01[i])-float64(p00[i]))
		bot := float64(p10[i]) + fx*(float64(p11[i])-float64(p10[i]))
		c[i] = uint8(top + fy*(bot-top) + 0.5)
	}
	return c[0], c[1], c[2]
}

// rot90 turns m 90° anticlockwise, as numpy's rot90 does.
func rot90(m *image.RGBA) *image.RGBA {
	w, h := m.Bounds().Dx(), m.Bounds().Dy()
	out := image.NewRGBA(image.Rect(0, 0, h, w))
	for y := range h {
		for x := range w {
			copy(out.Pix[(w-1-x)*out.Stride+4*y:][:4], m.Pix[y*m.Stride+4*x:][:4])
		}
	}
	return out
}

// rot180 returns m turned half a turn.
func rot180(m *image.RGBA) *image.RGBA {
	w, h := m.Bounds().Dx(), m.Bounds().Dy()
	out := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			copy(out.Pix[(h-1-y)*out.Stride+4*(w-1-x):][:4], m.Pix[y*m.Stride+4*x:][:4])
		}
	}
	return out
}

// Fitting a line's crop to its ink. PaddleOCR (tools/infer/predict_system.py,
// get_rotate_crop_image) crops the detector's box as it is; Describer adds
// CropPad of the box's height on every side, which keeps the spaces of
// large text but makes small text too small: the recogniser emits one CTC
// step per 8 input columns, and an 11-12 px line padded to about twice its
// ink height is read at about 1.4 steps a letter, too few to keep doubled
// letters apart ("wil", "comittee", "aording"). The box itself is no better
// a guide: the DB detector's boxes grow less than the text does (about 1.3
// times the font size at 11 px, 1.05 times at 16 px, where they clip
// ascenders and descenders and the recogniser runs words together). So the
// crop is fitted to the line's own ink: from the top of its tallest
// letters to the bottom of its descenders, plus a margin above and below
// (inkMargin).

// The margin above and below a line's ink, as a fraction of the ink's
// height: inkMarginSmall for ink up to inkSmall pixels tall, inkMarginLarge
// from inkLarge up, linear between. Small text wants a tight crop (more CTC
// steps a letter), large text a looser one (the recogniser drops spaces in
// text that fills its 48 rows). Measured on browser-rendered lines
// (Liberation, DejaVu and Noto, sans and serif, 11-16 px, light and dark)
// and on testdata/devset: one fixed margin of 0.1 or 0.15 read every word of
// testdata/lines but ran the words of 20-28 px headings and buttons together
// ("Createyour", "within30seconds."); 0.25 and 0.3 lost letters at 11-12 px
// again (CER 0.006 and 0.011 on testdata/lines); 0.4 lost both (word recall
// 0.876 at 11-16 px against 0.953 at 0.2).
const (
	inkMarginSmall, inkSmall = 0.1, 12
	inkMarginLarge, inkLarge = 0.3, 20
)

// inkMargin returns the margin, in pixels, for ink e pixels tall.
func inkMargin(e float64) float64 {
	f := clamp((e-inkSmall)/(inkLarge-inkSmall), 0, 1)
	return e * (inkMarginSmall + f*(inkMarginLarge-inkMarginSmall))
}

// inkContrast is how far, in 8-bit luminance, a pixel must be from the
// crop's background to count as ink.
const inkContrast = 48

// lineCrop returns the crop the recogniser reads for the detected region q
// of src: q grown by CropPad of its height on every side, then its extent
// across the text fitted to the line's ink as described above. A region
// whose ink cannot be told apart (none near its middle, or ink from edge to
// edge) and a vertical one (turned by cropRGBA) keep the padded crop.
func lineCrop(src *image.RGBA, q Quad) *image.RGBA {
	padded := padQuad(q, CropPad)
	c := cropRGBA(src, padded)
	if c == nil || dist(padded[0], padded[3]) >= 1.5*dist(padded[0], padded[1]) {
		return c
	}
	rows := inkRows(c)
	top, bot, ok := inkBand(rows)
	if !ok {
		return c
	}
	h := float64(len(rows))
	m := inkMargin(float64(bot - top + 1))
	f0, f1 := (float64(top)-m)/h, (float64(bot+1)+m)/h
	// Ink that reaches the crop's edge may be a neighbouring line's:
	// grow no further on that side.
	if top == 0 {
		f0 = 0
	}
	if bot == len(rows)-1 {
		f1 = 1
	}
	if fitted := cropRGBA(src, spanQuad(padded, f0, f1)); fitted != nil {
		return fitted
	}
	return c
}

// inkRows counts, for each row of m, the pixels that are ink (see ink).
func inkRows(m *image.RGBA) []int { return rowCounts(ink(m)) }

// rowCounts counts the ink of each of the h rows of a w-wide ink map.
func rowCounts(isInk []bool, w, h int) []int {
	rows := make([]int, h)
	for i, on := range isInk {
		if on {
			rows[i/w]++
		}
	}
	return rows
}

// ink marks the pixels of m, row by row, whose luminance is more than
// inkContrast from the background's: the most common luminance (in steps
// of 8), which a line's letters, however bold, do not outnumber.
func ink(m *image.RGBA) (isInk []bool, w, h int) {
	w, h = m.Rect.Dx(), m.Rect.Dy()
	lum := make([]uint8, w*h)
	var hist [32]int
	for y := range h {
		row := m.Pix[y*m.Stride : y*m.Stride+4*w]
		for x := range w {
			p := row[4*x : 4*x+3 : 4*x+3]
			l := uint8((299*int(p[0]) + 587*int(p[1]) + 114*int(p[2])) / 1000)
			lum[y*w+x] = l
			hist[l>>3]++
		}
	}
	mode := 0
	for i, n := range hist {
		if n > hist[mode] {
			mode = i
		}
	}
	bg := 8*mode + 4
	isInk = make([]bool, w*h)
	for i, l := range lum {
		d := int(l) - bg
		isInk[i] = d > inkContrast || d < -inkContrast
	}
	return isInk, w, h
}

// inkBand returns the first and last row of the band of ink rows (rows
// with any ink, without a gap) around the inkiest row of the middle half
// of rows; ok is false when the middle half has no ink or the band fills
// every row.
func inkBand(rows []int) (top, bot int, ok bool) {
	n := len(rows)
	best := -1
	for y := n / 4; y < n-n/4; y++ {
		if best < 0 || rows[y] > rows[best] {
			best = y
		}
	}
	if best < 0 || rows[best] == 0 {
		return 0, 0, false
	}
	top, bot = best, best
	for top > 0 && rows[top-1] > 0 {
		top--
	}
	for bot < n-1 && rows[bot+1] > 0 {
		bot++
	}
	return top, bot, top > 0 || bot < n-1
}

// spanQuad returns the part of q between the fractions f0 and f1 of the
// way down its left (q[0]→q[3]) and right (q[1]→q[2]) edges; fractions
// outside [0, 1] extend q.
func spanQuad(q Quad, f0, f1 float64) Quad {
	at := func(a, b Point, f float64) Point { return Point{a.X + f*(b.X-a.X), a.Y + f*(b.Y-a.Y)} }
	return Quad{at(q[0], q[3], f0), at(q[1], q[2], f0), at(q[1], q[2], f1), at(q[0], q[3], f1)}
}
