//go:build ocrpeer

// Command ocr-peer runs Describer's OCR on the test screens and prints, per
// image, one JSON line: {"name", "ms", "cer", "text"}, the text being
// Result.Text() as the app speaks it. run.sh runs it next to the Node peer.
// With -score it runs no OCR: it scores such JSON lines, ours and the
// peer's, against each set's ground truth and prints the accuracy table
// (eval.sh, `make eval-ocr`). Build tag ocrpeer keeps it out of ordinary
// builds.
//
//	go run -tags ocrpeer ./bench/ocr-peer -models DIR -screens DIR
//	go run -tags ocrpeer ./bench/ocr-peer -score -results DIR [-v] NAME=DIR...
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"image"
	_ "image/png"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/describer/describer/inference/ocr"
	"github.com/describer/describer/inference/ort"
	describermodels "github.com/describer/describer/models"
)

type row struct {
	Name string  `json:"name"`
	MS   float64 `json:"ms"`
	CER  float64 `json:"cer"`
	Text string  `json:"text"`
}

func main() {
	models := flag.String("models", "", "directory of the PP-OCRv4 models")
	screens := flag.String("screens", "inference/ocr/testdata/screens", "directory of PNG images with .txt ground truth")
	runs := flag.Int("runs", 3, "timed runs per image (the median is reported)")
	lib := flag.String("ort-lib", "", "ONNX Runtime library (default: Describer's usual search)")
	data := flag.String("data", describermodels.DataDir(), "Describer data directory")
	threads := flag.Int("threads", 0, "intra-op threads (0: default)")
	scoreOnly := flag.Bool("score", false, "score the JSON lines in -results for each NAME=DIR argument instead of running OCR")
	results := flag.String("results", ".", "with -score: folder of NAME.ours.jsonl and NAME.peer.jsonl")
	verbose := flag.Bool("v", false, "with -score: print each image's figures too")
	flag.Parse()
	if *scoreOnly {
		if err := score(os.Stdout, *results, flag.Args(), *verbose); err != nil {
			fmt.Fprintln(os.Stderr, "ocr-peer:", err)
			os.Exit(1)
		}
		return
	}
	if err := run(*models, *screens, *lib, *data, *threads, *runs); err != nil {
		fmt.Fprintln(os.Stderr, "ocr-peer:", err)
		os.Exit(1)
	}
}

func run(models, screens, lib, data string, threads, runs int) error {
	rt, err := ort.Open(ort.Options{LibraryPath: lib, DataDir: data, Device: ort.DeviceCPU, Threads: threads, Spin: true})
	if err != nil {
		return err
	}
	defer rt.Close()
	eng, err := ocr.Open(models, rt.Opener())
	if err != nil {
		return err
	}
	defer eng.Close()
	files, err := filepath.Glob(filepath.Join(screens, "*.png"))
	if err != nil {
		return err
	}
	ctx := context.Background()
	enc := json.NewEncoder(os.Stdout)
	for i, f := range files {
		truth, err := os.ReadFile(strings.TrimSuffix(f, ".png") + ".txt")
		if err != nil {
			return err
		}
		if i == 0 { // warm-up, as the peer does
			if _, err := readAndOCR(ctx, eng, f); err != nil {
				return err
			}
		}
		var res ocr.Result
		times := make([]float64, 0, runs)
		for range max(runs, 1) {
			// Timed from the file, as the peer's detect(path) is.
			t0 := time.Now()
			res, err = readAndOCR(ctx, eng, f)
			if err != nil {
				return fmt.Errorf("%s: %w", f, err)
			}
			times = append(times, float64(time.Since(t0).Microseconds())/1000)
		}
		slices.Sort(times)
		text := res.Text()
		ref := strings.TrimRight(string(truth), "\n")
		if err := enc.Encode(row{filepath.Base(f), times[len(times)/2], ocr.CER(ref, text), text}); err != nil {
			return err
		}
	}
	return nil
}

func readAndOCR(ctx context.Context, eng *ocr.Engine, path string) (ocr.Result, error) {
	img, err := readPNG(path)
	if err != nil {
		return ocr.Result{}, err
	}
	return eng.Read(ctx, img)
}

func readPNG(path string) (image.Image, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	img, _, err := image.Decode(f)
	return img, err
}
