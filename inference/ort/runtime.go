package ort

import (
	"fmt"
	"runtime"
	"strings"
	"sync"

	"github.com/describer/describer/inference"
)

// RequiredVersion is the ONNX Runtime release this package is built and
// tested against. Newer releases that still provide its C API (version 24)
// load too.
const RequiredVersion = "1.24.1"

// apiVersion is the ONNX Runtime C API version onnxruntime_go v1.27.0 needs.
const apiVersion = 24

// Device names accepted by [Options].Device and reported by
// [Runtime.Device].
// They are inference's one list.
const (
	DeviceAuto     = inference.DeviceAuto
	DeviceCPU      = inference.DeviceCPU
	DeviceCUDA     = inference.DeviceCUDA
	DeviceDirectML = inference.DeviceDirectML
	DeviceCoreML   = inference.DeviceCoreML
)

// maxDefaultThreads caps the default intra-op thread count: past about eight
// threads the models Describer runs gain little and a desktop loses a lot.
const maxDefaultThreads = 8

// Options configures [FindLibrary] and [Open]. The zero value finds the
// library in the system paths, picks the device automatically and uses the
// default thread count.
type Options struct {
	// LibraryPath is the ONNX Runtime shared library to load (the --ort-lib
	// flag). When set it must exist; nothing else is searched. A directory
	// means the platform's library file inside it.
	LibraryPath string
	// DataDir is Describer's data directory. The library is looked for in
	// DataDir/runtime before the system paths. Empty skips that place.
	DataDir string
	// Device is the execution device: "" or "auto" (the platform's GPU
	// provider when it works, else the CPU), "cpu", "cuda", "directml" or
	// "coreml". An explicit device that cannot be used makes Open fail with
	// ErrDeviceUnavailable rather than fall back.
	Device string
	// Threads is the number of intra-op threads per session. Zero means
	// min(runtime.NumCPU(), 8).
	Threads int
	// Spin lets ONNX Runtime's worker threads busy-wait between pieces of
	// work. The default (false) turns spinning off so that an idle desktop
	// app does not burn CPU; set it for benchmarks or batch work.
	Spin bool
	// GraphCache is a folder where each model's graph, once optimised, is
	// kept, so that later starts skip the optimisation (see graphcache.go);
	// empty means none.
	GraphCache string
}

// threads returns the intra-op thread count Options asks for.
func (o Options) threads() (int, error) {
	switch {
	case o.Threads < 0:
		return 0, fmt.Errorf("ort: Threads is %d; want 0 (default) or more", o.Threads)
	case o.Threads > 0:
		return o.Threads, nil
	}
	return min(runtime.NumCPU(), maxDefaultThreads), nil
}

// device returns the normalised device name Options asks for.
func (o Options) device() (string, error) {
	d := strings.ToLower(strings.TrimSpace(o.Device))
	if d == "" {
		return DeviceAuto, nil
	}
	if err := inference.CheckDevice(d); err != nil {
		return "", fmt.Errorf("ort: %w", err)
	}
	return d, nil
}

// ProviderStatus says whether one execution provider can be used here.
type ProviderStatus struct {
	// Name is the device name: cpu, cuda, directml or coreml.
	Name string
	// Available is true when the provider could be enabled.
	Available bool
	// Reason says why the provider is unavailable; empty when Available.
	Reason string
}

// Runtime is a loaded ONNX Runtime with a chosen execution device. Open it
// with [Open]; it is safe for concurrent use. Every Runtime and session
// shares one process-wide ONNX Runtime environment, released when the last
// of them is closed.
type Runtime struct {
	path    string
	version string
	device  string
	reason  string
	threads int
	spin    bool
	// graphCache is the folder of optimised graphs; "" for none.
	graphCache string
	mu         sync.Mutex
	released   bool
}

// Device returns the execution device sessions use: cpu, cuda, directml or
// coreml.
func (r *Runtime) Device() string { return r.device }

// FallbackReason returns one line saying why the automatic device choice
// fell back to the CPU, such as "CUDA unavailable in this ONNX Runtime build;
// using CPU". It is empty when no fallback happened.
func (r *Runtime) FallbackReason() string { return r.reason }

// Version returns the ONNX Runtime version string the library reports.
func (r *Runtime) Version() string { return r.version }

// LibraryPath returns the absolute path of the loaded library.
func (r *Runtime) LibraryPath() string { return r.path }

// Threads returns the intra-op thread count sessions use.
func (r *Runtime) Threads() int { return r.threads }

// Opener returns r.NewSession as an [inference.SessionOpener].
func (r *Runtime) Opener() inference.SessionOpener { return r.NewSession }
