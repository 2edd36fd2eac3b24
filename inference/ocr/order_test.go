package ocr

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
	"time"
)

// ln makes a line with an axis-aligned box.
func ln(text string, x0, y0, x1, y1 float64) Line {
	return Line{Text: text, Quad: Quad{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}}}
}

// skewed makes a line whose box is rotated by slope (dy/dx) about (x0, y0).
func skewed(text string, x0, y0, w, h, slope float64) Line {
	c, s := 1/math.Hypot(1, slope), slope/math.Hypot(1, slope)
	pt := func(dx, dy float64) Point { return Point{x0 + dx*c - dy*s, y0 + dx*s + dy*c} }
	return Line{Text: text, Quad: Quad{pt(0, 0), pt(w, 0), pt(w, h), pt(0, h)}}
}

func texts(lines []Line) string {
	var b strings.Builder
	for i, l := range lines {
		if i > 0 {
			b.WriteString("|")
		}
		b.WriteString(l.Text)
	}
	return b.String()
}

func blocks(lines []Line) []int {
	out := make([]int, len(lines))
	for i, l := range lines {
		out[i] = l.Block
	}
	return out
}

func reversed(lines []Line) []Line {
	r := slices.Clone(lines)
	slices.Reverse(r)
	return r
}

func TestOrder(t *testing.T) {
	tests := []struct {
		name   string
		in     []Line
		want   string
		blocks []int // nil: not checked
	}{
		{name: "empty", in: nil, want: ""},
		{
			name: "single column paragraph",
			in: reversed([]Line{
				ln("The quick brown fox", 20, 20, 300, 36),
				ln("jumps over the lazy", 20, 42, 290, 58),
				ln("dog.", 20, 64, 80, 80),
			}),
			want:   "The quick brown fox|jumps over the lazy|dog.",
			blocks: []int{0, 0, 0},
		},
		{
			name: "two paragraphs",
			in: []Line{
				ln("p2 a", 20, 120, 300, 136),
				ln("p1 a", 20, 20, 300, 36),
				ln("p1 b", 20, 42, 300, 58),
				ln("p2 b", 20, 142, 300, 158),
			},
			want:   "p1 a|p1 b|p2 a|p2 b",
			blocks: []int{0, 0, 1, 1},
		},
		{
			name: "two columns under a title",
			in: []Line{
				ln("R1", 420, 60, 760, 76), ln("L1", 20, 60, 360, 76),
				ln("R2", 420, 82, 760, 98), ln("L2", 20, 82, 360, 98),
				ln("R3", 420, 104, 700, 120), ln("L3", 20, 104, 300, 120),
				ln("Title", 300, 20, 480, 40),
			},
			want:   "Title|L1|L2|L3|R1|R2|R3",
			blocks: []int{0, 1, 1, 1, 2, 2, 2},
		},
		{
			name: "sidebar and content",
			in: []Line{
				ln("Home", 10, 50, 80, 66), ln("Documents", 10, 80, 140, 96), ln("Music", 10, 110, 90, 126),
				ln("Lorem ipsum dolor sit amet,", 260, 50, 900, 66),
				ln("consectetur adipiscing elit.", 260, 72, 880, 88),
				ln("Window title", 800, 8, 1000, 24),
			},
			want: "Window title|Home|Documents|Music|Lorem ipsum dolor sit amet,|consectetur adipiscing elit.",
		},
		{
			name: "menu bar",
			in: []Line{
				ln("Help", 330, 4, 370, 20), ln("File", 8, 4, 40, 20), ln("Edit", 60, 5, 95, 21),
				ln("View", 115, 4, 155, 20), ln("Insert", 175, 3, 225, 20), ln("Format", 245, 4, 300, 20),
				ln("Tools", 290, 4, 320, 19),
			},
			want:   "File|Edit|View|Insert|Format|Tools|Help",
			blocks: []int{0, 0, 0, 0, 0, 0, 0},
		},
		{
			name: "menu bar above content",
			in: []Line{
				ln("Hello world", 20, 60, 400, 76), ln("File", 8, 4, 40, 20), ln("Edit", 60, 4, 95, 20),
				ln("second line", 20, 82, 380, 98), ln("View", 115, 4, 155, 20),
			},
			want:   "File|Edit|View|Hello world|second line",
			blocks: []int{0, 0, 0, 1, 1},
		},
		{
			name: "dialog",
			in: []Line{
				ln("Cancel", 330, 120, 400, 140), ln("Save", 100, 120, 150, 140), ln("Don't Save", 190, 120, 290, 140),
				ln("Your changes will be lost if you don't save them.", 20, 60, 420, 76),
				ln("Save changes to document?", 20, 20, 300, 38),
			},
			want:   "Save changes to document?|Your changes will be lost if you don't save them.|Save|Don't Save|Cancel",
			blocks: []int{0, 0, 1, 1, 1}, // the heading stays with its message; the buttons stand apart
		},
		{
			name: "slightly skewed lines",
			in: []Line{
				skewed("third", 22, 70, 600, 16, 0.04),
				skewed("first", 20, 20, 600, 16, 0.04),
				skewed("second", 21, 45, 600, 16, 0.04),
			},
			want: "first|second|third",
		},
		{
			name: "skewed row of words",
			in: []Line{
				skewed("c", 420, 36, 180, 16, 0.04),
				skewed("a", 20, 20, 180, 16, 0.04),
				skewed("b", 220, 28, 180, 16, 0.04),
				skewed("next", 20, 52, 580, 16, 0.04),
			},
			want: "a|b|c|next",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := slices.Clone(tt.in)
			got := Order(tt.in)
			if s := texts(got); s != tt.want {
				t.Errorf("Order = %q, want %q", s, tt.want)
			}
			if tt.blocks != nil && !slices.Equal(blocks(got), tt.blocks) {
				t.Errorf("blocks = %v, want %v", blocks(got), tt.blocks)
			}
			if !slices.EqualFunc(in, tt.in, func(a, b Line) bool { return a == b }) {
				t.Error("Order modified its input")
			}
		})
	}
}

