package engine_test

import (
	"fmt"

	"github.com/describer/describer/speech/engine"
)

// The settings offer the engines by label and save their names.
func ExampleChoices() {
	for _, c := range engine.Choices() {
		fmt.Printf("%-12s %s\n", c.Name, c.Label)
	}
	fmt.Println(engine.Check("sam"))
	// Output:
	// auto         Automatic
	// piper        Piper, natural voice
	// espeak       eSpeak NG, fast voice
	// screenreader My screen reader
	// unknown engine "sam"; use auto, piper, espeak or screenreader
}
