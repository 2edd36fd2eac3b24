package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"strings"

	"github.com/describer/describer/app/doctor"
	"github.com/describer/describer/inference/ort"
	"github.com/describer/describer/speech/engine"
)

// doctor prints what Describer found — the ONNX Runtime library, the
// execution providers, the models — and how to get what is missing. It
// exits 1 when ONNX Runtime is missing or broken, since nothing runs
// without it; a missing model is reported but is not a failure.
func (m *Main) doctor(_ context.Context, args []string) error {
	fs := flag.NewFlagSet("doctor", flag.ContinueOnError)
	var rf runtimeFlags
	rf.register(fs)
	rest, err := parseInterspersed(fs, args, m.Stdout)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return usageError{fmt.Sprintf("doctor takes no arguments, got %q", strings.Join(rest, " "))}
	}
	if err := rf.validate(); err != nil {
		return err
	}
	facts := doctor.Facts{Runtime: runtimeFacts(rf.ortOptions()), CaptionDir: rf.model,
		Voice: engine.InstalledPiperVoice(""), Sentence: sentence}
	if !doctor.Write(m.Stdout, facts) {
		return failedError{exitFailure}
	}
	return nil
}

// runtimeFacts opens ONNX Runtime and says what it found: the library,
// the device and the providers, or why it cannot be opened.
func runtimeFacts(opt ort.Options) doctor.Runtime {
	rt, err := ort.Open(opt)
	if err != nil {
		var nf *ort.LibraryNotFoundError
		if errors.As(err, &nf) {
			return doctor.Runtime{Err: err, Tried: nf.Tried}
		}
		return doctor.Runtime{Err: err}
	}
	f := doctor.Runtime{Library: rt.LibraryPath(), Version: rt.Version(), Device: rt.Device(), Fallback: rt.FallbackReason()}
	for _, p := range rt.Providers() {
		f.Providers = append(f.Providers, doctor.Provider(p))
	}
	f.CloseErr = rt.Close()
	return f
}