func FuzzOrder(f *testing.F) {
	f.Add([]byte{10, 10, 50, 8, 10, 30, 50, 8, 100, 10, 40, 8})
	f.Add([]byte{0, 0, 0, 0})
	f.Add([]byte{255, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19})
	f.Fuzz(func(t *testing.T, data []byte) {
		var lines []Line
		for i := 0; i+4 <= len(data) && len(lines) < 200; i += 4 {
			x, y := float64(data[i])*8, float64(data[i+1])*4
			w, h := float64(data[i+2])*2, float64(data[i+3]%40)
			slope := (float64(data[i]%7) - 3) / 50
			l := skewed(string(rune('a'+len(lines)%26)), x, y, w, h, slope)
			l.Confidence = float64(len(lines)) // identity tag
			if data[i+3] == 255 {
				l.Quad[1].X = math.NaN()
			}
			if data[i+2] == 255 {
				l.Quad[2].Y = math.Inf(1)
			}
			lines = append(lines, l)
		}
		got := Order(lines)
		if len(got) != len(lines) {
			t.Fatalf("len = %d, want %d", len(got), len(lines))
		}
		seen := make([]bool, len(lines))
		for _, l := range got {
			i := int(l.Confidence)
			if seen[i] {
				t.Fatalf("line %d twice", i)
			}
			seen[i] = true
			if l.Block < 0 || l.Block >= len(lines) {
				t.Fatalf("block %d out of range", l.Block)
			}
		}
	})
}

// grid lays out cells as a table: rows of cells at the given column
// lefts, each cell w wide (0: 8 px a character), rows pitch apart, h high.
func grid(x []float64, y0, pitch, h float64, rows ...[]string) []Line {
	var out []Line
	for r, cells := range rows {
		for c, text := range cells {
			if text == "" {
				continue
			}
			top := y0 + float64(r)*pitch
			out = append(out, ln(text, x[c], top, x[c]+8*float64(len(text)), top+h))
		}
	}
	return out
}

