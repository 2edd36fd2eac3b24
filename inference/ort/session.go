//go:build cgo

package ort

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	ort "github.com/yalue/onnxruntime_go"

	"github.com/describer/describer/inference"
)

// session is an [inference.Session] over one ONNX Runtime session.
type session struct {
	name     string // model file name, for messages
	from     string // the file ONNX Runtime loaded: the model or its optimised copy
	inputs   []ioDecl
	outputs  []ioDecl
	inNames  []string
	outNames []string

	mu     sync.Mutex // serialises Run and Close
	sess   *ort.DynamicAdvancedSession
	run    *ort.RunOptions // reused; its terminate flag cancels a Run
	closed bool
	stats  *runStats // when set, Run adds its Go-side time here (benchmarks)
}

// runStats accumulates how long Run spends wrapping, collecting and freeing
// tensors, outside ONNX Runtime's own Run.
type runStats struct {
	convert time.Duration
}

// NewSession opens the ONNX model at path on r's device. Input and output
// names, element types and shapes are read from the model file itself
// (without reading its weights into memory), so only one ONNX Runtime
// session is built. A missing file matches fs.ErrNotExist; a damaged one
// matches [ErrModelDamaged].
func (r *Runtime) NewSession(path string) (inference.Session, error) {
	return r.newSession(path, r.spin)
}

// SpinningOpener opens sessions whose worker threads busy-wait between
// pieces of work whatever Options.Spin says: for generating token by
// token, where each step is a few milliseconds of small operators and
// parking and waking the threads between them costs about a fifth of the
// decoding speed (smolvlm's BenchmarkAsk). The threads spin while such a
// session runs and in the short pauses between its runs, then sleep as
// usual.
func (r *Runtime) SpinningOpener() inference.SessionOpener {
	return func(path string) (inference.Session, error) { return r.newSession(path, true) }
}

func (r *Runtime) newSession(path string, spin bool) (inference.Session, error) {
	info, err := readModelInfo(path)
	if err != nil {
		return nil, err
	}
	name := filepath.Base(path)
	if len(info.Inputs) == 0 || len(info.Outputs) == 0 {
		return nil, fmt.Errorf("ort: model %s has %d inputs and %d outputs; it needs at least one of each",
			path, len(info.Inputs), len(info.Outputs))
	}
	if err := r.hold(); err != nil {
		return nil, err
	}
	s, err := r.openSession(path, info, spin)
	if err != nil {
		return nil, errors.Join(err, releaseEnv())
	}
	s.name = name
	return s, nil
}

// hold takes an environment reference for a new session.
func (r *Runtime) hold() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.released {
		return errors.New("ort: the runtime is closed")
	}
	holdEnv()
	return nil
}

func (r *Runtime) openSession(path string, info *modelInfo, spin bool) (*session, error) {
	s := &session{inputs: info.Inputs, outputs: info.Outputs}
	for _, d := range info.Inputs {
		s.inNames = append(s.inNames, d.Name)
	}
	for _, d := range info.Outputs {
		s.outNames = append(s.outNames, d.Name)
	}
	opts, err := r.sessionOptions(providerByName(r.device), spin)
	if err != nil {
		return nil, err
	}
	c := r.cached(path, opts)
	s.from = c.from
	s.sess, err = ort.NewDynamicAdvancedSession(c.from, s.inNames, s.outNames, opts)
	if err = errors.Join(err, opts.Destroy()); err != nil {
		if s.sess != nil {
			err = errors.Join(err, s.sess.Destroy())
		}
		if c.retry() {
			return r.openSession(path, info, spin)
		}
		return nil, modelLoadError(path, r.device, err)
	}
	c.keep()
	if s.run, err = ort.NewRunOptions(); err != nil {
		return nil, errors.Join(fmt.Errorf("ort: create run options: %w", err), s.sess.Destroy())
	}
	return s, nil
}

// modelLoadError explains why ONNX Runtime could not load the model at path.
func modelLoadError(path, device string, err error) error {
	msg := ortMessage(err)
	low := strings.ToLower(msg)
	if strings.Contains(low, "protobuf parsing failed") || strings.Contains(low, "invalid_protobuf") {
		return damaged(path, errors.New(msg))
	}
	return sentence(nil, err, "ort: ONNX Runtime cannot load model %s on %s: %s", path, device, msg)
}

