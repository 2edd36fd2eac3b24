package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"image"
	"strings"
	"time"

	"github.com/describer/describer/app"
	"github.com/describer/describer/app/i18n"
	"github.com/describer/describer/inference"
	load "github.com/describer/describer/inference/loader"
	"github.com/describer/describer/inference/smolvlm"
	"github.com/describer/describer/models"
)

// askFlags are the ask command's settings.
type askFlags struct {
	rf     runtimeFlags
	asJSON bool
	maxNew int
	split  string
	lf     langFlags
}

func (f *askFlags) register(fs *flag.FlagSet) {
	f.rf.register(fs)
	f.lf.register(fs)
	fs.Lookup("model").Usage = "question model folder in the Hugging Face layout (default: " + models.Dir(models.Question) + ")"
	fs.BoolVar(&f.asJSON, "json", false, "print one JSON object per answer")
	fs.IntVar(&f.maxNew, "max-new-tokens", smolvlm.DefaultMaxNewTokens, "longest answer in tokens")
	fs.StringVar(&f.split, "split", "auto", "cut the image into 512-pixel tiles for finer detail: on, off, or auto (the model's preprocessor_config.json)")
}

func (f *askFlags) validate(args []string) error {
	if err := f.rf.validate(); err != nil {
		return err
	}
	if err := f.lf.validate(); err != nil {
		return err
	}
	switch {
	case f.maxNew < 1 || f.maxNew > 4096:
		return usageError{"--max-new-tokens must be from 1 to 4096"}
	case f.split != "auto" && f.split != "on" && f.split != "off":
		return usageError{fmt.Sprintf("--split must be on, off or auto, not %q", f.split)}
	case len(args) == 0:
		return usageError{"ask needs an image file (or - for standard input), then a question; without a question it reads questions from standard input, one per line"}
	case args[0] == "-" && len(args) == 1:
		return usageError{"with the image on standard input, give the question on the command line"}
	}
	return nil
}

// askAnswer is one answer as --json prints it.
type askAnswer struct {
	Source       string     `json:"source"`
	Question     string     `json:"question"`
	Answer       string     `json:"answer"`
	Language     string     `json:"language,omitempty"`
	English      string     `json:"english_answer,omitempty"`
	TokenIDs     []int64    `json:"token_ids"`
	Finished     bool       `json:"finished"`
	Blank        bool       `json:"blank,omitempty"`
	Restarted    bool       `json:"restarted,omitempty"`
	Model        string     `json:"model"`
	Split        bool       `json:"split"`
	Tiles        int        `json:"tiles"`
	PromptTokens int        `json:"prompt_tokens"`
	Reused       int        `json:"reused_tokens"`
	Device       string     `json:"device,omitempty"`
	Timings      askTimings `json:"timings_ms"`
}

// askTimings are an answer's timings in milliseconds.
type askTimings struct {
	Load       float64 `json:"load,omitempty"`
	Vision     float64 `json:"vision"`
	Prefill    float64 `json:"prefill"`
	FirstToken float64 `json:"first_token"`
	Total      float64 `json:"total"`
}

func (m *Main) ask(ctx context.Context, args []string) (err error) {
	fs := flag.NewFlagSet("ask", flag.ContinueOnError)
	var f askFlags
	f.register(fs)
	args, err = parseInterspersed(fs, args, m.Stdout)
	if err != nil {
		return err
	}
	if err := f.validate(args); err != nil {
		return err
	}
	l := loader{&load.Loader{ORT: f.rf.ortOptions(), QuestionDir: f.rf.model}}
	defer func() { err = errors.Join(err, l.Close()) }()
	in := app.Input{Name: args[0], From: app.SourceFile}
	img, err := in.Image(ctx, nil, m.Stdin)
	if err != nil {
		return fmt.Errorf("%s: %w", displayName(in.Name), err)
	}
	r := &askRun{m: m, f: &f, l: l, source: in.Name}
	if r.tr, err = f.lf.translation(l); err != nil {
		return err
	}
	if r.tr != nil {
		defer i18n.Use(f.lf.lang)()
	}
	if err := r.open(img); err != nil {
		return err
	}
	defer func() { err = errors.Join(err, r.model.Close()) }()
	if len(args) > 1 {
		return r.one(ctx, strings.Join(args[1:], " "))
	}
	return r.lines(ctx)
}

