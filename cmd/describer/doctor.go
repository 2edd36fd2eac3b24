package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"runtime"
	"strings"

	"github.com/describer/describer/inference/ort"
	"github.com/describer/describer/inference/vitgpt2"
	"github.com/describer/describer/models"
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
	w := m.Stdout
	fmt.Fprintf(w, "Data folder:     %s\n", models.DataDir())
	fmt.Fprintf(w, "Settings folder: %s\n", models.ConfigDir())
	runtimeOK := doctorRuntime(w, rf)
	modelOK := doctorModel(w, rf)
	modelOK = doctorOCR(w) && modelOK
	doctorVoice(w)
	doctorCatalog(w)
	switch {
	case !runtimeOK:
		return failedError{exitFailure}
	case modelOK:
		fmt.Fprintln(w, "Everything Describer needs is installed.")
	}
	return nil
}

func doctorRuntime(w io.Writer, rf runtimeFlags) bool {
	rt, err := ort.Open(rf.ortOptions())
	if err != nil {
		fmt.Fprintf(w, "ONNX Runtime:    MISSING — %s\n", sentence(err))
		var nf *ort.LibraryNotFoundError
		if errors.As(err, &nf) {
			fmt.Fprintln(w, "  Looked for it at:")
			for _, p := range nf.Tried {
				fmt.Fprintf(w, "    %s\n", p)
			}
		}
		fmt.Fprintln(w, "  Run \"describer models pull runtime\" (make run does) to fetch it.")
		return false
	}
	defer func() {
		if err := rt.Close(); err != nil {
			fmt.Fprintf(w, "  (closing ONNX Runtime: %s)\n", sentence(err))
		}
	}()
	fmt.Fprintf(w, "ONNX Runtime:    %s (version %s)\n", rt.LibraryPath(), rt.Version())
	dev := rt.Device()
	if r := rt.FallbackReason(); r != "" {
		dev += " — " + r
	}
	fmt.Fprintf(w, "Device:          %s\n", dev)
	for _, p := range rt.Providers() {
		state := "available"
		if !p.Available {
			state = "not available: " + p.Reason
		}
		fmt.Fprintf(w, "  provider %-9s %s\n", p.Name, state)
	}
	return true
}

func doctorModel(w io.Writer, rf runtimeFlags) bool {
	dir := rf.modelDir()
	enc, dec, err := vitgpt2.ModelFiles(dir)
	if err != nil {
		c := models.Caption
		fmt.Fprintf(w, "Caption model:   MISSING — %s\n", sentence(err))
		fmt.Fprintf(w, "  Run \"describer models pull caption\" to fetch %s (%s, %s licence), or download these files into %s:\n",
			c.Title, sizeOf(c), c.Licence, dir)
		for _, f := range c.Files {
			fmt.Fprintf(w, "    %s\n", f.Sources[0])
		}
		fmt.Fprintln(w, "  Without it, describe cannot caption images; describe --ocr-only still reads their text.")
		return false
	}
	fmt.Fprintf(w, "Caption model:   %s\n  encoder %s\n  decoder %s\n", dir, enc, dec)
	return true
}

// doctorOCR checks that every OCR file is present with the catalog's size.
func doctorOCR(w io.Writer) bool {
	st := models.Status(models.OCR)
	if st.State != models.Installed {
		var bad []string
		for _, f := range st.Files {
			if !f.OK {
				bad = append(bad, f.File.Path+" "+f.Problem)
			}
		}
		fmt.Fprintf(w, "OCR models:      MISSING — in %s, %s.\n", st.Dir, strings.Join(bad, "; "))
		fmt.Fprintf(w, "  Run \"describer models pull ocr\" (make run does): it fetches them with %s and checks their SHA-256.\n",
			models.OCR.Files[0].Sources[0])
		return false
	}
	fmt.Fprintf(w, "OCR models:      %s (%s, %s licence)\n", st.Dir, models.OCR.Title, models.OCR.Licence)
	return true
}

// doctorVoice says which Piper voice speech uses, or that it falls back
// to eSpeak NG; a missing voice is not a failure.
func doctorVoice(w io.Writer) {
	if v := engine.InstalledPiperVoice(""); v != "" {
		fmt.Fprintf(w, "Piper voice:     %s\n", v)
		return
	}
	def, ok := models.Lookup("voice")
	if !ok {
		fmt.Fprintln(w, "Piper voice:     none — speech uses eSpeak NG.")
		return
	}
	fmt.Fprintf(w, "Piper voice:     none — speech uses eSpeak NG; \"describer models pull voice\" fetches %s (%s, %s).\n",
		def.Title, sizeOf(def), def.Licence)
}

// doctorCatalog lists every model set of this platform with its state,
// from the catalog, and the command that fetches what is missing.
func doctorCatalog(w io.Writer) {
	fmt.Fprintln(w, "Model sets (describer models list):")
	var missing []string
	for _, s := range models.ForPlatform(runtime.GOOS, runtime.GOARCH) {
		st := models.Status(s)
		state := st.State.String()
		if s.OptIn && st.State == models.Missing {
			state = "not installed (opt-in)"
		} else if st.State != models.Installed && s.Default {
			missing = append(missing, s.Name)
		}
		fmt.Fprintf(w, "  %-14s %-22s %s\n", s.Name, state, sizeOf(s))
	}
	if len(missing) > 0 {
		fmt.Fprintf(w, "  Run \"describer models pull %s\" to fetch what is missing.\n", strings.Join(missing, " "))
	}
}
