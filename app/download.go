package app

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/describer/describer/app/i18n"
	"github.com/describer/describer/models"
)

// DownloadWindow is the window's side of the download offer.
type DownloadWindow interface {
	// SetStatus shows msg in the status line.
	SetStatus(msg string)
	// AskDownload asks question; yes or no runs with the answer.
	AskDownload(question string, yes, no func())
}

// Preferences keeps the user's answer between runs; fyne.Preferences
// satisfies it.
type Preferences interface {
	Bool(key string) bool
	SetBool(key string, value bool)
}

// PrefDownloadDeclined remembers "Not now" to the download question.
const PrefDownloadDeclined = "download_declined"

// Downloads offers the default model sets that are missing and downloads
// them, saying how far it got. Set Missing, Window, Prefs and Say at least.
type Downloads struct {
	// Missing lists the default model sets that are not installed.
	Missing func() []models.Set
	// Window shows the status and asks the question.
	Window DownloadWindow
	// Prefs remembers "Not now".
	Prefs Preferences
	// Say speaks a message.
	Say func(msg string)
	// Installed, when set, runs after a download finished: use what was
	// installed (reload the models, switch to a new voice).
	Installed func()
	// Plan and Pull plan and fetch the download; nil means models.PlanPull
	// and models.PullPlan.
	Plan func(sets []models.Set, opt models.Options) (models.Plan, error)
	Pull func(ctx context.Context, plan models.Plan, opt models.Options) error

	mu     sync.Mutex
	cancel context.CancelFunc // of the download in progress
}

// Offer says once what is missing, with the command that fetches it, and
// asks whether to download it now (unless the user said "Not now" before),
// after prefix (a sentence to say first, or ""). A yes downloads under ctx.
// It reports whether anything was missing.
func (o *Downloads) Offer(ctx context.Context, prefix string) bool {
	missing := o.Missing()
	later := models.PullCommand() // the default sets
	if slices.ContainsFunc(missing, func(s models.Set) bool { return s.Kind == models.KindTranslation }) {
		later = models.PullCommand(missing...)
	}
	return o.offer(ctx, missing, prefix, PrefDownloadDeclined, later)
}

// PrefQuestionDeclined remembers "Not now" to the question model's offer.
const PrefQuestionDeclined = "download_question_declined"

// OfferQuestion offers the question model, the first time a question is
// asked without it (and after that until the user says "Not now").
func (o *Downloads) OfferQuestion(ctx context.Context) {
	o.offer(ctx, []models.Set{models.Question}, i18n.T("download.question-needed"), PrefQuestionDeclined,
		models.PullCommand(models.Question))
}

// OfferTranslation offers set, the translation into language (named in
// itself), with its size and licence, when the user picks that language
// (and until the user says "Not now" to it).
func (o *Downloads) OfferTranslation(ctx context.Context, set models.Set, language string) {
	prefix := i18n.T("download.translation-needed", "Language", language, "Licence", set.Licence)
	o.offer(ctx, []models.Set{set}, prefix, PrefTranslationDeclined+set.Name, models.PullCommand(set))
}

// PrefTranslationDeclined, followed by the set's name, remembers "Not
// now" to a translation model's offer.
const PrefTranslationDeclined = "download_declined_"

// offer offers missing, remembering "Not now" under declined and saying
// then that later fetches them.
func (o *Downloads) offer(ctx context.Context, missing []models.Set, prefix, declined, later string) bool {
	if len(missing) == 0 {
		return false
	}
	var names, sized []string
	for _, s := range missing {
		names = append(names, s.Name)
		sized = append(sized, fmt.Sprintf("%s (%s)", s.Name, i18n.Bytes(s.Size())))
	}
	note := i18n.T("download.note", "Sets", strings.Join(sized, ", "), "Without", withoutThem(missing),
		"Command", models.PullCommand(missing...))
	if prefix != "" {
		note = prefix + " " + note
	}
	o.Window.SetStatus(note)
	plan, err := o.plan(missing)
	if err != nil || plan.Files == 0 || o.Prefs.Bool(declined) {
		o.Say(note)
		return true
	}
	question := strings.TrimSpace(prefix + " " + i18n.T("download.ask", "Sets", strings.Join(names, ", "),
		"Without", withoutThem(missing), "Size", i18n.Bytes(plan.Bytes)))
	o.Window.AskDownload(question, func() { go o.Download(ctx, plan) }, func() {
		o.Prefs.SetBool(declined, true)
		o.Say(i18n.T("download.not-now", "Command", later))
	})
	return true
}