// askRun is one conversation on the command line.
type askRun struct {
	m      *Main
	f      *askFlags
	l      loader
	source string
	model  *smolvlm.Model
	conv   *smolvlm.Conversation
	tr     app.Translator // into --lang; nil for English
	split  bool
	load   time.Duration
	status int
}

// open loads the model and starts the conversation.
func (r *askRun) open(img image.Image) error {
	start := time.Now()
	m, err := r.l.question()
	if err != nil {
		return err
	}
	r.model, r.load = m, time.Since(start)
	r.split = m.Splits()
	if r.f.split != "auto" {
		r.split = r.f.split == "on"
	}
	r.conv = m.Conversation(img, r.split)
	return nil
}

// questionModelError says in one sentence what is missing and how to get it.
func questionModelError(dir string, given bool, err error) error {
	if !errors.Is(err, inference.ErrNoModel) && !errors.Is(err, inference.ErrBadModel) {
		return err
	}
	q := models.Question
	if given {
		return badInputError{fmt.Errorf("%s is not a whole SmolVLM model folder (%w)", dir, err)}
	}
	return badInputError{fmt.Errorf("the question model is not installed; run \"%s\" to fetch %s (%s, %s licence), or pass --model DIR",
		q.PullCommand(), q.Title, q.SizeText(), q.Licence)}
}

// lines answers each line of standard input as the next question.
func (r *askRun) lines(ctx context.Context) error {
	sc := bufio.NewScanner(r.m.Stdin)

	for sc.Scan() {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		if err := r.one(ctx, sc.Text()); err != nil {
			if ctx.Err() != nil || !errors.As(err, new(usageError)) {
				return err
			}
			fmt.Fprintf(r.m.Stderr, "describer: %s\n", sentence(err))
			r.status = exitUsage
		}
	}
	if err := sc.Err(); err != nil {
		return badInputError{fmt.Errorf("standard input: a line is too long or unreadable: %w", err)}
	}
	if r.status != exitOK {
		return failedError{r.status}
	}
	return nil
}

// one answers q and prints the answer.
func (r *askRun) one(ctx context.Context, q string) error {
	var stream func(string)
	if !r.f.asJSON {
		stream = func(s string) { fmt.Fprint(r.m.Stdout, s) }
	}
	var local *app.SentenceTranslator
	if r.tr != nil {
		local = app.NewSentenceTranslator(ctx, r.tr, stream)
		stream = local.Add
	}
	a, err := r.conv.Ask(ctx, q, r.f.maxNew, stream)
	if errors.Is(err, smolvlm.ErrEmptyQuestion) || errors.Is(err, smolvlm.ErrLongQuestion) {
		return usageError{err.Error()}
	}
	if err != nil {
		return err
	}
	rec := r.record(a)
	if local != nil {
		if rec.Answer, err = local.Finish(a.Text); err != nil {
			return err
		}
		rec.Language, rec.English = r.f.lf.lang, a.Text
	}
	if r.f.asJSON {
		b, _ := json.Marshal(rec)
		fmt.Fprintln(r.m.Stdout, string(b))
		return nil
	}
	if a.Blank && local == nil {
		fmt.Fprint(r.m.Stdout, a.Text)
	}
	fmt.Fprintln(r.m.Stdout)
	if a.Restarted {
		fmt.Fprintln(r.m.Stderr, "describer: the conversation outgrew the model's memory, so this answer started afresh on the same image.")
	}
	return nil
}

// record is an answer as --json prints it; the load time goes with the
// first answer.
func (r *askRun) record(a smolvlm.Answer) askAnswer {
	t := a.Timings
	rec := askAnswer{
		Source: r.source, Question: a.Question, Answer: a.Text, TokenIDs: a.Tokens, Finished: a.Finished,
		Blank: a.Blank, Restarted: a.Restarted, Model: r.l.QuestionPath(), Split: r.split, Tiles: a.Tiles,
		PromptTokens: a.PromptTokens, Reused: a.Reused,
		Timings: askTimings{Load: app.Millis(r.load), Vision: app.Millis(t.Vision), Prefill: app.Millis(t.Prefill),
			FirstToken: app.Millis(t.FirstToken), Total: app.Millis(t.Total)},
	}
	rec.Device, _ = r.l.Device()
	if rec.TokenIDs == nil {
		rec.TokenIDs = []int64{}
	}
	r.load = 0
	return rec
}
