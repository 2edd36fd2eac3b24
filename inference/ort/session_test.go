//go:build cgo

package ort

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	ort "github.com/yalue/onnxruntime_go"

	"github.com/describer/describer/inference"
)

// runAdd runs add.onnx on a 2x3 batch and checks the sums.
func runAdd(t *testing.T, s inference.Session) {
	t.Helper()
	a := inference.NewFloat32([]int64{2, 3}, []float32{1, 2, 3, 4, 5, 6})
	b := inference.NewFloat32([]int64{2, 3}, []float32{10, 20, 30, 40, 50, 60})
	out, err := s.Run(t.Context(), map[string]inference.Tensor{"a": a, "b": b})
	if err != nil {
		t.Fatal(err)
	}
	sum := out["sum"]
	want := []float32{11.5, 23.5, 35.5, 44.5, 56.5, 68.5} // + bias 0.5, 1.5, 2.5
	if !equal(sum.Shape, []int64{2, 3}) || !equal(sum.Float32s(), want) {
		t.Errorf("sum = %v %v; want [2 3] %v", sum.Shape, sum.Float32s(), want)
	}
}

func equal[T comparable](a, b []T) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// mustSession opens a testdata model on a CPU runtime and closes it when
// the test ends.
func mustSession(tb testing.TB, model string) inference.Session {
	tb.Helper()
	r := mustOpen(tb, Options{Device: "cpu"})
	s, err := r.NewSession(testModel(model))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		if err := s.Close(); err != nil {
			tb.Errorf("Close: %v", err)
		}
	})
	return s
}

// TestIOInfoMatchesORT compares what the protobuf reader finds with what
// ONNX Runtime itself reports for each test model.
func TestIOInfoMatchesORT(t *testing.T) {
	mustOpen(t, Options{Device: "cpu"}) // GetInputOutputInfo needs the environment
	for _, model := range []string{"add.onnx", "types.onnx", "kvcache.onnx", "slow.onnx"} {
		t.Run(model, func(t *testing.T) {
			wantIn, wantOut, err := ort.GetInputOutputInfo(testModel(model))
			if err != nil {
				t.Fatal(err)
			}
			info, err := readModelInfo(testModel(model))
			if err != nil {
				t.Fatal(err)
			}
			compareIO(t, "input", info.Inputs, wantIn)
			compareIO(t, "output", info.Outputs, wantOut)
		})
	}
}

func compareIO(t *testing.T, kind string, got []ioDecl, want []ort.InputOutputInfo) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%d %ss; ONNX Runtime reports %d: %v", len(got), kind, len(want), want)
	}
	for i, w := range want {
		g := got[i]
		if g.Name != w.Name || g.Elem != int32(w.DataType) || !equal(g.Shape, []int64(w.Dimensions)) {
			t.Errorf("%s %d = %s %s %v; ONNX Runtime reports %s %s %v", kind, i,
				g.Name, elemTypeName(g.Elem), g.Shape, w.Name, w.DataType, w.Dimensions)
		}
	}
}

func TestSessionInputsOutputs(t *testing.T) {
	s := mustSession(t, "types.onnx")
	in, out := s.Inputs(), s.Outputs()
	wantIn := []inference.IOInfo{{Name: "ids", DType: inference.Int64, Shape: []int64{1, -1}},
		{Name: "mask", DType: inference.Bool, Shape: []int64{1, -1}}}
	wantOut := []inference.IOInfo{{Name: "doubled", DType: inference.Int64, Shape: []int64{1, -1}},
		{Name: "inverted", DType: inference.Bool, Shape: []int64{1, -1}},
		{Name: "count", DType: inference.Int64, Shape: []int64{}}}
	if !reflect.DeepEqual(in, wantIn) || !reflect.DeepEqual(out, wantOut) {
		t.Errorf("Inputs() = %v, Outputs() = %v\nwant %v, %v", in, out, wantIn, wantOut)
	}
	in[0].Shape[0] = 99 // callers get copies
	if s.Inputs()[0].Shape[0] != 1 {
		t.Error("Inputs() shares its shape slices with the session")
	}
}

