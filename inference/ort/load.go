//go:build cgo

package ort

import (
	"errors"
	"fmt"
	"sync"

	ort "github.com/yalue/onnxruntime_go"
)

// env is the process-wide ONNX Runtime environment. onnxruntime_go keeps one
// per process, so every Runtime and session holds a reference to it and the
// last to close releases it.
var env struct {
	mu      sync.Mutex
	path    string // library the environment was created from
	version string
	refs    int
}

// Open finds the ONNX Runtime library (see [FindLibrary]), loads it and
// initialises the process-wide environment unless an earlier Open already
// did with the same library, and chooses the execution device.
//
// Loading a different library while one is in use is an error: ONNX Runtime
// cannot be loaded twice in one process. A file that is not ONNX Runtime
// matches [ErrLibraryLoad]; an ONNX Runtime older than [RequiredVersion]
// matches [ErrLibraryVersion]; an explicit device that cannot be used
// matches [ErrDeviceUnavailable]. Close the Runtime when done.
func Open(opt Options) (*Runtime, error) {
	device, err := opt.device()
	if err != nil {
		return nil, err
	}
	threads, err := opt.threads()
	if err != nil {
		return nil, err
	}
	path, err := FindLibrary(opt)
	if err != nil {
		return nil, err
	}
	version, err := acquireEnv(path)
	if err != nil {
		return nil, err
	}
	r := &Runtime{path: path, version: version, threads: threads, spin: opt.Spin, graphCache: opt.GraphCache}
	if err := r.chooseDevice(device); err != nil {
		return nil, errors.Join(err, releaseEnv())
	}
	return r, nil
}

// Close releases the Runtime's hold on the ONNX Runtime environment. Open
// sessions keep working; the environment is released with the last of them.
// Closing twice is harmless.
func (r *Runtime) Close() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.released {
		return nil
	}
	r.released = true
	return releaseEnv()
}

// acquireEnv takes a reference to the environment, creating it from the
// library at path if there is none. It returns the library's version.
func acquireEnv(path string) (string, error) {
	env.mu.Lock()
	defer env.mu.Unlock()
	if env.refs > 0 {
		if !samePath(env.path, path) {
			return "", sentence(ErrLibraryLoad, nil,
				"ort: ONNX Runtime is already loaded from %s; cannot also load %s in the same process", env.path, path)
		}
		env.refs++
		return env.version, nil
	}
	version, err := probeLibrary(path)
	if err != nil {
		return "", err
	}
	if err := addLibraryFolder(path); err != nil {
		return "", err
	}
	ort.SetSharedLibraryPath(path)
	// Every ONNX Runtime failure comes back as an error; its own log would
	// only repeat them, in colour, on stderr.
	if err := ort.InitializeEnvironment(ort.WithLogLevelFatal()); err != nil {
		return "", sentence(ErrLibraryLoad, err, "ort: cannot start ONNX Runtime %s from %s: %v", version, path, err)
	}
	if err := ort.DisableTelemetry(); err != nil {
		return "", errors.Join(fmt.Errorf("ort: disable telemetry: %w", err), destroyEnv())
	}
	if err := shareArena(); err != nil {
		return "", errors.Join(err, destroyEnv())
	}
	env.path, env.version, env.refs = path, version, 1
	return version, nil
}

// holdEnv takes one more reference for a session; the caller already holds
// one through its Runtime.
func holdEnv() {
	env.mu.Lock()
	env.refs++
	env.mu.Unlock()
}

// releaseEnv drops a reference, destroying the environment with the last.
func releaseEnv() error {
	env.mu.Lock()
	defer env.mu.Unlock()
	if env.refs == 0 {
		return nil
	}
	env.refs--
	if env.refs > 0 {
		return nil
	}
	env.path, env.version = "", ""
	return destroyEnv()
}

// shareArena registers one CPU memory arena with the environment, which
// every session uses (session.use_env_allocators; see configure), growing
// by what is asked (kSameAsRequested) rather than to the next power of
// two. Each session used to keep an arena of its own as large as its
// largest run, so the vision encoder's 768×768 activations, the text
// reader's and the decoder's all stayed in memory side by side; sharing
// lets each reuse what the last one freed. BenchmarkCaption in florence2
// measured the peak with Florence-2 and the OCR models loaded at 779-812 MB
// against 938-1,033 MB, at the same speed.
func shareArena() error {
	const sameAsRequested = 1
	cfg, err := ort.NewArenaCfg(0, sameAsRequested, -1, -1)
	if err != nil {
		return fmt.Errorf("ort: configure the shared memory arena: %w", err)
	}
	defer cfg.Destroy()
	info, err := ort.GetMemoryInfo()
	if err == nil {
		err = ort.CreateAndRegisterAllocator(info, cfg)
	}
	if err != nil {
		return fmt.Errorf("ort: register the shared memory arena: %w", err)
	}
	return nil
}

func destroyEnv() error {
	if err := ort.DestroyEnvironment(); err != nil {
		return fmt.Errorf("ort: release ONNX Runtime: %w", err)
	}
	return nil
}
