// Package ort runs ONNX models with ONNX Runtime. It is the only package in
// Describer that imports github.com/yalue/onnxruntime_go.
//
// It finds the ONNX Runtime shared library ([FindLibrary]), loads it once per
// process ([Open]), picks an execution provider (CPU, CUDA, DirectML or
// CoreML, with a stated reason whenever it falls back to the CPU), and opens
// models as [inference.Session] values whose input and output names are read
// from the model file itself. Run is serialised per session, honours its
// context (a cancelled context stops a long run between graph nodes) and
// checks every input against the model before ONNX Runtime sees it.
//
// ONNX Runtime needs cgo. A build without cgo (for example GOOS=windows go vet
// on Linux) compiles this package with the same API, but [Open] then reports
// [ErrLibraryLoad].
package ort
