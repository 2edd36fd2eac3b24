package ocr

import (
	"image"
	"image/color"
	"math"
	"testing"
)

// rcRotatedRect draws on a grey canvas a w×h rectangle centred at (cx, cy)
// and turned by deg degrees clockwise, its left half red and its right
// half blue, and returns the canvas and the rectangle's corners clockwise
// from the top left.
func rcRotatedRect(cw, ch int, cx, cy, w, h, deg float64) (*image.RGBA, Quad) {
	m := image.NewRGBA(image.Rect(0, 0, cw, ch))
	s, c := math.Sincos(deg * math.Pi / 180)
	for y := range ch {
		for x := range cw {
			dx, dy := float64(x)-cx, float64(y)-cy
			u := dx*c + dy*s  // along the rectangle's width
			v := -dx*s + dy*c // along its height
			col := color.RGBA{128, 128, 128, 255}
			if math.Abs(u) <= w/2 && math.Abs(v) <= h/2 {
				col = color.RGBA{220, 0, 0, 255}
				if u > 0 {
					col = color.RGBA{0, 0, 220, 255}
				}
			}
			m.SetRGBA(x, y, col)
		}
	}
	corner := func(u, v float64) Point { return Point{cx + u*c - v*s, cy + u*s + v*c} }
	return m, Quad{corner(-w/2, -h/2), corner(w/2, -h/2), corner(w/2, h/2), corner(-w/2, h/2)}
}

func TestCropRotatedRectangle(t *testing.T) {
	for _, deg := range []float64{0, 7, 20, -35} {
		img, q := rcRotatedRect(300, 200, 150, 100, 160, 40, deg)
		crop := Crop(img, q)
		if crop == nil {
			t.Fatalf("%v°: nil crop", deg)
		}
		b := crop.Bounds()
		if b.Dx() < 158 || b.Dx() > 161 || b.Dy() < 38 || b.Dy() > 41 {
			t.Fatalf("%v°: crop %v; want about 160×40", deg, b.Size())
		}
		// Away from the edges, the left half is red and the right half blue.
		for y := 5; y < b.Dy()-5; y += 5 {
			for x := 5; x < b.Dx()-5; x += 5 {
				if x > b.Dx()/2-4 && x < b.Dx()/2+4 {
					continue
				}
				c := crop.RGBAAt(x, y)
				wantRed := x < b.Dx()/2
				if (wantRed && (c.R < 180 || c.B > 40)) || (!wantRed && (c.B < 180 || c.R > 40)) {
					t.Fatalf("%v°: pixel (%d,%d) = %v; want %s", deg, x, y, c, map[bool]string{true: "red", false: "blue"}[wantRed])
				}
			}
		}
	}
}

func TestCropTallTurnsAnticlockwise(t *testing.T) {
	// A 30 wide, 90 tall upright rectangle: red on the left, blue on the
	// right. Turned 90° anticlockwise, red lands at the bottom.
	img, q := rcRotatedRect(200, 200, 100, 100, 30, 90, 0)
	crop := Crop(img, q)
	if crop == nil {
		t.Fatal("nil crop")
	}
	b := crop.Bounds()
	if b.Dx() != 90 || b.Dy() != 30 {
		t.Fatalf("crop %v; want 90×30", b.Size())
	}
	if c := crop.RGBAAt(45, 25); c.R < 180 {
		t.Errorf("bottom pixel %v; want red", c)
	}
	if c := crop.RGBAAt(45, 4); c.B < 180 {
		t.Errorf("top pixel %v; want blue", c)
	}
}

func TestCropDegenerate(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 100, 50))
	nan := math.NaN()
	for name, q := range map[string]Quad{
		"zero":      {},
		"point":     {{10, 10}, {10, 10}, {10, 10}, {10, 10}},
		"line":      {{10, 10}, {60, 10}, {60, 10}, {10, 10}},
		"collinear": {{0, 0}, {10, 10}, {20, 20}, {30, 30}},
		"outside":   {{200, 200}, {300, 200}, {300, 240}, {200, 240}},
		"negative":  {{-90, -40}, {-10, -40}, {-10, -5}, {-90, -5}},
		"nan":       {{nan, 0}, {10, 0}, {10, 10}, {0, 10}},
		"inf":       {{0, 0}, {math.Inf(1), 0}, {10, 10}, {0, 10}},
		"huge":      {{0, 0}, {1e9, 0}, {1e9, 1e9}, {0, 1e9}},
		"sub-pixel": {{1, 1}, {1.5, 1}, {1.5, 1.5}, {1, 1.5}},
	} {
		if c := Crop(img, q); c != nil {
			t.Errorf("%s: got a %v crop; want nil", name, c.Bounds().Size())
		}
	}
	if c := Crop(nil, Quad{{0, 0}, {10, 0}, {10, 10}, {0, 10}}); c != nil {
		t.Error("nil image: got a crop")
	}
	// Partly outside: the border repeats, no panic.
	if c := Crop(img, Quad{{-20, -20}, {80, -20}, {80, 30}, {-20, 30}}); c == nil || c.Bounds().Dx() != 100 {
		t.Errorf("partly outside: %v", c)
	}
}

