package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/describer/describer/app/i18n"
	"github.com/describer/describer/inference"
	load "github.com/describer/describer/inference/loader"
	"github.com/describer/describer/inference/marian"
	"github.com/describer/describer/inference/ort"
)

// translateFlags are the translate command's settings.
type translateFlags struct {
	rf     runtimeFlags
	asJSON bool
	lang   string
	beams  int
	maxNew int
}

func (f *translateFlags) register(fs *flag.FlagSet) {
	f.rf.register(fs)
	fs.Lookup("model").Usage = "translation model folder in the Hugging Face layout (Xenova/opus-mt-en-XX's)"
	fs.BoolVar(&f.asJSON, "json", false, `print {"source", "translation", "lang", "model", "token_ids"}`)
	fs.StringVar(&f.lang, "lang", "", "the language to translate into, such as de: its installed translation set, unless --model is given (default: the model's tokenizer_config.json target_lang)")
	fs.IntVar(&f.beams, "beams", 0, "beam width (default: the model's generation_config.json; 1 = greedy, as transformers.js decodes)")
	fs.IntVar(&f.maxNew, "max-new-tokens", 0, "longest translation in tokens (default: the model's max_length)")
}

func (f *translateFlags) validate(args []string) error {
	if err := f.rf.validate(); err != nil {
		return err
	}
	switch {
	case f.beams < 0 || f.beams > inference.MaxBeams:
		return usageError{fmt.Sprintf("--beams must be from 0 (the model's setting) to %d", inference.MaxBeams)}
	case f.maxNew < 0 || f.maxNew > 1024:
		return usageError{"--max-new-tokens must be from 0 (the model's setting) to 1024"}
	case len(args) == 0:
		return usageError{"translate needs the English text to translate (or - to read it from standard input)"}
	case f.rf.model == "" && f.lang == "":
		return usageError{"translate needs --lang (an installed translation set, such as de) or --model DIR (a MarianMT folder in Xenova/opus-mt-en-XX's layout)"}
	}
	return nil
}

// translateResult is one translation as --json prints it.
type translateResult struct {
	Source      string  `json:"source"`
	Translation string  `json:"translation"`
	Lang        string  `json:"lang"`
	Model       string  `json:"model"`
	TokenIDs    []int64 `json:"token_ids"`
}

func (m *Main) translate(ctx context.Context, args []string) (err error) {
	fs := flag.NewFlagSet("translate", flag.ContinueOnError)
	var f translateFlags
	f.register(fs)
	if args, err = parseInterspersed(fs, args, m.Stdout); err != nil {
		return err
	}
	if err := f.validate(args); err != nil {
		return err
	}
	text, err := translateInput(args, m.Stdin)
	if err != nil {
		return err
	}
	rt, err := ort.Open(f.rf.ortOptions())
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, rt.Close()) }()
	dir, err := f.folder()
	if err != nil {
		return err
	}
	model, err := marian.Load(dir, rt.Opener(), marian.Options{Quantized: true, Beams: f.beams, MaxNewTokens: f.maxNew, Generate: rt.SpinningOpener()})
	if err != nil {
		return badInputError{fmt.Errorf("%s is not a whole MarianMT model folder (%w)", dir, err)}
	}
	defer func() { err = errors.Join(err, model.Close()) }()
	t, err := model.Translate(ctx, text)
	if err != nil {
		return err
	}
	if !f.asJSON {
		fmt.Fprintln(m.Stdout, t.Text)
		return nil
	}
	lang := f.lang
	if lang == "" {
		lang = model.TargetLanguage()
	}
	b, _ := json.Marshal(translateResult{Source: text, Translation: t.Text, Lang: lang, Model: dir, TokenIDs: append([]int64{}, t.Tokens...)})
	fmt.Fprintln(m.Stdout, string(b))
	return nil
}

// folder is --model, or the installed set of --lang.
func (f *translateFlags) folder() (string, error) {
	l, lang := load.Loader{TranslationDir: f.rf.model}, i18n.Base(f.lang)
	if f.rf.model == "" && !l.TranslationInstalled(lang) {
		return "", noTranslation(lang, "--model")
	}
	return l.TranslationPath(lang), nil
}

// translateInput is the text to translate: the arguments joined, or
// standard input for "-".
func translateInput(args []string, stdin io.Reader) (string, error) {
	if len(args) == 1 && args[0] == "-" {
		data, err := io.ReadAll(io.LimitReader(stdin, 1<<20+1))
		if err != nil {
			return "", badInputError{fmt.Errorf("standard input: %w", err)}
		}
		if len(data) > 1<<20 {
			return "", badInputError{errors.New("standard input holds over a megabyte of text: translate it in parts")}
		}
		return strings.TrimSpace(string(data)), nil
	}
	return strings.Join(args, " "), nil
}
