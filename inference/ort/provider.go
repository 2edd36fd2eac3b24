//go:build cgo

package ort

import (
	"errors"
	"fmt"
	"path/filepath"
	"runtime"
	"slices"
	"strings"

	ort "github.com/yalue/onnxruntime_go"
)

// provider is one execution provider Describer knows how to enable.
type provider struct {
	name  string   // device name, as in Options.Device
	title string   // name as people write it
	oses  []string // GOOS values it can exist on; nil means everywhere
	where string   // those platforms in words
	// library names the provider library ("cuda") that must sit beside the
	// main ONNX Runtime library; builds without it lack the provider.
	library string
	// enable adds the provider to session options; nil for the CPU.
	enable func(o *ort.SessionOptions) error
}

var providers = []provider{
	{name: DeviceCPU, title: "CPU"},
	{name: DeviceCUDA, title: "CUDA", oses: []string{"linux", "windows"}, where: "Linux and Windows",
		library: "cuda", enable: enableCUDA},
	{name: DeviceDirectML, title: "DirectML", oses: []string{"windows"}, where: "Windows",
		enable: func(o *ort.SessionOptions) error { return o.AppendExecutionProviderDirectML(0) }},
	{name: DeviceCoreML, title: "CoreML", oses: []string{"darwin"}, where: "macOS",
		enable: func(o *ort.SessionOptions) error { return o.AppendExecutionProviderCoreMLV2(nil) }},
}

// autoOrder lists the GPU providers "auto" tries on each platform, in order.
var autoOrder = map[string][]string{
	"linux":   {DeviceCUDA},
	"windows": {DeviceCUDA, DeviceDirectML},
	"darwin":  {DeviceCoreML},
}

func enableCUDA(o *ort.SessionOptions) error {
	cuda, err := ort.NewCUDAProviderOptions()
	if err != nil {
		return err
	}
	return errors.Join(o.AppendExecutionProviderCUDA(cuda), cuda.Destroy())
}

func providerByName(name string) provider {
	for _, p := range providers {
		if p.name == name {
			return p
		}
	}
	panic("ort: unknown provider " + name) // names come from Options.device
}

// unavailable says why a provider cannot be used: short for the one-line
// fallback reason, detail for the error of an explicit request.
type unavailable struct {
	short, detail string
}

func (u *unavailable) Error() string {
	if u.detail == "" {
		return u.short
	}
	return u.short + " (" + u.detail + ")"
}

// Providers reports, for cpu, cuda, directml and coreml, whether the
// provider can be enabled with this library on this machine. It asks ONNX
// Runtime on throwaway session options and loads no model, so a provider
// listed as available can still fail on a machine with no working GPU.
func (r *Runtime) Providers() []ProviderStatus {
	out := make([]ProviderStatus, 0, len(providers))
	for _, p := range providers {
		st := ProviderStatus{Name: p.name, Available: true}
		if u := r.probe(p, false); u != nil {
			st.Available, st.Reason = false, u.Error()
		}
		out = append(out, st)
	}
	return out
}

// chooseDevice settles r.device (and r.reason) for the requested device.
func (r *Runtime) chooseDevice(want string) error {
	if want == DeviceCPU {
		r.device = DeviceCPU
		return nil
	}
	if want != DeviceAuto {
		if u := r.probe(providerByName(want), true); u != nil {
			return sentence(ErrDeviceUnavailable, u, "ort: device %s cannot be used: %v", want, u)
		}
		r.device = want
		return nil
	}
	var reasons []string
	for _, name := range autoOrder[runtime.GOOS] {
		u := r.probe(providerByName(name), true)
		if u == nil {
			r.device = name
			return nil
		}
		reasons = append(reasons, u.short)
	}
	r.device = DeviceCPU
	if len(reasons) > 0 {
		r.reason = strings.Join(reasons, "; ") + "; using CPU"
	}
	return nil
}

