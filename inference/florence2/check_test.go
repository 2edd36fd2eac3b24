package florence2

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/describer/describer/inference"
)

// Check accepts a folder with one variant of each graph (the q8 download
// or the fp32 one) and names the first file a partial folder lacks.
func TestCheckNamesWhatIsMissing(t *testing.T) {
	src := filepath.Join("testdata", "tiny")
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
	if err := Check(dir); err != nil {
		t.Fatalf("the whole fixture: %v", err)
	}
	for _, name := range graphNames {
		if err := os.Remove(filepath.Join(dir, "onnx", name+".onnx")); err != nil {
			t.Fatal(err)
		}
	}
	if err := Check(dir); err != nil {
		t.Errorf("the q8 graphs alone: %v", err)
	}
	if err := os.Remove(filepath.Join(dir, "onnx", "encoder_model_quantized.onnx")); err != nil {
		t.Fatal(err)
	}
	if err := Check(dir); !errors.Is(err, inference.ErrBadModel) || !strings.Contains(err.Error(), "encoder_model_quantized.onnx") {
		t.Errorf("without the encoder: %v; want ErrBadModel naming it", err)
	}
	if err := Check(t.TempDir()); !errors.Is(err, inference.ErrNoModel) {
		t.Errorf("an empty folder: %v; want ErrNoModel", err)
	}
}
