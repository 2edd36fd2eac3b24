package app

import (
	"image"
	"math"
	"time"

	"github.com/describer/describer/inference/ocr"
)

// Result is one description as "describer describe --json" prints it:
// one JSON object per image.
type Result struct {
	// Source names the image: a file, "-", or the capture ("screen").
	Source string `json:"source"`
	// Caption and Confidence (0–1, four decimals) are the caption's.
	Caption    string  `json:"caption"`
	Confidence float64 `json:"confidence"`
	// Language is the language Caption was translated into ("de"), and
	// EnglishCaption the caption model's English; both empty when the
	// caption is the model's own.
	Language       string `json:"language,omitempty"`
	EnglishCaption string `json:"english_caption,omitempty"`
	// Blank is true for a near-uniform image.
	Blank bool `json:"blank"`
	// Width and Height are the image's size in pixels.
	Width  int `json:"width,omitempty"`
	Height int `json:"height,omitempty"`
	// Model is the caption model's folder.
	Model string `json:"model"`
	// Detail is the level a Florence-2 caption was asked for: brief,
	// detailed or paragraph; empty for other models.
	Detail string `json:"detail,omitempty"`
	// Device is where the models ran; DeviceNote why not on a GPU.
	Device     string `json:"device"`
	DeviceNote string `json:"device_note,omitempty"`
	// Text is the text read, lines joined by newlines; nil when no text
	// was asked for.
	Text *string `json:"text,omitempty"`
	// Lines are the lines of text with their boxes.
	Lines []ResultLine `json:"lines,omitempty"`
	// Blocks are the text's blocks in reading order, each with its rows.
	Blocks []ResultBlock `json:"blocks,omitempty"`
	// Timings are in milliseconds, to a tenth.
	Timings *ResultTimings `json:"timings_ms,omitempty"`
	// Error is the sentence of a failure.
	Error string `json:"error,omitempty"`
}

// ResultLine is one line of text in a Result.
type ResultLine struct {
	// Text is the line's text.
	Text string `json:"text"`
	// Box is the line's box: left, top, right, bottom, in pixels.
	Box [4]int `json:"box"`
	// Confidence is the recogniser's, 0–1, four decimals.
	Confidence float64 `json:"confidence"`
}

// ResultBlock is one block of text in a Result: a paragraph, a column, a
// table, a menu.
type ResultBlock struct {
	// Box is the block's box: left, top, right, bottom, in pixels.
	Box [4]int `json:"box"`
	// Rows are its rows, top to bottom.
	Rows []ResultRow `json:"rows"`
}

// ResultRow is one row of a block: its lines joined by a space.
type ResultRow struct {
	Text string `json:"text"`
	Box  [4]int `json:"box"`
}

// ResultTimings are a Result's timings in milliseconds.
type ResultTimings struct {
	Load       float64 `json:"load"`
	Read       float64 `json:"read"`
	Preprocess float64 `json:"preprocess"`
	Encode     float64 `json:"encode"`
	Decode     float64 `json:"decode"`
	OCR        float64 `json:"ocr"`
	Total      float64 `json:"total"`
}

// NewResult renders d; read is how long reading the image took, total the
// whole description's time.
func NewResult(d Description, read, total time.Duration) Result {
	r := Result{
		Source: d.Source, Caption: d.Caption, Confidence: round4(d.Confidence), Blank: d.Blank,
		Width: d.Width, Height: d.Height, Language: d.Language, EnglishCaption: d.EnglishCaption,
		Timings: &ResultTimings{Read: Millis(read), Preprocess: Millis(d.Timings.Preprocess), Encode: Millis(d.Timings.Encode),
			Decode: Millis(d.Timings.Decode), OCR: Millis(d.OCRTime), Total: Millis(total)},
	}
	if d.Lines != nil {
		text := d.Text()
		r.Text = &text
		for _, ln := range d.Lines {
			b := ln.Box()
			r.Lines = append(r.Lines, ResultLine{Text: ln.Text, Box: box4(b), Confidence: round4(ln.Confidence)})
		}
		r.Blocks = resultBlocks(ocr.Result{Lines: d.Lines}.Blocks())
	}
	return r
}

func resultBlocks(blocks []ocr.Block) []ResultBlock {
	out := make([]ResultBlock, len(blocks))
	for i, b := range blocks {
		out[i].Box = box4(b.Box())
		for _, row := range b.Rows {
			out[i].Rows = append(out[i].Rows, ResultRow{Text: row.Text(), Box: box4(row.Box())})
		}
	}
	return out
}

func box4(r image.Rectangle) [4]int { return [4]int{r.Min.X, r.Min.Y, r.Max.X, r.Max.Y} }

// Millis renders d in milliseconds, to a tenth.
func Millis(d time.Duration) float64 { return math.Round(float64(d)/1e5) / 10 }

func round4(f float64) float64 { return math.Round(f*1e4) / 1e4 }