// probe checks whether p can be enabled; with session set it also opens a
// one-node model on it, which is what proves a GPU provider really works.
func (r *Runtime) probe(p provider, session bool) *unavailable {
	if p.oses != nil && !slices.Contains(p.oses, runtime.GOOS) {
		return &unavailable{short: fmt.Sprintf("%s is only available on %s", p.title, p.where)}
	}
	if p.library != "" {
		if lib := providerLibraryPath(r.path, p.library, runtime.GOOS); !isFile(lib) {
			return &unavailable{short: p.title + " unavailable in this ONNX Runtime build",
				detail: fmt.Sprintf("there is no %s beside %s", filepath.Base(lib), r.path)}
		}
	}
	o, err := r.sessionOptions(p, r.spin)
	if err == nil && session {
		err = openProbe(o)
	}
	if o != nil {
		err = errors.Join(err, o.Destroy())
	}
	if err == nil {
		return nil
	}
	u := classify(p.title, err)
	if strings.HasSuffix(u.short, "could not be loaded") && p.library != "" {
		u.detail = r.missingDependency(p, u.detail)
	}
	return u
}

// missingDependency says which library keeps provider p from loading,
// falling back to ortDetail, ONNX Runtime's less specific message.
func (r *Runtime) missingDependency(p provider, ortDetail string) string {
	shared := providerLibraryPath(r.path, "shared", runtime.GOOS)
	if !isFile(shared) {
		return fmt.Sprintf("there is no %s beside %s", filepath.Base(shared), r.path)
	}
	if msg := loadError(providerLibraryPath(r.path, p.library, runtime.GOOS)); msg != "" {
		return msg
	}
	return ortDetail
}

// openProbe opens and closes the probe model with options o.
func openProbe(o *ort.SessionOptions) error {
	s, err := ort.NewDynamicAdvancedSessionWithONNXData(probeModel(), []string{"x"}, []string{"y"}, o)
	if err != nil {
		return err
	}
	return s.Destroy()
}

// classify turns an ONNX Runtime error from enabling a provider into a
// reason that says what kind of failure it was.
func classify(title string, err error) *unavailable {
	msg := trimSentence(err.Error())
	low := strings.ToLower(msg)
	has := func(subs ...string) bool {
		return slices.ContainsFunc(subs, func(s string) bool { return strings.Contains(low, s) })
	}
	switch {
	case has("not supported", "unknown provider", "does not support", "not enabled", "was not compiled"):
		return &unavailable{short: title + " unavailable in this ONNX Runtime build", detail: msg}
	case has("no cuda-capable device", "cudaerrornodevice", "insufficient", "no adapter", "no device", "driver"):
		return &unavailable{short: "no working " + title + " GPU or driver found", detail: msg}
	case has("cannot open shared object", "failed to load", "loadlibrary", "error 126", "image not found"):
		return &unavailable{short: title + " libraries could not be loaded", detail: msg}
	}
	return &unavailable{short: title + " failed to start", detail: msg}
}

// sessionOptions returns session options for r on provider p. The caller
// destroys them.
func (r *Runtime) sessionOptions(p provider, spin bool) (*ort.SessionOptions, error) {
	o, err := ort.NewSessionOptions()
	if err != nil {
		return nil, fmt.Errorf("ort: create session options: %w", err)
	}
	if err := r.configure(o, p, spin); err != nil {
		return nil, errors.Join(err, o.Destroy())
	}
	return o, nil
}

func (r *Runtime) configure(o *ort.SessionOptions, p provider, spin bool) error {
	if err := o.SetIntraOpNumThreads(r.threads); err != nil {
		return fmt.Errorf("ort: set %d threads: %w", r.threads, err)
	}
	if !spin {
		for _, key := range []string{"session.intra_op.allow_spinning", "session.inter_op.allow_spinning"} {
			if err := o.AddSessionConfigEntry(key, "0"); err != nil {
				return fmt.Errorf("ort: set %s: %w", key, err)
			}
		}
	}
	// Memory patterns are off on every device (DirectML cannot use them at
	// all). With them ONNX Runtime keeps a plan for every set of input
	// shapes it has seen that takes all of a run's intermediate tensors as
	// one block of the session's memory arena. Describer's inputs change
	// shape with every screen size and line of text, so the arena
	// fragmented and grew for hundreds of describes; without them
	// BenchmarkSoak in app measured a third less memory at the same speed.
	if err := o.SetMemPattern(false); err != nil {
		return fmt.Errorf("ort: turn memory patterns off: %w", err)
	}
	// One memory arena for every session (see shareArena).
	if err := o.AddSessionConfigEntry("session.use_env_allocators", "1"); err != nil {
		return fmt.Errorf("ort: use the shared memory arena: %w", err)
	}
	if p.enable == nil {
		return nil
	}
	return p.enable(o)
}