func TestRunAdd(t *testing.T) {
	runAdd(t, mustSession(t, "add.onnx"))
}

// A session from SpinningOpener (on a runtime that does not spin) runs as
// any other.
func TestSpinningOpener(t *testing.T) {
	s, err := mustOpen(t, Options{Device: "cpu"}).SpinningOpener()(testModel("add.onnx"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	runAdd(t, s)
}

// RunInto writes an output into the caller's memory and returns it;
// memory of the wrong size and an unknown output are errors.
func TestRunInto(t *testing.T) {
	s := mustSession(t, "add.onnx")
	in := map[string]inference.Tensor{
		"a": inference.NewFloat32([]int64{2, 3}, []float32{1, 2, 3, 4, 5, 6}),
		"b": inference.NewFloat32([]int64{2, 3}, []float32{10, 20, 30, 40, 50, 60}),
	}
	buf := make([]float32, 6)
	out, err := s.(inference.IntoRunner).RunInto(t.Context(), in, map[string]inference.Tensor{"sum": inference.NewFloat32([]int64{2, 3}, buf)})
	want := []float32{11.5, 23.5, 35.5, 44.5, 56.5, 68.5}
	if err != nil || !equal(buf, want) || &out["sum"].Float32s()[0] != &buf[0] {
		t.Errorf("RunInto: %v, buffer %v; want %v written in place and returned", err, buf, want)
	}
	for name, into := range map[string]inference.Tensor{
		"sum":   inference.NewFloat32([]int64{3, 2}, make([]float32, 6)),
		"total": inference.NewFloat32([]int64{2, 3}, make([]float32, 6)),
	} {
		if _, err := s.(inference.IntoRunner).RunInto(t.Context(), in, map[string]inference.Tensor{name: into}); err == nil {
			t.Errorf("into %s %v: no error", name, into.Shape)
		}
	}
}

func TestRunInt64BoolAndScalar(t *testing.T) {
	s := mustSession(t, "types.onnx")
	out, err := s.Run(t.Context(), map[string]inference.Tensor{
		"ids":  inference.NewInt64([]int64{1, 4}, []int64{1, -2, 3, 1 << 40}),
		"mask": inference.NewBool([]int64{1, 4}, []bool{true, false, true, true}),
	})
	if err != nil {
		t.Fatal(err)
	}
	if d := out["doubled"]; !equal(d.Shape, []int64{1, 4}) || !equal(d.Int64s(), []int64{2, -4, 6, 1 << 41}) {
		t.Errorf("doubled = %v %v", d.Shape, d.Data)
	}
	if inv, _ := out["inverted"].Data.([]bool); !equal(inv, []bool{false, true, false, false}) {
		t.Errorf("inverted = %v", out["inverted"].Data)
	}
	if c := out["count"]; len(c.Shape) != 0 || !equal(c.Int64s(), []int64{3}) {
		t.Errorf("count = %v %v; want the scalar 3", c.Shape, c.Data)
	}
}

func TestRunZeroLengthPast(t *testing.T) {
	s := mustSession(t, "kvcache.onnx")
	key := make([]float32, 12*64)
	for i := range key {
		key[i] = float32(i)
	}
	past := inference.NewFloat32([]int64{1, 12, 0, 64}, nil) // the first decoder step
	for step := 1; step <= 3; step++ {
		out, err := s.Run(t.Context(), map[string]inference.Tensor{
			"past": past,
			"key":  inference.NewFloat32([]int64{1, 12, 1, 64}, key),
		})
		if err != nil {
			t.Fatalf("step %d: %v", step, err)
		}
		present := out["present"]
		if want := []int64{1, 12, int64(step), 64}; !equal(present.Shape, want) || len(present.Float32s()) != 12*step*64 {
			t.Fatalf("step %d: present shape %v (%d values); want %v", step, present.Shape, len(present.Float32s()), want)
		}
		if got := present.Float32s()[(step-1)*64 : step*64]; !equal(got, key[:64]) {
			t.Errorf("step %d: newest row of head 0 = %v…; want the key", step, got[:4])
		}
		past = present
	}
}

func TestRunZeroBatch(t *testing.T) {
	s := mustSession(t, "add.onnx")
	empty := inference.NewFloat32([]int64{0, 3}, []float32{})
	out, err := s.Run(t.Context(), map[string]inference.Tensor{"a": empty, "b": empty})
	if err != nil {
		t.Fatal(err)
	}
	if sum := out["sum"]; !equal(sum.Shape, []int64{0, 3}) || len(sum.Float32s()) != 0 {
		t.Errorf("sum = %v %v; want an empty [0 3]", sum.Shape, sum.Data)
	}
}

func TestRunContextAlreadyDone(t *testing.T) {
	s := mustSession(t, "add.onnx")
	in := map[string]inference.Tensor{} // not even checked: ctx comes first
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if _, err := s.Run(ctx, in); err != context.Canceled {
		t.Errorf("cancelled: err = %v; want context.Canceled itself", err)
	}
	ctx, cancel = context.WithDeadline(t.Context(), time.Now().Add(-time.Second))
	defer cancel()
	if _, err := s.Run(ctx, in); err != context.DeadlineExceeded {
		t.Errorf("past deadline: err = %v; want context.DeadlineExceeded itself", err)
	}
}

// slowInput returns an n×n input for slow.onnx.
func slowInput(n int) map[string]inference.Tensor {
	x := make([]float32, n*n)
	for i := range x {
		x[i] = 1 / float32(n)
	}
	return map[string]inference.Tensor{"x": inference.NewFloat32([]int64{int64(n), int64(n)}, x)}
}

func TestRunCancelledWhileRunning(t *testing.T) {
	s := mustSession(t, "slow.onnx")
	start := time.Now()
	if _, err := s.Run(t.Context(), slowInput(384)); err != nil {
		t.Fatal(err)
	}
	full := time.Since(start)

	ctx, cancel := context.WithCancel(t.Context())
	time.AfterFunc(full/10, cancel)
	start = time.Now()
	_, err := s.Run(ctx, slowInput(384))
	stopped := time.Since(start)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v; want one matching context.Canceled (full run %v, this one %v)", err, full, stopped)
	}
	t.Logf("full run %v; cancelled at %v, returned after %v: %v", full, full/10, stopped, err)
	if stopped > full/2 {
		t.Errorf("cancelled run took %v of a %v full run; want it stopped early", stopped, full)
	}
	out, err := s.Run(t.Context(), slowInput(4)) // the terminate flag must be cleared again
	if err != nil || len(out["y"].Float32s()) != 16 {
		t.Errorf("run after a cancelled one: %v", err)
	}
}

func TestRunBadInputs(t *testing.T) {
	s := mustSession(t, "add.onnx")
	ok := inference.NewFloat32([]int64{1, 3}, []float32{1, 2, 3})
	tests := []struct {
		name   string
		inputs map[string]inference.Tensor
		want   string
	}{
		{"unknown", map[string]inference.Tensor{"a": ok, "b": ok, "c": ok}, `ort: add.onnx has no input named "c"; its inputs are "a", "b"`},
		{"missing", map[string]inference.Tensor{"a": ok}, `ort: add.onnx: input "b" is missing`},
		{"initializer is not an input", map[string]inference.Tensor{"a": ok, "b": ok, "bias": ok}, `no input named "bias"`},
		{"dtype", map[string]inference.Tensor{"a": ok, "b": inference.NewInt64([]int64{1, 3}, []int64{1, 2, 3})},
			`ort: add.onnx: input "b" is int64; the model wants float32`},
		{"rank", map[string]inference.Tensor{"a": ok, "b": inference.NewFloat32([]int64{3}, []float32{1, 2, 3})},
			`ort: add.onnx: input "b" has shape [3] (rank 1); the model wants rank 2 [-1 3]`},
		{"static dim", map[string]inference.Tensor{"a": ok, "b": inference.NewFloat32([]int64{3, 1}, []float32{1, 2, 3})},
			`ort: add.onnx: input "b" has shape [3 1]; the model wants [-1 3] (dimension 1 must be 3)`},
		{"mismatched batches reach ONNX Runtime", map[string]inference.Tensor{"a": inference.NewFloat32([]int64{2, 3}, make([]float32, 6)), "b": inference.NewFloat32([]int64{3, 3}, make([]float32, 9))},
			`ort: add.onnx: run: `},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := s.Run(t.Context(), tt.inputs)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v; want it to contain %q", err, tt.want)
			}
		})
	}
	_, err := s.Run(t.Context(), tests[len(tests)-1].inputs)
	t.Logf("from ONNX Runtime: %v", err)
	runAdd(t, s) // the session still works
}