func (o *Downloads) plan(missing []models.Set) (models.Plan, error) {
	if o.Plan != nil {
		return o.Plan(missing, models.Options{})
	}
	return models.PlanPull(missing, models.Options{})
}

// withoutThem says what the app does without the missing sets.
func withoutThem(missing []models.Set) string {
	var parts []string
	for _, s := range missing {
		switch s.Kind {
		case models.KindCaption:
			parts = append(parts, captionMeanwhile())
		case models.KindVoice:
			parts = append(parts, i18n.T("without.voice"))
		case models.KindQuestion:
			parts = append(parts, i18n.T("without.question"))
		case models.KindOCR:
			parts = append(parts, i18n.T("without.ocr"))
		case models.KindRuntime:
			parts = append(parts, i18n.T("without.runtime"))
		case models.KindTranslation:
			parts = append(parts, i18n.T("without.translation"))
		}
	}
	return strings.Join(parts, i18n.T("list.and"))
}

// captionMeanwhile says how pictures are captioned without Florence-2:
// by the small model when it is installed, else not at all.
func captionMeanwhile() string {
	if models.SmallCaptionInstalled() {
		return i18n.T("without.caption-small")
	}
	return i18n.T("without.caption")
}

// Download fetches plan, saying its progress every 25 %; Stop cancels it.
func (o *Downloads) Download(ctx context.Context, plan models.Plan) {
	ctx, cancel := context.WithCancel(ctx)
	o.mu.Lock()
	o.cancel = cancel
	o.mu.Unlock()
	defer func() {
		cancel()
		o.mu.Lock()
		o.cancel = nil
		o.mu.Unlock()
	}()
	o.Say(i18n.T("download.started", "Size", i18n.Bytes(plan.Bytes)))
	err := o.pull(ctx, plan, models.Options{Progress: o.progress()})
	// A pull that finished is used even when Stop came at the same moment.
	switch {
	case err != nil && ctx.Err() != nil:
		o.tell(i18n.T("download.cancelled"))
	case err != nil:
		o.tell(Sentence(err))
	default:
		o.tell(i18n.T("download.finished"))
		if o.Installed != nil {
			o.Installed()
		}
	}
}

func (o *Downloads) pull(ctx context.Context, plan models.Plan, opt models.Options) error {
	if o.Pull != nil {
		return o.Pull(ctx, plan, opt)
	}
	return models.PullPlan(ctx, plan, opt)
}

// progress shows the download's percentage and says each quarter.
func (o *Downloads) progress() func(models.Progress) {
	var mu sync.Mutex
	quarter := 0
	return func(p models.Progress) {
		if p.Total <= 0 {
			return
		}
		pct := int(min(100, p.Done*100/p.Total))
		mu.Lock()
		defer mu.Unlock()
		o.Window.SetStatus(i18n.T("download.status", "Percent", pct))
		if q := pct / 25; q > quarter && q < 4 {
			quarter = q
			o.Say(i18n.T("download.progress", "Percent", q*25))
		}
	}
}

// Stop cancels the download in progress, if any.
func (o *Downloads) Stop() {
	o.mu.Lock()
	cancel := o.cancel
	o.mu.Unlock()
	if cancel != nil {
		cancel()
	}
}

// tell shows msg in the status line and says it.
func (o *Downloads) tell(msg string) {
	o.Window.SetStatus(msg)
	o.Say(msg)
}
