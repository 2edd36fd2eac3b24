package doctor_test

import (
	"errors"
	"io"
	"os"

	"github.com/describer/describer/app/doctor"
)

// The command opens ONNX Runtime itself and hands over what it found; the
// report's exit status follows whether the runtime works.
func ExampleWrite() {
	facts := doctor.Facts{Runtime: doctor.Runtime{Err: errors.New("ONNX Runtime library not found")}}
	if !doctor.Write(io.Discard, facts) {
		os.Stdout.WriteString("doctor fails: nothing runs without ONNX Runtime\n")
	}
	// Output: doctor fails: nothing runs without ONNX Runtime
}
