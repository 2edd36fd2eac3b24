package piper

import (
	"fmt"
	"strings"

	"github.com/describer/describer/inference"
)

// The input and output names of a Piper export.
const (
	inputIDs     = "input"
	inputLengths = "input_lengths"
	inputScales  = "scales"
	inputSpeaker = "sid"
	outputAudio  = "output"
)

// binding holds the names of the model's inputs and output, as the model
// declares them; sid is "" when the model has none.
type binding struct {
	input, lengths, scales, sid, output string
}

// bind checks the model's declared inputs and outputs against Piper's
// contract and returns their names.
func bind(s inference.Session, cfg Config, path string) (binding, error) {
	want := map[string]inference.DType{inputIDs: inference.Int64, inputLengths: inference.Int64,
		inputScales: inference.Float32, inputSpeaker: inference.Int64}
	var b binding
	for _, in := range s.Inputs() {
		dt, ok := want[in.Name]
		if !ok {
			return b, fmt.Errorf("piper: %s is not a Piper voice: it has an input %q (Piper voices take input, input_lengths, scales and sid)", path, in.Name)
		}
		if in.DType != dt {
			return b, fmt.Errorf("piper: %s is not a Piper voice: its input %q is %s, not %s", path, in.Name, in.DType, dt)
		}
		switch in.Name {
		case inputIDs:
			b.input = in.Name
		case inputLengths:
			b.lengths = in.Name
		case inputScales:
			b.scales = in.Name
		case inputSpeaker:
			b.sid = in.Name
		}
	}
	var missing []string
	for _, in := range []struct{ name, got string }{{inputIDs, b.input}, {inputLengths, b.lengths}, {inputScales, b.scales}} {
		if in.got == "" {
			missing = append(missing, in.name)
		}
	}
	if len(missing) > 0 {
		return b, fmt.Errorf("piper: %s is not a Piper voice: it has no input %s", path, strings.Join(missing, " or "))
	}
	if cfg.NumSpeakers > 1 && b.sid == "" {
		return b, fmt.Errorf("piper: voice %s has %d speakers in its config but its model has no sid input", path, cfg.NumSpeakers)
	}
	outs := s.Outputs()
	for _, o := range outs {
		if o.Name == outputAudio {
			b.output = o.Name
		}
	}
	if b.output == "" && len(outs) == 1 {
		b.output = outs[0].Name
	}
	if b.output == "" {
		return b, fmt.Errorf("piper: %s is not a Piper voice: it has no output %q", path, outputAudio)
	}
	return b, nil
}
