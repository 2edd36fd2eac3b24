package ort_test

import (
	"context"
	"errors"
	"fmt"
	"log"

	"github.com/describer/describer/inference"
	"github.com/describer/describer/inference/ort"
)

// Open the runtime, open a model, and run it. Device "auto" uses the GPU
// when ONNX Runtime can, and says why when it cannot.
func Example() {
	rt, err := ort.Open(ort.Options{DataDir: "/home/me/.local/share/describer"})
	if errors.Is(err, ort.ErrLibraryNotFound) {
		log.Fatal(err) // the message says how to install the library
	}
	if err != nil {
		log.Fatal(err)
	}
	defer rt.Close()
	if reason := rt.FallbackReason(); reason != "" {
		log.Print(reason) // e.g. "CUDA unavailable in this ONNX Runtime build; using CPU"
	}

	s, err := rt.NewSession("testdata/add.onnx")
	if err != nil {
		log.Fatal(err)
	}
	defer s.Close()
	out, err := s.Run(context.Background(), map[string]inference.Tensor{
		"a": inference.NewFloat32([]int64{1, 3}, []float32{1, 2, 3}),
		"b": inference.NewFloat32([]int64{1, 3}, []float32{10, 20, 30}),
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(out["sum"].Shape, out["sum"].Float32s())
}

// A library named by the --ort-lib flag (or DESCRIBER_ORT_LIB) must exist:
// FindLibrary never falls back to another one.
func ExampleFindLibrary() {
	_, err := ort.FindLibrary(ort.Options{LibraryPath: "/nonexistent/libonnxruntime.so"})
	fmt.Println(err)
	fmt.Println(errors.Is(err, ort.ErrLibraryNotFound))
	// Output:
	// ort: the ONNX Runtime library /nonexistent/libonnxruntime.so (from --ort-lib) does not exist
	// true
}