func TestOrderReadsTablesFormsAndMenusByRows(t *testing.T) {
	tests := []struct {
		name string
		in   []Line
		want string
	}{
		{
			name: "file manager table",
			in: grid([]float64{20, 260, 380, 500}, 40, 24, 14,
				[]string{"Name", "Size", "Type", "Modified"},
				[]string{"photo_031.jpg", "30 KB", "Image", "Jul 13, 2023"},
				[]string{"contract.pdf", "799 KB", "PDF", "Jul 20, 2022"},
				[]string{"setup.exe", "341 KB", "Program", "Jan 2, 2024"},
				[]string{"notes.txt", "2 KB", "Text", "Mar 3, 2021"}),
			want: "Name Size Type Modified\nphoto_031.jpg 30 KB Image Jul 13, 2023\ncontract.pdf 799 KB PDF Jul 20, 2022\n" +
				"setup.exe 341 KB Program Jan 2, 2024\nnotes.txt 2 KB Text Mar 3, 2021",
		},
		{
			name: "edit menu with shortcuts",
			in: grid([]float64{30, 200}, 30, 26, 14,
				[]string{"Undo", "Ctrl+Z"}, []string{"Redo", "Ctrl+Y"}, []string{"Cut", "Ctrl+X"},
				[]string{"Copy", "Ctrl+C"}, []string{"Paste", "Ctrl+V"}),
			want: "Undo Ctrl+Z\nRedo Ctrl+Y\nCut Ctrl+X\nCopy Ctrl+C\nPaste Ctrl+V",
		},
		{
			name: "settings form",
			in: grid([]float64{20, 220}, 20, 36, 16,
				[]string{"Name:", "Ada Lovelace"}, []string{"Email:", "ada@example.org"},
				[]string{"Language:", "English"}, []string{"Time zone:", "Europe/London"}),
			want: "Name: Ada Lovelace\nEmail: ada@example.org\nLanguage: English\nTime zone: Europe/London",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := Result{Lines: Order(reversed(tc.in))}.Text()
			if got != tc.want {
				t.Errorf("read as\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
}

func TestOrderReadsProseColumnsAndCardsOneAtATime(t *testing.T) {
	// Two articles side by side, in one font: their baselines match, yet
	// each column is read to its end before the next.
	var article []Line
	for r := range 4 {
		y := 40 + 22*float64(r)
		article = append(article, ln(fmt.Sprintf("left column line %d of the story", r+1), 20, y, 380, y+16),
			ln(fmt.Sprintf("right column line %d of the other", r+1), 420, y, 780, y+16))
	}
	got := Result{Lines: Order(reversed(article))}.Text()
	want := "left column line 1 of the story\nleft column line 2 of the story\nleft column line 3 of the story\n" +
		"left column line 4 of the story\nright column line 1 of the other\nright column line 2 of the other\n" +
		"right column line 3 of the other\nright column line 4 of the other"
	if got != want {
		t.Errorf("articles read as\n%s\nwant\n%s", got, want)
	}
	// Dashboard tiles: a small title over a big figure over a note.
	var cards []Line
	for c, name := range []string{"Revenue", "Users", "Orders"} {
		x := 20 + 260*float64(c)
		cards = append(cards, ln(name, x, 30, x+80, 44), ln(fmt.Sprintf("%d,400", c+1), x, 56, x+120, 92),
			ln("up 4% this week", x, 104, x+130, 118))
	}
	got = Result{Lines: Order(reversed(cards))}.Text()
	want = "Revenue\n1,400\nup 4% this week\nUsers\n2,400\nup 4% this week\nOrders\n3,400\nup 4% this week"
	if got != want {
		t.Errorf("cards read as\n%s\nwant\n%s", got, want)
	}
}

// BenchmarkOrder300 orders a dense screen of 300 lines: a window title, a
// sidebar of 20 items, and a 56-row table of 5 columns beside it.
func BenchmarkOrder300(b *testing.B) {
	lines := []Line{ln("Files - Describer test window", 700, 4, 1000, 20)}
	for i := range 20 {
		y := 60 + 40*float64(i)
		lines = append(lines, ln(fmt.Sprintf("Folder %d", i), 10, y, 120, y+14))
	}
	for r := range 56 {
		for c := range 5 {
			x, y := 300+280*float64(c), 40+18*float64(r)
			lines = append(lines, ln(fmt.Sprintf("cell %d.%d", r, c), x, y, x+90, y+13))
		}
	}
	lines = lines[:300]
	start := time.Now()
	for b.Loop() {
		Order(lines)
	}
	b.ReportMetric(float64(time.Since(start).Microseconds())/1000/float64(b.N), "ms/screen")
}
