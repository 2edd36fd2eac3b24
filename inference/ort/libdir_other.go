//go:build cgo && !windows

package ort

// addLibraryFolder does nothing here: on Linux and macOS ONNX Runtime finds
// its provider libraries (CUDA's) beside itself, and the dynamic loader
// finds system libraries by its usual rules.
func addLibraryFolder(string) error { return nil }
