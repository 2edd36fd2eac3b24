// Command describer describes images and screens aloud with models that run
// on the user's own machine. This file holds the command-line front end;
// it is the only place that builds real adapters (ONNX Runtime sessions).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"

	"github.com/describer/describer/app"
	"github.com/describer/describer/inference"
	"github.com/describer/describer/internal/cliflag"
	"github.com/describer/describer/speech/espeak"
	"github.com/describer/describer/speech/screenreader"
)

// Exit statuses.
const (
	exitOK      = 0
	exitFailure = 1 // something failed while running
	exitUsage   = 2 // usage or bad input
	// exitStopped is the shell's status for a program ended by Ctrl+C.
	exitStopped = 130
)

// Main is the whole program, so tests can run it in-process with their own
// arguments and streams.
type Main struct {
	// Stdin is read by "describe -" and "speak -".
	Stdin io.Reader
	// Stdout receives results; Stderr one sentence per problem.
	Stdout, Stderr io.Writer
	// Desktop captures the screen for "describe --screen"; nil means the
	// real desktop.
	Desktop app.Desktop
}

// usageError is a mistake in how the command was called.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

const usage = `Describer describes your screen and images aloud, with models on your own machine.

Usage:
  describer [flags] [FILE...]          start the desktop app (and describe the files)
  describer describe [flags] FILE...   the text and a caption of images (- reads standard input;
                                       --screen, --window, --clipboard capture instead)
  describer ask [flags] IMAGE [QUESTION]
                                       answer a question about an image; without QUESTION, answer
                                       each line of standard input, as one conversation
  describer history list|search WORDS|show ID|export --json|clear
                                       the descriptions kept, and finding one again
  describer translate [--lang L | --model DIR] TEXT|-
                                       translate English text with a MarianMT model
  describer speak [flags] TEXT|-       say text aloud (- reads standard input)
  describer eval --annotations FILE (--images DIR | --results FILE) [--detail D] [--model DIR] [--json]
                                       score captions as the COCO benchmark does: BLEU-1..4, METEOR,
                                       ROUGE-L and CIDEr-D against a COCO annotations file
  describer doctor [flags]             show what is installed and what is missing
  describer models list                list the model sets: installed or missing, size, licence
  describer models pull [SET...]       fetch and verify model sets (default: runtime, ocr, voice, caption)
  describer models verify [SET...]     re-hash the installed files; exit 1 naming any bad one
  describer models remove SET...       delete a model set
  describer help                       show this help

App flags: --log-descriptions FILE, --engine E, --voice V, --model DIR, --ocr-models DIR, --device D,
--ort-lib PATH, --threads N, --theme dark|light|high-contrast-dark|high-contrast-light, --text-size PERCENT. Run "describer describe -h", "describer speak -h" or "describer models pull -h"
for the commands' flags.
Files live in $DESCRIBER_HOME, else the platform's data folder (~/.local/share/describer on Linux).
`

// Run runs the command line args (without the program name) and returns
// the exit status.
func (m *Main) Run(ctx context.Context, args []string) int {
	if len(args) == 0 || strings.HasPrefix(args[0], "-") && args[0] != "-h" && args[0] != "--help" || isFile(args[0]) {
		return m.report(m.gui(ctx, args))
	}
	var err error
	switch args[0] {
	case "describe":
		err = m.describe(ctx, args[1:])
	case "ask":
		err = m.ask(ctx, args[1:])
	case "translate":
		err = m.translate(ctx, args[1:])
	case "doctor":
		err = m.doctor(ctx, args[1:])
	case "models":
		err = m.models(ctx, args[1:])
	case "speak":
		err = m.speak(ctx, args[1:])
	case "history":
		err = m.history(ctx, args[1:])
	case "eval":
		err = m.eval(ctx, args[1:])
	case "help", "-h", "--help":
		fmt.Fprint(m.Stdout, usage)
		return exitOK
	default:
		err = usageError{fmt.Sprintf("unknown command %q; run \"describer help\" to see the commands", args[0])}
	}
	return m.report(err)
}

// isFile reports whether arg names an existing file (describer photo.png
// opens the app on it).
func isFile(arg string) bool {
	st, err := os.Stat(arg)
	return err == nil && !st.IsDir()
}

// report prints err as one line and maps it to an exit status.
func (m *Main) report(err error) int {
	var ue usageError
	var fe failedError
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &fe):
		return fe.status // already reported, one line per failed input
	case errors.As(err, &ue):
		fmt.Fprintf(m.Stderr, "describer: %s\n", sentence(ue))
		return exitUsage
	case errors.Is(err, context.Canceled):
		fmt.Fprintln(m.Stderr, "describer: stopped.")
		return exitStopped
	}
	fmt.Fprintf(m.Stderr, "describer: %s\n", sentence(err))
	return statusOf(err)
}

// badInputError marks a failure caused by what the user gave (a voice
// file, a voice name), for exit status 2.
type badInputError struct{ err error }

func (e badInputError) Error() string { return e.err.Error() }
func (e badInputError) Unwrap() error { return e.err }

// failedError says that some inputs failed and were already reported.
type failedError struct{ status int }

func (e failedError) Error() string { return fmt.Sprintf("exit status %d", e.status) }

// packagePrefixes are the operation prefixes that Describer's packages put
// on errors: useful in logs, noise to the person listening.
var packagePrefixes = strings.NewReplacer("ort: ", "", "piper: ", "", "espeak: ", "", "screenreader: ", "", "speech: ", "")

// sentence renders err as one line ending in a full stop, without package
// prefixes.
func sentence(err error) string {
	s := strings.Join(strings.Fields(err.Error()), " ")
	s = packagePrefixes.Replace(s)
	if s != "" && !strings.ContainsAny(s[len(s)-1:], ".!?") {
		s += "."
	}
	return s
}

func main() {
	debug.SetGCPercent(inference.GCPercent)
	restoreStderr()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	m := &Main{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr}
	code := m.Run(ctx, os.Args[1:])
	stop()
	os.Exit(code)
}

// statusOf maps an error to an exit status: bad input or set-up → 2,
// anything else → 1.
func statusOf(err error) int {
	if errors.Is(err, screenreader.ErrNotRunning) {
		return exitFailure
	}
	var ue usageError
	var be badInputError
	if app.IsBadInput(err) || errors.As(err, &ue) || errors.As(err, &be) || errors.Is(err, espeak.ErrUnknownVoice) {
		return exitUsage
	}
	return exitFailure
}

// synopses are the usage lines that -h prints, by command.
var synopses = map[string]string{
	"describe":  "describe [flags] FILE...   (- reads an image from standard input)",
	"speak":     "speak [flags] TEXT...      (- reads the text from standard input)",
	"ask":       "ask [flags] IMAGE [QUESTION]   (no QUESTION: one question per line of standard input)",
	"translate": "translate [--lang L | --model DIR] [flags] TEXT...   (- reads the text from standard input)",
	"doctor":    "doctor [flags]",
	"eval":      "eval --annotations FILE (--images DIR | --results FILE) [flags]",
}

// parseInterspersed parses flags wherever they stand (see cliflag.Parse);
// -h prints the command's usage and exits 0.
func parseInterspersed(fs *flag.FlagSet, args []string, help io.Writer) ([]string, error) {
	pos, err := cliflag.Parse(fs, args, help, synopses[fs.Name()])
	switch {
	case errors.Is(err, flag.ErrHelp):
		return nil, failedError{exitOK}
	case err != nil:
		return nil, usageError{err.Error()}
	}
	return pos, nil
}
