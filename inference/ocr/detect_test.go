package ocr

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/describer/describer/inference/imaging"
	"github.com/describer/describer/inference/ort/orttest"
)

// detTestDetector opens the real PP-OCRv4 det model on ONNX Runtime,
// failing under DESCRIBER_REQUIRE_ORT=1 and skipping otherwise when
// either is missing.
func detTestDetector(tb testing.TB, opts DetectorOptions) *Detector {
	tb.Helper()
	path := filepath.Join(orttest.OCRModels(tb), "ch_PP-OCRv4_det_infer.onnx")
	d, err := LoadDetectorOptions(path, orttest.Runtime(tb).Opener(), opts)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { d.Close() })
	return d
}

// detTestLabel renders text with ImageMagick and returns the image, cut
// to its ink (the text's tight box).
func detTestLabel(tb testing.TB, text, font string, px int, fg, bg string) image.Image {
	tb.Helper()
	if _, err := exec.LookPath("convert"); err != nil {
		tb.Skipf("ImageMagick convert is not installed: %v", err)
	}
	out, err := exec.Command("convert", "-background", bg, "-fill", fg, "-font", font,
		"-pointsize", strconv.Itoa(px), "label:"+text, "-trim", "+repage", "png:-").Output()
	if err != nil {
		tb.Fatalf("convert %q: %v", text, err)
	}
	img, err := png.Decode(bytes.NewReader(out))
	if err != nil {
		tb.Fatal(err)
	}
	return img
}

// detTestCanvas returns a w×h image filled with c.
func detTestCanvas(w, h int, c color.Color) *image.RGBA {
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.Draw(m, m.Bounds(), image.NewUniform(c), image.Point{}, draw.Src)
	return m
}

// paste draws src onto dst at p and returns where it went.
func detTestPaste(dst *image.RGBA, src image.Image, p image.Point) image.Rectangle {
	r := src.Bounds().Sub(src.Bounds().Min).Add(p)
	draw.Draw(dst, r, src, src.Bounds().Min, draw.Src)
	return r
}

func iou(a, b image.Rectangle) float64 {
	in := a.Intersect(b)
	if in.Empty() {
		return 0
	}
	ia := float64(in.Dx() * in.Dy())
	return ia / (float64(a.Dx()*a.Dy()+b.Dx()*b.Dy()) - ia)
}

func TestDetectLines(t *testing.T) {
	d := detTestDetector(t, DetectorOptions{})
	for _, tc := range []struct {
		name   string
		fg, bg string
		canvas color.Color
	}{
		{"dark on light", "black", "white", color.White},
		{"light on dark", "white", "#202020", color.RGBA{0x20, 0x20, 0x20, 0xff}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			lines := []struct {
				text, font string
				px         int
				at         image.Point
			}{
				{"Open the settings", "DejaVu-Sans", 20, image.Pt(40, 30)},
				{"Save changes before closing?", "DejaVu-Serif", 24, image.Pt(300, 110)},
				{"File Edit View", "DejaVu-Sans-Mono", 16, image.Pt(60, 200)},
				{"Cancel", "DejaVu-Sans-Bold", 18, image.Pt(500, 280)},
			}
			m := detTestCanvas(800, 360, tc.canvas)
			var want []image.Rectangle
			for _, l := range lines {
				want = append(want, detTestPaste(m, detTestLabel(t, l.text, l.font, l.px, tc.fg, tc.bg), l.at))
			}
			regs, err := d.Detect(context.Background(), m)
			if err != nil {
				t.Fatal(err)
			}
			if len(regs) != len(want) {
				t.Fatalf("got %d regions, want %d: %v", len(regs), len(want), regs)
			}
			// Sorted top to bottom, as the lines were drawn.
			for i, r := range regs {
				if v := iou(r.Quad.Bounds(), want[i]); v < 0.5 {
					t.Errorf("region %d %v vs drawn %v: IoU %.2f < 0.5", i, r.Quad.Bounds(), want[i], v)
				} else {
					t.Logf("region %d IoU %.2f score %.2f", i, v, r.Score)
				}
				if r.Score < 0.6 || r.Score > 1 {
					t.Errorf("region %d score %v", i, r.Score)
				}
			}
		})
	}
}

