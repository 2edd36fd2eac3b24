// Package doctor writes the report of "describer doctor": where
// Describer keeps its files, whether ONNX Runtime loads and on which
// device, which models and voice are installed, and the command that
// fetches each one that is missing. The caller gathers what needs native
// code (opening ONNX Runtime, finding the Piper voice) and passes it in as
// plain values; the model folders are checked here. So the report is plain
// Go, tested without cgo: this package imports neither ONNX Runtime nor
// the speech engines.
package doctor

import (
	"fmt"
	"io"

	"github.com/describer/describer/models"
)

// Facts are what the caller found out for the report.
type Facts struct {
	// Runtime is what opening ONNX Runtime gave.
	Runtime Runtime
	// CaptionDir is the caption model folder to check; empty means the
	// caption set's folder in the data folder.
	CaptionDir string
	// Voice is the Piper voice file speech uses; empty when none is
	// installed (speech falls back to eSpeak NG).
	Voice string
	// Sentence renders an error as one line of the report; nil uses the
	// error's text.
	Sentence func(error) string
}

// Runtime is what opening ONNX Runtime gave.
type Runtime struct {
	// Err is why ONNX Runtime could not be opened; nil when it was.
	Err error
	// Tried lists where the library was looked for, when it was not found.
	Tried []string
	// Library is the path of the library loaded, Version its version.
	Library, Version string
	// Device is where models run; Fallback, when set, says why it is not
	// the device asked for.
	Device, Fallback string
	// Providers says which execution providers can be used.
	Providers []Provider
	// CloseErr is what closing ONNX Runtime again returned.
	CloseErr error
}

// Provider says whether one execution provider can be used here.
type Provider struct {
	// Name is the device name: cpu, cuda, directml or coreml.
	Name string
	// Available is true when the provider could be enabled.
	Available bool
	// Reason says why the provider is unavailable; empty when Available.
	Reason string
}

// Write writes the report on f to w and reports whether ONNX Runtime
// works: nothing runs without it, so doctor fails when it does not. A
// missing model is reported but is not a failure.
func Write(w io.Writer, f Facts) (runtimeOK bool) {
	fmt.Fprintf(w, "Data folder:     %s\n", models.DataDir())
	fmt.Fprintf(w, "Settings folder: %s\n", models.ConfigDir())
	runtimeOK = f.writeRuntime(w)
	modelOK := f.writeCaption(w)
	modelOK = writeOCR(w) && modelOK
	writeQuestion(w)
	f.writeVoice(w)
	writeCatalog(w)
	if runtimeOK && modelOK {
		fmt.Fprintln(w, "Everything Describer needs is installed.")
	}
	return runtimeOK
}

// sentence renders err as Sentence does, or as its text.
func (f Facts) sentence(err error) string {
	if f.Sentence != nil {
		return f.Sentence(err)
	}
	return err.Error()
}
