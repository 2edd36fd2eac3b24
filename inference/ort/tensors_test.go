package ort

import (
	"maps"
	"strings"
	"testing"

	"github.com/describer/describer/inference"
)

func TestCheckInputs(t *testing.T) {
	decls := []ioDecl{
		{"pixels", onnxFloat, []int64{1, 3, 224, 224}},
		{"ids", onnxInt64, []int64{1, -1}},
		{"mask", onnxBool, nil}, // no declared shape: any shape goes
	}
	ok := map[string]inference.Tensor{
		"pixels": inference.NewFloat32([]int64{1, 3, 224, 224}, make([]float32, 3*224*224)),
		"ids":    inference.NewInt64([]int64{1, 0}, nil),
		"mask":   inference.NewBool([]int64{2, 2}, make([]bool, 4)),
	}
	// with returns ok with name set to t, or removed when t is the zero Tensor.
	with := func(name string, t inference.Tensor) map[string]inference.Tensor {
		m := maps.Clone(ok)
		if t.Data == nil && t.Shape == nil {
			delete(m, name)
		} else {
			m[name] = t
		}
		return m
	}
	tests := []struct {
		name   string
		inputs map[string]inference.Tensor
		want   string
	}{
		{"missing", with("ids", inference.Tensor{}), `ort: m.onnx: input "ids" is missing`},
		{"unknown name", with("idz", inference.NewInt64([]int64{1}, []int64{1})),
			`ort: m.onnx has no input named "idz"; its inputs are "pixels", "ids", "mask"`},
		{"dtype", with("ids", inference.NewFloat32([]int64{1, 1}, []float32{1})),
			`ort: m.onnx: input "ids" is float32; the model wants int64`},
		{"unsupported go type", with("ids", inference.Tensor{Shape: []int64{1}, Data: []int32{1}}),
			`ort: m.onnx: input "ids" holds []int32; want []float32, []int64 or []bool`},
		{"rank", with("pixels", inference.NewFloat32([]int64{3, 224, 224}, make([]float32, 3*224*224))),
			`ort: m.onnx: input "pixels" has shape [3 224 224] (rank 3); the model wants rank 4 [1 3 224 224]`},
		{"static dim", with("pixels", inference.NewFloat32([]int64{1, 3, 224, 225}, make([]float32, 3*224*225))),
			`ort: m.onnx: input "pixels" has shape [1 3 224 225]; the model wants [1 3 224 224] (dimension 3 must be 224)`},
		{"length", with("ids", inference.NewInt64([]int64{1, 3}, []int64{1, 2})),
			`ort: m.onnx: input "ids" has 2 elements but shape [1 3] needs 3`},
		{"negative dim", with("ids", inference.NewInt64([]int64{1, -2}, nil)),
			`ort: m.onnx: input "ids": shape [1 -2] has negative dimension 1`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkWant(t, checkInputs("m.onnx", decls, tt.inputs), tt.want)
		})
	}
	t.Run("type Describer cannot feed", func(t *testing.T) {
		half := []ioDecl{{"half", 10, []int64{2}}}
		in := map[string]inference.Tensor{"half": inference.NewFloat32([]int64{2}, []float32{1, 2})}
		checkWant(t, checkInputs("m.onnx", half, in), `ort: m.onnx: input "half" is float16, which Describer cannot feed`)
	})
	t.Run("several problems at once", func(t *testing.T) {
		in := with("ids", inference.Tensor{})
		in["pixels"] = inference.NewInt64([]int64{1}, []int64{1})
		err := checkInputs("m.onnx", decls, in)
		checkWant(t, err, `input "ids" is missing`)
		checkWant(t, err, `input "pixels" is int64`)
	})
	if err := checkInputs("m.onnx", decls, ok); err != nil {
		t.Errorf("valid inputs: %v", err)
	}
}

func checkWant(t *testing.T, err error, want string) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error; want %q", want)
	}
	if !strings.Contains(err.Error(), want) {
		t.Errorf("err = %q\nwant it to contain %q", err, want)
	}
}