// rcInkLines paints on a w×h canvas of bg, for each [top, bottom) pair in
// bands, a line of "letters" in fg: 2-pixel columns every 5 pixels from
// x = 10 to w-10, so every row of the band has ink and the gaps between
// letters are background.
func rcInkLines(w, h int, fg, bg color.RGBA, bands ...[2]int) *image.RGBA {
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			m.SetRGBA(x, y, bg)
		}
	}
	for _, b := range bands {
		for y := b[0]; y < b[1]; y++ {
			for x := 10; x < w-10; x++ {
				if x%5 < 2 {
					m.SetRGBA(x, y, fg)
				}
			}
		}
	}
	return m
}

// rcInkExtent returns the first and last row of c with a pixel darker
// (dark) or lighter than the midpoint of 0 and 255.
func rcInkExtent(c *image.RGBA, dark bool) (int, int) {
	first, last := -1, -1
	for y := range c.Rect.Dy() {
		for x := range c.Rect.Dx() {
			if v := c.Pix[y*c.Stride+4*x]; (v < 128) == dark {
				if first < 0 {
					first = y
				}
				last = y
				break
			}
		}
	}
	return first, last
}

// TestLineCropFitsInk checks that the recogniser's crop of a line spans the
// line's ink plus its margin above and below (0.1 of 12 px ink, 0.3 of 30
// px), whether the detector's box is loose (small text: a box 1.6 times the
// ink) or clips the ink (large text), on light and dark themes, and that a
// neighbouring line inside the padded region is left out. Before the crop
// was fitted, the loose box gave a crop 2.4 times the ink's height (CropPad
// on every side) and the clipping one cut the ink off.
func TestLineCropFitsInk(t *testing.T) {
	black, white := color.RGBA{20, 20, 20, 255}, color.RGBA{250, 250, 250, 255}
	for _, tc := range []struct {
		name         string
		fg, bg       color.RGBA
		ink          [2]int // rows [top, bottom) of the line's ink
		box0, box1   float64
		neighbour    [2]int
		wantH        int // E + 2·inkMargin(E), E = 12 or 30
		wantTop, tol int
	}{
		{"loose box, small text", black, white, [2]int{40, 52}, 36.5, 55.5, [2]int{}, 14, 1, 1},
		{"loose box, dark theme", white, black, [2]int{40, 52}, 36.5, 55.5, [2]int{}, 14, 1, 1},
		{"box clips large text", black, white, [2]int{40, 70}, 44, 66, [2]int{}, 48, 9, 2},
		{"neighbour above", black, white, [2]int{40, 52}, 36.5, 55.5, [2]int{30, 35}, 14, 1, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			bands := [][2]int{tc.ink}
			if tc.neighbour != [2]int{} {
				bands = append(bands, tc.neighbour)
			}
			img := rcInkLines(300, 110, tc.fg, tc.bg, bands...)
			c := lineCrop(img, Quad{{8, tc.box0}, {292, tc.box0}, {292, tc.box1}, {8, tc.box1}})
			if c == nil {
				t.Fatal("no crop")
			}
			if d := c.Rect.Dy() - tc.wantH; d < -tc.tol || d > tc.tol {
				t.Errorf("crop height %d; want %d±%d", c.Rect.Dy(), tc.wantH, tc.tol)
			}
			top, bot := rcInkExtent(c, tc.fg == black)
			e := tc.ink[1] - tc.ink[0]
			if d := top - tc.wantTop; d < -tc.tol || d > tc.tol || bot-top+1 < e-1 {
				t.Errorf("ink at rows %d..%d of the crop; want %d ink rows from row %d±%d", top, bot, e, tc.wantTop, tc.tol)
			}
		})
	}
}

// TestLineCropKeepsPaddedCrop checks the cases lineCrop leaves to the plain
// padded crop: no ink (a blank region), ink everywhere (a busy
// background) and a vertical region.
func TestLineCropKeepsPaddedCrop(t *testing.T) {
	white := color.RGBA{250, 250, 250, 255}
	box := Quad{{8, 40}, {292, 40}, {292, 60}, {8, 60}}
	blank := rcInkLines(300, 110, white, white)
	busy := rcInkLines(300, 110, color.RGBA{20, 20, 20, 255}, white, [2]int{0, 110})
	tall := Quad{{100, 10}, {120, 10}, {120, 100}, {100, 100}}
	for _, tc := range []struct {
		name string
		img  *image.RGBA
		q    Quad
	}{{"blank", blank, box}, {"busy", busy, box}, {"vertical", busy, tall}} {
		got, want := lineCrop(tc.img, tc.q), cropRGBA(tc.img, padQuad(tc.q, CropPad))
		if got.Rect != want.Rect {
			t.Errorf("%s: crop %v; want the padded crop %v", tc.name, got.Rect, want.Rect)
		}
	}
}
