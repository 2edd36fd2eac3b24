package ocr

import (
	"image"
	"math"
	"testing"
)

func rect(x0, y0, x1, y1 float64) Quad {
	return Quad{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}}
}

func TestResultTextJoinsRows(t *testing.T) {
	menu := []Line{
		{Text: "File", Quad: rect(10, 5, 40, 20)},
		{Text: "Edit", Quad: rect(80, 6, 110, 21)},
		{Text: "View", Quad: rect(150, 5, 185, 20)},
		{Text: "Open a file to begin.", Quad: rect(10, 60, 200, 75)},
		{Text: "Sidebar", Quad: rect(300, 60, 360, 75), Block: 1},
		{Text: "below", Quad: rect(10, 70, 60, 85)},
	}
	got := Result{Lines: menu}.Text()
	want := "File Edit View\nOpen a file to begin.\nSidebar\nbelow"
	if got != want {
		t.Errorf("Text() = %q, want %q", got, want)
	}
	if (Result{}).Text() != "" {
		t.Error("empty result has text")
	}
}

func TestPadQuad(t *testing.T) {
	q := rect(100, 50, 300, 70) // 20 px high
	p := padQuad(q, 0.25)
	want := rect(95, 45, 305, 75)
	for i := range p {
		if math.Abs(p[i].X-want[i].X) > 1e-9 || math.Abs(p[i].Y-want[i].Y) > 1e-9 {
			t.Fatalf("padQuad = %v, want %v", p, want)
		}
	}
	// A rotated quad grows along its own axes: the result stays a rectangle
	// whose sides are longer by 2×pad.
	c, s := math.Cos(0.3), math.Sin(0.3)
	rot := func(x, y float64) Point { return Point{x*c - y*s, x*s + y*c} }
	rq := Quad{rot(0, 0), rot(200, 0), rot(200, 20), rot(0, 20)}
	rp := padQuad(rq, 0.25)
	if w := math.Hypot(rp[1].X-rp[0].X, rp[1].Y-rp[0].Y); math.Abs(w-210) > 1e-9 {
		t.Errorf("rotated width %v, want 210", w)
	}
	if h := math.Hypot(rp[3].X-rp[0].X, rp[3].Y-rp[0].Y); math.Abs(h-30) > 1e-9 {
		t.Errorf("rotated height %v, want 30", h)
	}
	// Degenerate or non-finite quads come back unchanged.
	for _, d := range []Quad{{}, rect(5, 5, 5, 9), {{math.NaN(), 0}, {1, 0}, {1, 1}, {0, 1}}} {
		if got := padQuad(d, 0.25); got != d && !math.IsNaN(d[0].X) {
			t.Errorf("padQuad(%v) = %v, want it unchanged", d, got)
		}
	}
}

func TestBlocksAndBlockAt(t *testing.T) {
	lines := Order([]Line{
		{Text: "Undo", Quad: rect(30, 30, 70, 44)}, {Text: "Ctrl+Z", Quad: rect(200, 30, 250, 44)},
		{Text: "Redo", Quad: rect(30, 56, 70, 70)}, {Text: "Ctrl+Y", Quad: rect(200, 56, 250, 70)},
		{Text: "Status: ready", Quad: rect(30, 400, 140, 414)},
	})
	blocks := Result{Lines: lines}.Blocks()
	if len(blocks) != 2 || len(blocks[0].Rows) != 2 || blocks[0].Rows[1].Text() != "Redo Ctrl+Y" ||
		blocks[1].Rows[0].Text() != "Status: ready" {
		t.Fatalf("blocks = %+v; want the menu's two rows, then the status line", blocks)
	}
	if got, want := blocks[0].Box(), image.Rect(30, 30, 250, 70); got != want {
		t.Errorf("menu box %v, want %v", got, want)
	}
	for _, tc := range []struct {
		p    image.Point
		want string // first row of the block found; "" none
	}{
		{image.Pt(100, 50), "Undo Ctrl+Z"},    // between the cells, inside the block
		{image.Pt(60, 405), "Status: ready"},  // on the status line
		{image.Pt(145, 410), "Status: ready"}, // just past its end
		{image.Pt(600, 200), ""},              // nowhere near text
	} {
		b, ok := Result{Lines: lines}.BlockAt(tc.p)
		if got := ""; ok {
			got = b.Rows[0].Text()
			if got != tc.want {
				t.Errorf("BlockAt(%v) starts %q, want %q", tc.p, got, tc.want)
			}
		} else if tc.want != "" {
			t.Errorf("BlockAt(%v) found nothing, want %q", tc.p, tc.want)
		}
	}
}
