package inference

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
)

// GraphFile returns the path of graph name under dir/onnx, named as
// transformers.js names a dtype's file (utils/dtypes.js): the _quantized
// (q8) variant when quantized is set, else the fp32 one; when only one of
// them is there, that one.
func GraphFile(dir, name string, quantized bool) (string, error) {
	fp32 := filepath.Join(dir, "onnx", name+".onnx")
	q8 := filepath.Join(dir, "onnx", name+"_quantized.onnx")
	want, other := fp32, q8
	if quantized {
		want, other = q8, fp32
	}
	for _, p := range []string{want, other} {
		if _, err := os.Stat(p); err == nil {
			return p, nil
		}
	}
	return "", fmt.Errorf("%w: %s has neither %s nor %s", ErrNoModel, filepath.Join(dir, "onnx"), filepath.Base(fp32), filepath.Base(q8))
}

// CheckFolder returns nil when dir holds each of files and one variant of
// each of graphs (see GraphFile); otherwise an error wrapping ErrBadModel
// that names the first one missing.
func CheckFolder(dir string, files, graphs []string) error {
	for _, f := range files {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			return fmt.Errorf("%w: %s has no %s", ErrBadModel, dir, f)
		}
	}
	for _, name := range graphs {
		if _, err := GraphFile(dir, name, true); err != nil {
			return fmt.Errorf("%w: %w", ErrBadModel, err)
		}
	}
	return nil
}

// ModelType returns the model_type that dir's config.json names, or ""
// when the file is missing or cannot be read as JSON.
func ModelType(dir string) string {
	data, err := os.ReadFile(filepath.Join(dir, "config.json"))
	if err != nil {
		return ""
	}
	var c struct {
		ModelType string `json:"model_type"`
	}
	if json.Unmarshal(data, &c) != nil {
		return ""
	}
	return c.ModelType
}
