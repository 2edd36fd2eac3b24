package ort

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/describer/describer/inference"
)

// checkInputs checks inputs against the model's declared inputs before ONNX
// Runtime sees them, so that a mistake is reported by input name rather
// than as an ONNX Runtime failure. model names the model in messages.
func checkInputs(model string, decls []ioDecl, inputs map[string]inference.Tensor) error {
	var errs []error
	for _, d := range decls {
		t, ok := inputs[d.Name]
		if !ok {
			errs = append(errs, fmt.Errorf("ort: %s: input %q is missing", model, d.Name))
			continue
		}
		if err := checkInput(d, t); err != nil {
			errs = append(errs, fmt.Errorf("ort: %s: %w", model, err))
		}
	}
	if extra := unknownNames(decls, inputs); len(extra) > 0 {
		errs = append(errs, fmt.Errorf("ort: %s has no input named %s; its inputs are %s",
			model, strings.Join(extra, ", "), quotedNames(decls)))
	}
	return errors.Join(errs...)
}

// checkInput checks one tensor against its declaration.
func checkInput(d ioDecl, t inference.Tensor) error {
	got := t.DType()
	if got == 0 {
		return fmt.Errorf("input %q holds %T; want []float32, []int64 or []bool", d.Name, t.Data)
	}
	if want := dtypeOf(d.Elem); want == 0 {
		return fmt.Errorf("input %q is %s, which Describer cannot feed", d.Name, elemTypeName(d.Elem))
	} else if got != want {
		return fmt.Errorf("input %q is %s; the model wants %s", d.Name, got, want)
	}
	n, err := elementCount(t.Shape)
	if err != nil {
		return fmt.Errorf("input %q: %w", d.Name, err)
	}
	if l := dataLen(t); l != n {
		return fmt.Errorf("input %q has %d elements but shape %v needs %d", d.Name, l, t.Shape, n)
	}
	if d.Shape == nil {
		return nil // the model declares no shape
	}
	if len(t.Shape) != len(d.Shape) {
		return fmt.Errorf("input %q has shape %v (rank %d); the model wants rank %d %v",
			d.Name, t.Shape, len(t.Shape), len(d.Shape), d.Shape)
	}
	for i, want := range d.Shape {
		if want >= 0 && t.Shape[i] != want {
			return fmt.Errorf("input %q has shape %v; the model wants %v (dimension %d must be %d)",
				d.Name, t.Shape, d.Shape, i, want)
		}
	}
	return nil
}

// elementCount returns the number of elements shape describes.
func elementCount(shape []int64) (int, error) {
	n := int64(1)
	for i, d := range shape {
		if d < 0 {
			return 0, fmt.Errorf("shape %v has negative dimension %d", shape, i)
		}
		if d > 0 && n > math.MaxInt/d {
			return 0, fmt.Errorf("shape %v is too large", shape)
		}
		n *= d
	}
	return int(n), nil
}

// dataLen returns the length of t's data slice.
func dataLen(t inference.Tensor) int {
	switch d := t.Data.(type) {
	case []float32:
		return len(d)
	case []int64:
		return len(d)
	case []bool:
		return len(d)
	}
	return -1
}

// unknownNames returns the sorted, quoted names in inputs that decls lacks.
func unknownNames(decls []ioDecl, inputs map[string]inference.Tensor) []string {
	var extra []string
	for name := range inputs {
		if !slices.ContainsFunc(decls, func(d ioDecl) bool { return d.Name == name }) {
			extra = append(extra, fmt.Sprintf("%q", name))
		}
	}
	slices.Sort(extra)
	return extra
}

func quotedNames(decls []ioDecl) string {
	names := make([]string, len(decls))
	for i, d := range decls {
		names[i] = fmt.Sprintf("%q", d.Name)
	}
	return strings.Join(names, ", ")
}
