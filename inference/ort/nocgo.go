//go:build !cgo

package ort

import "github.com/describer/describer/inference"

// errNoCgo is what every entry point returns in a build without cgo.
var errNoCgo = sentence(ErrLibraryLoad, nil,
	"ort: this build of Describer has no ONNX Runtime support (it was built without cgo)")

// Open always fails in a build without cgo; see the cgo build's Open.
func Open(opt Options) (*Runtime, error) { return nil, errNoCgo }

// Close does nothing in a build without cgo.
func (r *Runtime) Close() error { return nil }

// NewSession always fails in a build without cgo.
func (r *Runtime) NewSession(path string) (inference.Session, error) { return nil, errNoCgo }

// SpinningOpener opens sessions that always fail in a build without cgo.
func (r *Runtime) SpinningOpener() inference.SessionOpener { return r.NewSession }

// Providers lists every provider as unavailable in a build without cgo.
func (r *Runtime) Providers() []ProviderStatus {
	var out []ProviderStatus
	for _, name := range []string{DeviceCPU, DeviceCUDA, DeviceDirectML, DeviceCoreML} {
		out = append(out, ProviderStatus{Name: name, Reason: errNoCgo.Error()})
	}
	return out
}
