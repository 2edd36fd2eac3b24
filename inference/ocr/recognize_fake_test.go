package ocr

import (
	"context"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"math"
	"strings"
	"testing"

	"github.com/describer/describer/inference"
)

// rcFakeRec stands in for the recogniser model: it reads each batch
// item's first pixel (blue channel, normalised) back to the grey level the
// test painted the region with and answers class level/20 + 1 for two
// timesteps, so the decoded text tells which region a line came from.
type rcFakeRec struct {
	classes int
	batches [][]int64
}

func (f *rcFakeRec) Inputs() []inference.IOInfo {
	return []inference.IOInfo{{Name: "x", DType: inference.Float32, Shape: []int64{-1, 3, 48, -1}}}
}

func (f *rcFakeRec) Outputs() []inference.IOInfo {
	return []inference.IOInfo{{Name: "y", DType: inference.Float32, Shape: []int64{-1, -1, int64(f.classes)}}}
}

func (f *rcFakeRec) Run(ctx context.Context, in map[string]inference.Tensor) (map[string]inference.Tensor, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	x := in["x"]
	f.batches = append(f.batches, x.Shape)
	n, plane := int(x.Shape[0]), int(x.Shape[2]*x.Shape[3])
	const T = 2
	out := make([]float32, n*T*f.classes)
	for i := range n {
		v := x.Float32s()[i*3*plane] // first pixel, B
		level := int(math.Round((float64(v)*0.5 + 0.5) * 255))
		k := level/20 + 1
		if k >= f.classes {
			return nil, fmt.Errorf("level %d", level)
		}
		for t := range T {
			out[(i*T+t)*f.classes+k] = 1
		}
	}
	return map[string]inference.Tensor{"y": inference.NewFloat32([]int64{int64(n), T, int64(f.classes)}, out)}, nil
}

func (f *rcFakeRec) Close() error { return nil }

// rcFakeRecognizer returns a Recognizer over a fake session for the
// character set of the letters in keys, the fake and the set.
func rcFakeRecognizer(t *testing.T, keys string) (*Recognizer, *rcFakeRec, *Charset) {
	t.Helper()
	cs, err := ParseCharset([]byte(strings.Join(strings.Split(keys, ""), "\n")))
	if err != nil {
		t.Fatal(err)
	}
	fake := &rcFakeRec{classes: cs.Classes()}
	r, err := newRecognizer(fake, cs)
	if err != nil {
		t.Fatal(err)
	}
	return r, fake, cs
}

func TestRecognizeOrderAndBatching(t *testing.T) {
	r, fake, cs := rcFakeRecognizer(t, "abcdefghijkl")
	r.BatchSize = 3
	img := image.NewRGBA(image.Rect(0, 0, 1000, 400))
	var regs []Region
	var want []string
	// Ten regions of widely varied aspect ratios, each painted its own
	// grey, plus a degenerate one in the middle.
	widths := []int{900, 40, 300, 60, 700, 120, 20, 500, 80, 240}
	for i, w := range widths {
		y := 10 + 35*i
		draw.Draw(img, image.Rect(5, y, 5+w, y+30), image.NewUniform(color.Gray{uint8(20*i + 10)}), image.Point{}, draw.Src)
		regs = append(regs, Region{Quad: Quad{{5, float64(y)}, {float64(5 + w), float64(y)}, {float64(5 + w), float64(y + 30)}, {5, float64(y + 30)}}})
		want = append(want, cs.Char(i+1))
		if i == 4 {
			regs = append(regs, Region{})
			want = append(want, "")
		}
	}
	lines, err := r.Recognize(context.Background(), img, regs)
	if err != nil {
		t.Fatal(err)
	}
	for i, l := range lines {
		if l.Text != want[i] || l.Quad != regs[i].Quad {
			t.Errorf("line %d: %q %v; want %q %v", i, l.Text, l.Quad, want[i], regs[i].Quad)
		}
		if want[i] != "" && l.Confidence != 1 {
			t.Errorf("line %d: confidence %v; want 1", i, l.Confidence)
		}
	}
	if len(fake.batches) != 4 {
		t.Errorf("%d batches for 10 crops of batch size 3", len(fake.batches))
	}
	for _, s := range fake.batches {
		if s[0] > 3 || s[1] != 3 || s[2] != 48 || s[3] < 320 {
			t.Errorf("batch shape %v", s)
		}
	}
	// The widest crop (900×30) sets its batch's width: 48 × 30 = 1440.
	if last := fake.batches[len(fake.batches)-1]; last[3] != 1440 {
		t.Errorf("last batch width %d; want 1440", last[3])
	}
	// A model whose classes disagree with the keys is refused.
	if _, err := newRecognizer(&rcFakeRec{classes: 7}, cs); err == nil {
		t.Error("class count mismatch: no error")
	}
}

// Long lines run fewer to a batch: no batch is wider in total than
// BatchSize crops of recBudgetWidth, so the recogniser's largest input
// stays bounded however long the lines.
func TestRecognizeBatchBudget(t *testing.T) {
	r, fake, _ := rcFakeRecognizer(t, "abcdefgh")
	var crops []*image.RGBA
	// 20 pixels high, so 2.4 input columns for each pixel of width.
	for _, w := range []int{3000, 100, 700, 120, 1200, 140, 500, 800, 600} {
		crops = append(crops, image.NewRGBA(image.Rect(0, 0, w, 20)))
	}
	if _, err := r.RecognizeCrops(context.Background(), crops); err != nil {
		t.Fatal(err)
	}
	// Narrowest first: 100–140 (320 columns), 500 (1200) and 600 (1440)
	// make five of 1440 = 7200, within 6 × 1280 = 7680; 700 (1680) would
	// make six of 1680, so it starts a batch, 800 joins it; 1200 (2880)
	// would make three of 2880, so it starts another, and 3000 (7200,
	// squeezed to the widest, 3840) joins it: two of 3840.
	want := [][]int64{{5, 3, 48, 1440}, {2, 3, 48, 1920}, {2, 3, 48, 3840}}
	if fmt.Sprint(fake.batches) != fmt.Sprint(want) {
		t.Errorf("batches %v; want %v", fake.batches, want)
	}
}
