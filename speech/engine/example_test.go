package engine_test

import (
	"fmt"

	"github.com/describer/describer/speech/engine"
)

// The settings offer the engines and save their names.
func ExampleNames() {
	fmt.Println(engine.Names())
	fmt.Println(engine.Check("sam"))
	// Output:
	// [auto piper espeak screenreader]
	// unknown engine "sam"; use auto, piper, espeak or screenreader
}
