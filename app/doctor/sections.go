package doctor

import (
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"

	"github.com/describer/describer/inference/captioner"
	"github.com/describer/describer/models"
)

// writeRuntime reports on ONNX Runtime and its execution providers.
func (f Facts) writeRuntime(w io.Writer) bool {
	rt := f.Runtime
	if rt.Err != nil {
		fmt.Fprintf(w, "ONNX Runtime:    MISSING — %s\n", f.sentence(rt.Err))
		if len(rt.Tried) > 0 {
			fmt.Fprintln(w, "  Looked for it at:")
			for _, p := range rt.Tried {
				fmt.Fprintf(w, "    %s\n", p)
			}
		}
		fmt.Fprintf(w, "  Run %q (make run does) to fetch it.\n", runtimeSet().PullCommand())
		return false
	}
	fmt.Fprintf(w, "ONNX Runtime:    %s (version %s)\n", rt.Library, rt.Version)
	dev := rt.Device
	if rt.Fallback != "" {
		dev += " — " + rt.Fallback
	}
	fmt.Fprintf(w, "Device:          %s\n", dev)
	writeProviders(w, rt.Providers)
	if rt.CloseErr != nil {
		fmt.Fprintf(w, "  (closing ONNX Runtime: %s)\n", f.sentence(rt.CloseErr))
	}
	return true
}

// writeProviders says which execution providers can be used, and why not.
func writeProviders(w io.Writer, providers []Provider) {
	for _, p := range providers {
		state := "available"
		if !p.Available {
			state = "not available: " + p.Reason
		}
		fmt.Fprintf(w, "  provider %-9s %s\n", p.Name, state)
	}
}

// runtimeSet is this platform's ONNX Runtime set, or one that names it
// where the catalog has none.
func runtimeSet() models.Set {
	if s, ok := models.Lookup("runtime"); ok {
		return s
	}
	return models.Set{Name: "runtime", Kind: models.KindRuntime}
}

// writeCaption reports on the caption model (Florence-2, or the small one
// standing in for it) and, when none is installed, where to get
// Florence-2.
func (f Facts) writeCaption(w io.Writer) bool {
	dir, fallback := f.CaptionDir, false
	if dir == "" {
		dir, fallback = captioner.DefaultDir()
	}
	err := captioner.Check(dir)
	if err == nil {
		s := captioner.Set(dir)
		fmt.Fprintf(w, "Caption model:   %s (%s, %s licence)\n", dir, s.Title, s.Licence)
		if fallback {
			fmt.Fprintf(w, "  %s\n", f.sentence(errors.New(captioner.FallbackNote())))
		}
		return true
	}
	c := models.Caption
	fmt.Fprintf(w, "Caption model:   MISSING — %s\n", f.sentence(err))
	fmt.Fprintf(w, "  Run %q to fetch %s (%s, %s licence), or download these files into %s:\n",
		c.PullCommand(), c.Title, c.SizeText(), c.Licence, dir)
	for _, file := range c.Files {
		fmt.Fprintf(w, "    %s\n", file.Sources[0])
	}
	fmt.Fprintln(w, "  Without it, describe cannot caption images; it still reads their text.")
	return false
}

// writeQuestion says whether the question model is installed; a missing
// one is not a failure (descriptions do not need it).
func writeQuestion(w io.Writer) {
	q := models.Question
	if st := models.Status(q); st.State == models.Installed {
		fmt.Fprintf(w, "Question model:  %s (%s, %s licence)\n", st.Dir, q.Title, q.Licence)
		return
	}
	fmt.Fprintf(w, "Question model:  none — questions about an image need it; %q fetches %s (%s, %s licence).\n",
		q.PullCommand(), q.Title, q.SizeText(), q.Licence)
}

// writeOCR checks that every OCR file is present with the catalog's size.
func writeOCR(w io.Writer) bool {
	st := models.Status(models.OCR)
	if st.State == models.Installed {
		fmt.Fprintf(w, "OCR models:      %s (%s, %s licence)\n", st.Dir, models.OCR.Title, models.OCR.Licence)
		return true
	}
	var bad []string
	for _, file := range st.Files {
		if !file.OK {
			bad = append(bad, file.File.Path+" "+file.Problem)
		}
	}
	fmt.Fprintf(w, "OCR models:      MISSING — in %s, %s.\n", st.Dir, strings.Join(bad, "; "))
	fmt.Fprintf(w, "  Run %q (make run does): it fetches them with %s and checks their SHA-256.\n",
		models.OCR.PullCommand(), models.OCR.Files[0].Sources[0])
	return false
}

// writeVoice says which Piper voice speech uses, or that it falls back to
// eSpeak NG; a missing voice is not a failure.
func (f Facts) writeVoice(w io.Writer) {
	if f.Voice != "" {
		fmt.Fprintf(w, "Piper voice:     %s\n", f.Voice)
		return
	}
	def, ok := models.Lookup("voice")
	if !ok {
		fmt.Fprintln(w, "Piper voice:     none — speech uses eSpeak NG.")
		return
	}
	fmt.Fprintf(w, "Piper voice:     none — speech uses eSpeak NG; %q fetches %s (%s, %s).\n",
		def.PullCommand(), def.Title, def.SizeText(), def.Licence)
}

// writeCatalog lists every model set of this platform with its state, and
// the command that fetches the default sets that are missing.
func writeCatalog(w io.Writer) {
	fmt.Fprintln(w, "Model sets (describer models list):")
	var missing []models.Set
	for _, s := range models.ForPlatform(runtime.GOOS, runtime.GOARCH) {
		st := models.Status(s)
		state := st.State.String()
		if s.OptIn && st.State == models.Missing {
			state = "not installed (opt-in)"
		} else if st.State != models.Installed && s.Default {
			missing = append(missing, s)
		}
		fmt.Fprintf(w, "  %-14s %-22s %s\n", s.Name, state, s.SizeText())
	}
	if len(missing) > 0 {
		fmt.Fprintf(w, "  Run %q to fetch what is missing.\n", models.PullCommand(missing...))
	}
}
