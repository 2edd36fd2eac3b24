package app_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/describer/describer/app"
	"github.com/describer/describer/inference/ocr"
)

func TestResultJSON(t *testing.T) {
	q := ocr.Quad{{X: 10, Y: 20}, {X: 110, Y: 20}, {X: 110, Y: 40}, {X: 10, Y: 40}}
	d := app.Description{Source: "a.png", Width: 200, Height: 100, Caption: "a cat", Confidence: 0.123456,
		Lines: []ocr.Line{{Text: "Hello", Quad: q, Confidence: 0.98765}}, OCRTime: 12340 * time.Microsecond}
	b, err := json.Marshal(app.NewResult(d, 1500*time.Microsecond, 20*time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	const want = `{"source":"a.png","caption":"a cat","confidence":0.1235,"blank":false,"width":200,"height":100,` +
		`"model":"","device":"","text":"Hello","lines":[{"text":"Hello","box":[10,20,110,40],"confidence":0.9877}],` +
		`"blocks":[{"box":[10,20,110,40],"rows":[{"text":"Hello","box":[10,20,110,40]}]}],` +
		`"timings_ms":{"load":0,"read":1.5,"preprocess":0,"encode":0,"decode":0,"ocr":12.3,"total":20}}`
	if string(b) != want {
		t.Errorf("JSON\n%s\nwant\n%s", b, want)
	}
}