func TestDetectBadInput(t *testing.T) {
	d := detTestDetector(t, DetectorOptions{})
	transparent := image.NewNRGBA(image.Rect(0, 0, 640, 480))
	var buf bytes.Buffer
	if err := png.Encode(&buf, transparent); err != nil {
		t.Fatal(err)
	}
	transPNG, _, err := imaging.DecodeImage(&buf)
	if err != nil {
		t.Fatal(err)
	}
	// An 8K screen with one line of text: the side limit keeps it fast.
	big := detTestCanvas(7680, 4320, color.White)
	detTestPaste(big, detTestLabel(t, "Large screen text", "DejaVu-Sans", 80, "black", "white"), image.Pt(1000, 1000))
	noisy := detTestCanvas(1, 1, color.Black)
	for _, tc := range []struct {
		name string
		img  image.Image
		max  int // most regions
		min  int
	}{
		{"1x1", noisy, 0, 0},
		{"1x1 white", detTestCanvas(1, 1, color.White), 0, 0},
		{"3x200", detTestCanvas(3, 200, color.Gray{0x80}), 0, 0},
		{"all black", detTestCanvas(1920, 1080, color.Black), 0, 0},
		{"all white", detTestCanvas(1920, 1080, color.White), 0, 0},
		{"transparent png", transPNG, 0, 0},
		{"8K", big, 1, 1},
	} {
		start := time.Now()
		regs, err := d.Detect(context.Background(), tc.img)
		el := time.Since(start)
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		if len(regs) < tc.min || len(regs) > tc.max {
			t.Errorf("%s: got %d regions, want %d–%d: %v", tc.name, len(regs), tc.min, tc.max, regs)
		}
		b := tc.img.Bounds()
		for _, r := range regs {
			for _, p := range r.Quad {
				if p.X < float64(b.Min.X) || p.Y < float64(b.Min.Y) || p.X > float64(b.Max.X) || p.Y > float64(b.Max.Y) {
					t.Errorf("%s: corner %v outside %v", tc.name, p, b)
				}
			}
		}
		if el > 10*time.Second {
			t.Errorf("%s took %v", tc.name, el)
		}
		t.Logf("%s: %d regions in %v", tc.name, len(regs), el)
	}
	if _, err := d.Detect(context.Background(), image.NewRGBA(image.Rect(0, 0, 0, 0))); err == nil {
		t.Error("empty image: no error")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := d.Detect(ctx, big); err == nil {
		t.Error("cancelled context: no error")
	}
}

func TestDetSize(t *testing.T) {
	for _, tc := range []struct{ w, h, max, ww, wh int }{
		{1920, 1080, 960, 960, 544},
		{1920, 1080, 1920, 1920, 1088},
		{1, 1, 960, 32, 32},
		{7680, 4320, 1920, 1920, 1088},
		{100, 50, 960, 96, 64},
	} {
		if w, h := detSize(tc.w, tc.h, tc.max); w != tc.ww || h != tc.wh {
			t.Errorf("detSize(%d, %d, %d) = %d×%d, want %d×%d", tc.w, tc.h, tc.max, w, h, tc.ww, tc.wh)
		}
	}
}

// detTestScreen renders a 1920×1080 screen of small UI text and returns
// it with the ink boxes of its text: on the left a grid of menu words
// (11–14 px, four fonts), on the right dense lines as in a terminal or a
// list (12–13 px, a line every 17 px).
func detTestScreen(tb testing.TB) (*image.RGBA, []image.Rectangle) {
	tb.Helper()
	m := detTestCanvas(1920, 1080, color.RGBA{0xf3, 0xf3, 0xf3, 0xff})
	words := []string{"File", "Edit", "View", "Insert", "Format", "Tools", "Help", "Settings",
		"Documents", "Downloads", "Open", "Recent", "Network", "Privacy", "Account", "Sign out"}
	fonts := []string{"DejaVu-Sans", "DejaVu-Serif", "DejaVu-Sans-Mono", "DejaVu-Sans-Condensed"}
	var boxes []image.Rectangle
	labels := map[string]image.Image{}
	label := func(text, font string, px int) image.Image {
		key := text + "|" + font + "|" + strconv.Itoa(px)
		if l, ok := labels[key]; ok {
			return l
		}
		l := detTestLabel(tb, text, font, px, "#222222", "#f3f3f3")
		labels[key] = l
		return l
	}
	i := 0
	for y := 24; y < 1060; y += 40 {
		for x := 30; x < 900; x += 130 {
			px := 11 + i%4 // 11..14 px
			boxes = append(boxes, detTestPaste(m, label(words[i%len(words)], fonts[i%len(fonts)], px), image.Pt(x, y)))
			i++
		}
	}
	sentences := []string{
		"drwxr-xr-x 2 user user 4096 Nov 25 build",
		"Connected to the wireless network",
		"-rw-r--r-- 1 user user 1832 go.mod",
		"Your changes have been saved",
		"Search results for invoice 2024",
		"Battery 87% remaining",
	}
	for j, y := 0, 24; y < 1060; j, y = j+1, y+17 {
		font, px := "DejaVu-Sans-Mono", 13
		if j%2 == 1 {
			font, px = "DejaVu-Sans", 12
		}
		boxes = append(boxes, detTestPaste(m, label(sentences[j%len(sentences)], font, px), image.Pt(1000, y)))
	}
	return m, boxes
}

// detTestRecall returns the share of the text boxes that are found: at
// least 80% of a box covered by regions that do not run it together with
// text on another line (a region holding the centres of boxes on two
// lines merges them).
func detTestRecall(boxes []image.Rectangle, regs []Region) float64 {
	var good []image.Rectangle
	for _, r := range regs {
		rb := r.Quad.Bounds()
		rows := map[int]bool{}
		for _, b := range boxes {
			c := b.Min.Add(b.Max).Div(2)
			if c.In(rb) {
				rows[c.Y] = true
			}
		}
		if len(rows) <= 1 {
			good = append(good, rb)
		}
	}
	found := 0
	for _, b := range boxes {
		in := 0
		for y := b.Min.Y; y < b.Max.Y; y++ {
			for x := b.Min.X; x < b.Max.X; x++ {
				for _, rb := range good {
					if image.Pt(x, y).In(rb) {
						in++
						break
					}
				}
			}
		}
		if float64(in) >= 0.8*float64(b.Dx()*b.Dy()) {
			found++
		}
	}
	return float64(found) / float64(len(boxes))
}

// TestMaxSideRecall measures the recall of small UI text on a 1920×1080
// screen at the default side limit, which must keep at least 95%;
// BenchmarkDetect1080pMaxSide reports the figures for other limits.
func TestMaxSideRecall(t *testing.T) {
	screen, boxes := detTestScreen(t)
	d := detTestDetector(t, DetectorOptions{MaxSide: DefaultMaxSide})
	regs, err := d.Detect(context.Background(), screen)
	if err != nil {
		t.Fatal(err)
	}
	recall, meanIoU, exact := detTestLocalisation(boxes, regs)
	t.Logf("MaxSide %4d: recall %.3f of %d text boxes, %d regions, %d boxes with IoU>0.5, mean best IoU %.3f",
		DefaultMaxSide, recall, len(boxes), len(regs), exact, meanIoU)
	if recall < 0.95 {
		t.Errorf("default MaxSide %d: recall %.3f < 0.95", DefaultMaxSide, recall)
	}
}

// detTestLocalisation returns the recall of the text boxes among regs,
// each box's best IoU with a region averaged (the box grown by the unclip
// distance: what a perfect full-resolution detector gives), and how many
// boxes match a region one to one (IoU > 0.5).
func detTestLocalisation(boxes []image.Rectangle, regs []Region) (recall, meanIoU float64, exact int) {
	sum := 0.0
	for _, b := range boxes {
		w, h := float64(b.Dx()), float64(b.Dy())
		g := int(w*h*1.5/(2*(w+h)) + 0.5)
		b = image.Rect(b.Min.X-g, b.Min.Y-g, b.Max.X+g, b.Max.Y+g)
		best := 0.0
		for _, r := range regs {
			best = max(best, iou(b, r.Quad.Bounds()))
		}
		sum += best
		if best > 0.5 {
			exact++
		}
	}
	return detTestRecall(boxes, regs), sum / float64(len(boxes)), exact
}

// BenchmarkDetect1080pMaxSide times detection of the 1920×1080 screen at
// several side limits and reports each one's recall and mean best IoU.
func BenchmarkDetect1080pMaxSide(b *testing.B) {
	screen, boxes := detTestScreen(b)
	ctx := context.Background()
	for _, side := range []int{960, 1280, 1600, 1920} {
		b.Run("MaxSide="+strconv.Itoa(side), func(b *testing.B) {
			d := detTestDetector(b, DetectorOptions{MaxSide: side})
			var regs []Region
			for b.Loop() {
				var err error
				if regs, err = d.Detect(ctx, screen); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/op")
			recall, meanIoU, _ := detTestLocalisation(boxes, regs)
			b.ReportMetric(recall, "recall")
			b.ReportMetric(meanIoU, "mean-IoU")
		})
	}
}
