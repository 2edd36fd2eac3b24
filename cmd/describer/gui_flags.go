package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/describer/describer/models"
	"github.com/describer/describer/speech/engine"
)

// guiFlags are the desktop app's command-line settings; they override
// the saved Settings for this run.
type guiFlags struct {
	rf      runtimeFlags
	ocrDir  string
	askDir  string
	trDir   string
	logFile string
	engine  string
	voice   string
	trace   string
	// theme and textSize override the window's look for this run; ""
	// and 0 keep the settings'.
	theme    string
	textSize int
	// deviceSet is true when --device was given; otherwise the device
	// comes from the settings.
	deviceSet bool
}

func (g *guiFlags) register(fs *flag.FlagSet) {
	g.rf.register(fs)
	fs.StringVar(&g.ocrDir, "ocr-models", "", "folder of the PP-OCRv4 models (default: "+models.Dir(models.OCR)+")")
	fs.StringVar(&g.askDir, "question-model", "", "folder of the question model (default: "+models.Dir(models.Question)+")")
	fs.StringVar(&g.trDir, "translate-model", "", "folder of the model that translates into the chosen language (default: that language's, under "+models.ModelsDir()+")")
	fs.StringVar(&g.logFile, "log-descriptions", "", "append each description to `FILE`, one line each")
	fs.StringVar(&g.engine, "engine", "", "speech engine for this run: "+engine.NameList())
	fs.StringVar(&g.voice, "voice", "", "voice for this run (a Piper .onnx file or an eSpeak NG voice name)")
	fs.StringVar(&g.theme, "theme", "", "colours for this run: dark, light, high-contrast-dark, high-contrast-light or auto")
	fs.IntVar(&g.textSize, "text-size", 0, "text size for this run, in `PERCENT` from 100 to 400")
	fs.StringVar(&g.trace, "trace", "", "append timing events (hotkey, earcon, first audio) to `FILE`")
}

// parseGUI parses the desktop app's flags and checks its files.
func (m *Main) parseGUI(args []string) (g guiFlags, files []string, err error) {
	fs := flag.NewFlagSet("describer", flag.ContinueOnError)
	g.register(fs)
	if files, err = parseInterspersed(fs, args, m.Stdout); err != nil {
		return g, nil, err
	}
	fs.Visit(func(f *flag.Flag) { g.deviceSet = g.deviceSet || f.Name == "device" })
	if err := g.rf.validate(); err != nil {
		return g, nil, err
	}
	if g.engine != "" {
		if err := checkEngine(g.engine); err != nil {
			return g, nil, err
		}
	}
	files, err = absFiles(files)
	return g, files, err
}

// absFiles makes each file's path absolute, for a running app to find.
func absFiles(files []string) ([]string, error) {
	for i, f := range files {
		abs, err := filepath.Abs(f)
		if err == nil {
			_, err = os.Stat(abs)
		}
		if err != nil {
			return nil, usageError{fmt.Sprintf("%s: no such file", f)}
		}
		files[i] = abs
	}
	return files, nil
}