func TestNewSessionModelErrors(t *testing.T) {
	r := mustOpen(t, Options{Device: "cpu"})
	dir := t.TempDir()
	whole, err := os.ReadFile(testModel("add.onnx"))
	if err != nil {
		t.Fatal(err)
	}
	truncated := filepath.Join(dir, "truncated.onnx")
	unknownOp := filepath.Join(dir, "unknown-op.onnx")
	g := pbBytes(nil, 1, onnxNode("NoSuchOperator", []string{"x"}, []string{"y"}))
	g = pbBytes(g, graphInput, onnxValueInfo("x", onnxFloat, []any{1}))
	g = pbBytes(g, graphOutput, onnxValueInfo("y", onnxFloat, []any{1}))
	for path, b := range map[string][]byte{truncated: whole[:len(whole)-20], unknownOp: onnxModel(g)} {
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}

	_, err = r.NewSession(filepath.Join(dir, "missing.onnx"))
	if !errors.Is(err, fs.ErrNotExist) || err.Error() != "ort: model file "+filepath.Join(dir, "missing.onnx")+" does not exist" {
		t.Errorf("missing: err = %v; want fs.ErrNotExist", err)
	}
	_, err = r.NewSession(truncated)
	if !errors.Is(err, ErrModelDamaged) || !strings.HasPrefix(err.Error(), "ort: model file "+truncated+" is damaged or not an ONNX model: ") {
		t.Errorf("truncated: err = %v; want ErrModelDamaged", err)
	}
	_, err = r.NewSession(unknownOp)
	if err == nil || !strings.HasPrefix(err.Error(), "ort: ONNX Runtime cannot load model "+unknownOp+" on cpu: ") {
		t.Errorf("unknown operator: err = %v", err)
	}
	t.Logf("unknown operator: %v", err)
}

func TestSessionClose(t *testing.T) {
	r := mustOpen(t, Options{Device: "cpu"})
	s, err := r.NewSession(testModel("add.onnx"))
	if err != nil {
		t.Fatal(err)
	}
	if err := errors.Join(s.Close(), s.Close()); err != nil {
		t.Fatalf("Close twice: %v", err)
	}
	_, err = s.Run(t.Context(), map[string]inference.Tensor{
		"a": inference.NewFloat32([]int64{1, 3}, make([]float32, 3)),
		"b": inference.NewFloat32([]int64{1, 3}, make([]float32, 3)),
	})
	if err == nil || !strings.Contains(err.Error(), "session is closed") {
		t.Errorf("Run after Close: err = %v", err)
	}
}

func TestRunConcurrently(t *testing.T) {
	r := mustOpen(t, Options{Device: "cpu"})
	open := r.Opener()
	s, err := open(testModel("add.onnx"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 50 {
				runAdd(t, s)
			}
		})
	}
	wg.Wait()
}
