package main

import (
	"encoding/json"
	"fmt"
	"image/color"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The caption-metric test set, with pycocoevalcap's scores of it.
const (
	evalData        = "../../inference/captioneval/testdata/"
	evalAnnotations = evalData + "captions.json"
	evalResults     = evalData + "results.json"
)

// metricNames are the keys eval --json prints, in its plain order.
var metricNames = []string{"BLEU-1", "BLEU-2", "BLEU-3", "BLEU-4", "METEOR", "ROUGE-L", "CIDEr-D"}

// parseScores reads eval --json's output: one object of the seven metrics.
func parseScores(t *testing.T, stdout string) map[string]float64 {
	t.Helper()
	var got map[string]float64
	if err := json.Unmarshal([]byte(stdout), &got); err != nil || strings.Count(stdout, "\n") != 1 {
		t.Fatalf("not one JSON object of numbers (%v): %q", err, stdout)
	}
	if len(got) != len(metricNames) {
		t.Errorf("%d keys, want %d: %v", len(got), len(metricNames), got)
	}
	for _, k := range metricNames {
		if v, ok := got[k]; !ok || math.IsNaN(v) || v < 0 {
			t.Errorf("%s = %v, %v", k, v, ok)
		}
	}
	return got
}

func TestEvalResultsJSON(t *testing.T) {
	r := run(t, nil, nil, "eval", "--annotations", evalAnnotations, "--results", evalResults, "--json")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	got := parseScores(t, r.stdout)
	b, err := os.ReadFile(evalData + "expected.json")
	if err != nil {
		t.Fatal(err)
	}
	var want map[string]float64
	if err := json.Unmarshal(b, &want); err != nil {
		t.Fatal(err)
	}
	for k, w := range want {
		if math.Abs(got[k]-w) > 1e-9 {
			t.Errorf("%s = %.12f, pycocoevalcap %.12f", k, got[k], w)
		}
	}
	if len(want) != 6 {
		t.Errorf("expected.json holds %d metrics, want 6", len(want))
	}
	checkOneSentence(t, r.stderr, "scoring 10 of the 11 images")
}

func TestEvalResultsPlain(t *testing.T) {
	r := run(t, nil, nil, "eval", "--annotations", evalAnnotations, "--results", evalResults)
	want := "BLEU-1  0.629\nBLEU-2  0.505\nBLEU-3  0.387\nBLEU-4  0.298\nMETEOR  0.278\nROUGE-L 0.498\nCIDEr-D 1.094\n"
	if r.code != 0 || r.stdout != want {
		t.Errorf("exit %d, stdout\n%s\nwant\n%s", r.code, r.stdout, want)
	}
}

// writeEvalFile writes content to name in dir and returns its path.
func writeEvalFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestEvalBadInput(t *testing.T) {
	dir := t.TempDir()
	broken := writeEvalFile(t, dir, "broken.json", `{"images": [`)
	noImages := writeEvalFile(t, dir, "empty.json", `{"images": [], "annotations": []}`)
	other := writeEvalFile(t, dir, "other.json", `[{"image_id": 999, "caption": "a cat"}]`)
	missingFile := writeEvalFile(t, dir, "gone.json", `{"images": [{"id": 1, "file_name": "gone.png"}],
		"annotations": [{"image_id": 1, "caption": "a cat"}]}`)
	ann, res := evalAnnotations, evalResults
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"no annotations flag", []string{"--results", res}, "needs --annotations"},
		{"neither images nor results", []string{"--annotations", ann}, "either --images"},
		{"both images and results", []string{"--annotations", ann, "--results", res, "--images", dir}, "either --images"},
		{"an argument", []string{"--annotations", ann, "--results", res, "extra"}, "no arguments"},
		{"unknown detail", []string{"--annotations", ann, "--results", res, "--detail", "huge"}, "--detail must be"},
		{"missing annotations", []string{"--annotations", filepath.Join(dir, "none.json"), "--results", res}, "(annotations): no such file"},
		{"malformed annotations", []string{"--annotations", broken, "--results", res}, "not COCO JSON"},
		{"no images", []string{"--annotations", noImages, "--results", res}, "no images"},
		{"missing results", []string{"--annotations", ann, "--results", filepath.Join(dir, "none.json")}, "(results): no such file"},
		{"malformed results", []string{"--annotations", ann, "--results", broken}, "not COCO JSON"},
		{"results of other images", []string{"--annotations", ann, "--results", other}, "do not list"},
		{"images folder missing", []string{"--annotations", ann, "--images", filepath.Join(dir, "nowhere")}, "not a folder"},
		{"image missing", []string{"--annotations", missingFile, "--images", dir}, "gone.png is not in"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := run(t, nil, nil, append([]string{"eval"}, tt.args...)...)
			if r.code != 2 || r.stdout != "" {
				t.Errorf("exit %d, stdout %q; want 2 and nothing", r.code, r.stdout)
			}
			checkOneSentence(t, r.stderr, tt.want)
			if !strings.HasSuffix(strings.TrimSpace(r.stderr), ".") {
				t.Errorf("not a sentence: %q", r.stderr)
			}
		})
	}
}

// TestEvalImages captions two generated images with the tiny caption
// fixture and scores the captions: the numbers mean nothing, but all seven
// must be there, with the progress on standard error.
func TestEvalImages(t *testing.T) {
	lib := ortLib(t)
	dir := t.TempDir()
	writePNG(t, dir, "red.png", 64, 48, flat(color.NRGBA{200, 30, 30, 255}))
	writePNG(t, dir, "blue.png", 48, 64, flat(color.NRGBA{30, 30, 200, 255}))
	ann := writeEvalFile(t, dir, "captions.json", `{"images": [{"id": 1, "file_name": "red.png"}, {"id": 2, "file_name": "blue.png"}],
		"annotations": [{"image_id": 1, "caption": "A red square."}, {"image_id": 1, "caption": "Something red."},
		{"image_id": 2, "caption": "A blue square."}, {"image_id": 2, "caption": "Something blue."}]}`)
	r := run(t, nil, nil, "eval", "--annotations", ann, "--images", dir, "--model", fixture, "--ort-lib", lib, "--device", "cpu", "--json")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	parseScores(t, r.stdout)
	for i, name := range []string{"red.png", "blue.png"} {
		if want := fmt.Sprintf("%d of 2, %s: ", i+1, name); !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q: %q", want, r.stderr)
		}
	}
}
