package app

import (
	"math"
	"time"
)

// Result is one description as "describer describe --json" prints it:
// one JSON object per image.
type Result struct {
	// Source names the image: a file, "-", or the capture ("screen").
	Source string `json:"source"`
	// Caption and Confidence (0–1, four decimals) are the caption's.
	Caption    string  `json:"caption"`
	Confidence float64 `json:"confidence"`
	// Blank is true for a near-uniform image.
	Blank bool `json:"blank"`
	// Width and Height are the image's size in pixels.
	Width  int `json:"width,omitempty"`
	Height int `json:"height,omitempty"`
	// Model is the caption model's folder.
	Model string `json:"model"`
	// Device is where the models ran; DeviceNote why not on a GPU.
	Device     string `json:"device"`
	DeviceNote string `json:"device_note,omitempty"`
	// Text is the text read, lines joined by newlines; nil when no text
	// was asked for.
	Text *string `json:"text,omitempty"`
	// Lines are the lines of text with their boxes.
	Lines []ResultLine `json:"lines,omitempty"`
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
		Width: d.Width, Height: d.Height,
		Timings: &ResultTimings{Read: Millis(read), Preprocess: Millis(d.Timings.Preprocess), Encode: Millis(d.Timings.Encode),
			Decode: Millis(d.Timings.Decode), OCR: Millis(d.OCRTime), Total: Millis(total)},
	}
	if d.Lines != nil {
		text := d.Text()
		r.Text = &text
		for _, ln := range d.Lines {
			b := ln.Box()
			r.Lines = append(r.Lines, ResultLine{Text: ln.Text, Box: [4]int{b.Min.X, b.Min.Y, b.Max.X, b.Max.Y},
				Confidence: round4(ln.Confidence)})
		}
	}
	return r
}

// Millis renders d in milliseconds, to a tenth.
func Millis(d time.Duration) float64 { return math.Round(float64(d)/1e5) / 10 }

func round4(f float64) float64 { return math.Round(f*1e4) / 1e4 }