// ortMessage returns ONNX Runtime's own message inside err, on one line,
// without onnxruntime_go's prefixes.
func ortMessage(err error) string {
	msg := trimSentence(err.Error())
	for _, prefix := range []string{"Error creating C session from file: ", "Error running network: "} {
		if i := strings.LastIndex(msg, prefix); i >= 0 {
			msg = msg[i+len(prefix):]
		}
	}
	return msg
}

// Inputs lists the model's inputs in declaration order.
func (s *session) Inputs() []inference.IOInfo { return infos(s.inputs) }

// Outputs lists the model's outputs in declaration order.
func (s *session) Outputs() []inference.IOInfo { return infos(s.outputs) }

func infos(decls []ioDecl) []inference.IOInfo {
	out := make([]inference.IOInfo, len(decls))
	for i, d := range decls {
		out[i] = d.info()
		out[i].Shape = slices.Clone(d.Shape) // nil stays nil: no declared shape
	}
	return out
}

// Run checks inputs against the model, runs it, and returns every output
// as Go memory. It returns ctx.Err() without running when ctx is already
// done, and stops a run in progress (between graph nodes) when ctx is
// cancelled, returning an error that matches ctx.Err().
func (s *session) Run(ctx context.Context, inputs map[string]inference.Tensor) (map[string]inference.Tensor, error) {
	return s.RunInto(ctx, inputs, nil)
}

// RunInto is Run with the outputs named in into written into their Go
// memory (inference.IntoRunner).
func (s *session) RunInto(ctx context.Context, inputs, into map[string]inference.Tensor) (map[string]inference.Tensor, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := checkInputs(s.name, s.inputs, inputs); err != nil {
		return nil, err
	}
	for name := range into {
		if !slices.Contains(s.outNames, name) {
			return nil, fmt.Errorf("ort: %s: no output %q to write into", s.name, name)
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil, fmt.Errorf("ort: %s: session is closed", s.name)
	}
	if err := ctx.Err(); err != nil { // it may have ended while we waited
		return nil, err
	}
	return s.runLocked(ctx, inputs, into)
}

func (s *session) runLocked(ctx context.Context, inputs, into map[string]inference.Tensor) (_ map[string]inference.Tensor, err error) {
	start := time.Now()
	ins := make([]ort.Value, len(s.inputs))
	outs := make([]ort.Value, len(s.outputs))
	defer func() {
		start := time.Now()
		err = errors.Join(err, destroyAll(s.name, ins), destroyAll(s.name, outs))
		s.addConvert(time.Since(start))
	}()
	for i, d := range s.inputs {
		if ins[i], err = toValue(inputs[d.Name]); err != nil {
			return nil, fmt.Errorf("ort: %s: input %q: %w", s.name, d.Name, err)
		}
	}
	for i, d := range s.outputs {
		if t, ok := into[d.Name]; ok {
			outs[i], err = toValue(t)
		} else {
			outs[i], err = scalarOutput(d) // nil: ONNX Runtime allocates it
		}
		if err != nil {
			return nil, fmt.Errorf("ort: %s: output %q: %w", s.name, d.Name, err)
		}
	}
	s.addConvert(time.Since(start))
	err = s.runWatched(ctx, ins, outs)
	runtime.KeepAlive(inputs) // ONNX Runtime read the Go slices behind ins
	runtime.KeepAlive(into)   // and wrote those behind into
	if err != nil {
		return nil, err
	}
	start = time.Now()
	defer func() { s.addConvert(time.Since(start)) }()
	return s.collect(outs, into)
}

// runWatched runs the session, setting its terminate flag if ctx ends
// during the run.
func (s *session) runWatched(ctx context.Context, ins, outs []ort.Value) error {
	var stopped chan struct{}
	stop := func() bool { return true }
	if ctx.Done() != nil {
		stopped = make(chan struct{})
		stop = context.AfterFunc(ctx, func() {
			defer close(stopped)
			_ = s.run.Terminate() // fails only on destroyed options, which Close destroys after Run
		})
	}
	runErr := s.sess.RunWithOptions(ins, outs, s.run)
	if stop() {
		if runErr != nil {
			return sentence(nil, runErr, "ort: %s: run: %s", s.name, ortMessage(runErr))
		}
		return nil
	}
	<-stopped // the terminate flag is set; clear it for the next Run
	if err := s.run.UnsetTerminate(); err != nil {
		return fmt.Errorf("ort: %s: reset run options: %w", s.name, err)
	}
	if runErr != nil {
		return fmt.Errorf("ort: %s: run stopped: %w", s.name, ctx.Err())
	}
	return nil
}

// collect converts the outputs to Go tensors. The data slices onnxruntime_go
// hands back are already Go memory, so they are kept, not copied.
func (s *session) collect(outs []ort.Value, into map[string]inference.Tensor) (map[string]inference.Tensor, error) {
	res := make(map[string]inference.Tensor, len(outs))
	for i, v := range outs {
		if t, ok := into[s.outNames[i]]; ok {
			res[s.outNames[i]] = t // written in place
			continue
		}
		t, err := fromValue(v)
		if err != nil {
			return nil, fmt.Errorf("ort: %s: output %q: %w", s.name, s.outNames[i], err)
		}
		res[s.outNames[i]] = t
	}
	return res, nil
}

func (s *session) addConvert(d time.Duration) {
	if s.stats != nil {
		s.stats.convert += d
	}
}

// Close releases the session, waiting for a Run in progress. Closing twice
// is harmless.
func (s *session) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil
	}
	s.closed = true
	err := errors.Join(s.run.Destroy(), s.sess.Destroy(), releaseEnv())
	if err != nil {
		return fmt.Errorf("ort: close %s: %w", s.name, err)
	}
	return nil
}

