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
