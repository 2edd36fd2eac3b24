package inference

import (
	"context"
	"fmt"
)

// DType is the element type of a tensor.
type DType int

// The element types the models in this project use.
const (
	Float32 DType = iota + 1
	Int64
	Bool
)

// String returns the ONNX name of the element type.
func (d DType) String() string {
	switch d {
	case Float32:
		return "float32"
	case Int64:
		return "int64"
	case Bool:
		return "bool"
	}
	return fmt.Sprintf("dtype(%d)", int(d))
}

// Tensor is a dense row-major tensor held in plain Go memory. Data is a
// []float32, []int64 or []bool whose length is the product of Shape.
type Tensor struct {
	// Shape lists the dimensions, outermost first; a dimension may be 0.
	Shape []int64
	// Data holds the elements in row-major order.
	Data any
}

// NewFloat32 returns a float32 tensor over data.
func NewFloat32(shape []int64, data []float32) Tensor { return Tensor{Shape: shape, Data: data} }

// NewInt64 returns an int64 tensor over data.
func NewInt64(shape []int64, data []int64) Tensor { return Tensor{Shape: shape, Data: data} }

// NewBool returns a bool tensor over data.
func NewBool(shape []int64, data []bool) Tensor { return Tensor{Shape: shape, Data: data} }

// DType reports the element type of t, or 0 if Data holds another type.
func (t Tensor) DType() DType {
	switch t.Data.(type) {
	case []float32:
		return Float32
	case []int64:
		return Int64
	case []bool:
		return Bool
	}
	return 0
}

// Float32s returns the data of a float32 tensor, or nil for another type.
func (t Tensor) Float32s() []float32 { d, _ := t.Data.([]float32); return d }

// Int64s returns the data of an int64 tensor, or nil for another type.
func (t Tensor) Int64s() []int64 { d, _ := t.Data.([]int64); return d }

// Len returns the number of elements that Shape describes.
func (t Tensor) Len() int {
	n := int64(1)
	for _, d := range t.Shape {
		n *= d
	}
	return int(n)
}

// IOInfo describes one input or output of a model as the model itself
// declares it. Dynamic dimensions are -1.
type IOInfo struct {
	// Name is the tensor's name in the graph, used to bind it.
	Name string
	// DType is the element type.
	DType DType
	// Shape is the declared shape, -1 for each dynamic dimension.
	Shape []int64
}

// Session runs one loaded model. Implementations bind inputs and outputs by
// name and must be safe for use by one goroutine at a time at least; the
// ONNX Runtime implementation serialises Run itself.
type Session interface {
	// Inputs lists the model's inputs in declaration order.
	Inputs() []IOInfo
	// Outputs lists the model's outputs in declaration order.
	Outputs() []IOInfo
	// Run feeds inputs by name and returns every output by name. It
	// returns ctx.Err() without running when ctx is already done.
	Run(ctx context.Context, inputs map[string]Tensor) (map[string]Tensor, error)
	// Close releases the session.
	Close() error
}

// IntoRunner is a Session that can write outputs into memory the caller
// gives: RunInto fills each tensor of into (whose shape must be that
// output's) and returns it among the outputs, so that a large output is
// neither allocated by the runtime nor copied; the other outputs come back
// as Run returns them.
type IntoRunner interface {
	RunInto(ctx context.Context, inputs, into map[string]Tensor) (map[string]Tensor, error)
}

// SessionOpener opens the ONNX model file at path.
type SessionOpener func(path string) (Session, error)

// GCPercent is the Go garbage collector's target (GOGC) that Describer
// runs with and its memory benchmarks measure with: half the default. A
// caption leaves tens of megabytes of float data behind at every step
// (logits, caches), which the default lets pile up to twice what is live;
// the data has no pointers, so collecting it more often costs little.
// With base-size Florence-2, the OCR models and a Piper voice loaded, the
// Go heap after three captions held 127-131 MB of memory against 163-183 MB
// at the default (runtime.MemStats.HeapSys, two runs each).
const GCPercent = 50