// toValue wraps t's Go slice as an ONNX Runtime tensor without copying it.
func toValue(t inference.Tensor) (ort.Value, error) {
	shape := ort.Shape(t.Shape)
	switch d := t.Data.(type) {
	case []float32:
		return newValue(shape, d)
	case []int64:
		return newValue(shape, d)
	case []bool:
		return newValue(shape, d)
	}
	return nil, fmt.Errorf("unsupported data %T", t.Data)
}

func newValue[T float32 | int64 | bool](shape ort.Shape, data []T) (ort.Value, error) {
	if len(shape) == 0 { // onnxruntime_go rejects rank-0 tensors; scalars are separate
		return ort.NewScalar(data[0])
	}
	return ort.NewTensor(shape, data)
}

// scalarOutput preallocates a declared rank-0 output, which onnxruntime_go
// cannot allocate itself. It returns nil for every other output.
func scalarOutput(d ioDecl) (ort.Value, error) {
	if d.Shape == nil || len(d.Shape) > 0 {
		return nil, nil
	}
	switch d.Elem {
	case onnxFloat:
		return ort.NewEmptyScalar[float32]()
	case onnxInt64:
		return ort.NewEmptyScalar[int64]()
	case onnxBool:
		return ort.NewEmptyScalar[bool]()
	}
	return nil, nil
}

// fromValue returns the Go data behind an output value.
func fromValue(v ort.Value) (inference.Tensor, error) {
	switch t := v.(type) {
	case *ort.Tensor[float32]:
		return inference.NewFloat32([]int64(t.GetShape()), t.GetData()), nil
	case *ort.Tensor[int64]:
		return inference.NewInt64([]int64(t.GetShape()), t.GetData()), nil
	case *ort.Tensor[bool]:
		return inference.NewBool([]int64(t.GetShape()), t.GetData()), nil
	case *ort.Scalar[float32]:
		return inference.NewFloat32([]int64{}, []float32{t.GetData()}), nil
	case *ort.Scalar[int64]:
		return inference.NewInt64([]int64{}, []int64{t.GetData()}), nil
	case *ort.Scalar[bool]:
		return inference.NewBool([]int64{}, []bool{t.GetData()}), nil
	case nil:
		return inference.Tensor{}, errors.New("ONNX Runtime returned no value")
	}
	return inference.Tensor{}, fmt.Errorf("element type %s is not supported (want float32, int64 or bool)",
		ort.TensorElementDataType(v.DataType()))
}

// destroyAll destroys every non-nil value, joining their errors.
func destroyAll(model string, vals []ort.Value) error {
	var errs []error
	for i, v := range vals {
		if v == nil {
			continue
		}
		if err := v.Destroy(); err != nil {
			errs = append(errs, fmt.Errorf("ort: %s: free value %d: %w", model, i, err))
		}
		vals[i] = nil
	}
	return errors.Join(errs...)
}
