package imaging

import (
	"image"
	"image/color"
)

// BlankTolerance is how far, in 8-bit levels on the channel that differs
// most, a pixel may stray from an image's dominant colour and still count
// as part of a blank background. It absorbs mild JPEG noise and dithering;
// text, lines and gradients differ by far more.
const BlankTolerance = 24

// BlankStats describes what IsBlank measured.
type BlankStats struct {
	// Dominant is the most common colour (the mean of the commonest bin of
	// a 16-level-per-channel histogram), opaque.
	Dominant color.RGBA
	// Pixels is the number of pixels in the image.
	Pixels int
	// Outliers counts pixels further than BlankTolerance from Dominant.
	// Counting stops at Limit+1: past that the image is not blank.
	Outliers int
	// Limit is the most outliers a blank image may have: 4, or one per
	// million pixels on larger images.
	Limit int
}

// IsBlank reports whether img is nearly one flat colour — a screen curtain,
// a black or white screen, a flat colour with mild compression noise — so
// that no model need be run on it. Every pixel is examined (sampling could
// step over a thin line or one short word), but the count stops as soon as
// there are too many outliers. Colours are read as Tensor reads them, alpha
// dropped. An image with no pixels is blank.
func IsBlank(img image.Image) (bool, BlankStats) {
	if img == nil || img.Bounds().Empty() {
		return true, BlankStats{Dominant: color.RGBA{A: 0xff}}
	}
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	st := BlankStats{Pixels: w * h, Limit: max(4, w*h/1_000_000)}
	row := rgbRowFunc(img)
	buf := newPlanes(w, 1)
	st.Dominant = dominantColour(row, buf, b)
	far := farTables(st.Dominant)
	for y := b.Min.Y; y < b.Max.Y; y++ {
		rgb := buf.row(0)
		row(y, rgb)
		st.Outliers += countOutliers(rgb, &far)
		if st.Outliers > st.Limit {
			st.Outliers = st.Limit + 1
			return false, st
		}
	}
	return true, st
}

// dominantColour histograms every fourth row (and the last) into
// 16×16×16 bins and returns the mean colour of the fullest bin. A blank
// image's background fills almost every row, so the sample cannot miss it.
func dominantColour(row func(int, [3][]byte), buf planes, b image.Rectangle) color.RGBA {
	var count [4096]int32
	var sum [4096][3]int64
	add := func(y int) {
		rgb := buf.row(0)
		row(y, rgb)
		r, g, bl := rgb[0], rgb[1][:len(rgb[0])], rgb[2][:len(rgb[0])]
		for x, rv := range r {
			i := int(rv>>4)<<8 | int(g[x]>>4)<<4 | int(bl[x]>>4)
			count[i]++
			s := &sum[i]
			s[0] += int64(rv)
			s[1] += int64(g[x])
			s[2] += int64(bl[x])
		}
	}
	for y := b.Min.Y; y < b.Max.Y; y += 4 {
		add(y)
	}
	if (b.Dy()-1)%4 != 0 {
		add(b.Max.Y - 1)
	}
	best := 0
	for i, n := range count {
		if n > count[best] {
			best = i
		}
	}
	n := int64(count[best])
	s := sum[best]
	return color.RGBA{uint8((s[0] + n/2) / n), uint8((s[1] + n/2) / n), uint8((s[2] + n/2) / n), 0xff}
}

// farTables returns, per channel, 1 for each level further than
// BlankTolerance from the dominant colour's level and 0 for the others.
func farTables(d color.RGBA) [3][256]uint8 {
	var t [3][256]uint8
	for ch, level := range [3]uint8{d.R, d.G, d.B} {
		for v := range 256 {
			if absDiffInt(v, int(level)) > BlankTolerance {
				t[ch][v] = 1
			}
		}
	}
	return t
}

// countOutliers counts the pixels of one row that are far from the
// dominant colour on any channel, without branches.
func countOutliers(rgb [3][]byte, far *[3][256]uint8) int {
	r := rgb[0]
	g, b := rgb[1][:len(r)], rgb[2][:len(r)]
	n := 0
	for x, rv := range r {
		n += int(far[0][rv] | far[1][g[x]] | far[2][b[x]])
	}
	return n
}

func absDiffInt(a, b int) int {
	if a > b {
		return a - b
	}
	return b - a
}
