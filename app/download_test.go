package app_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/describer/describer/app"
	"github.com/describer/describer/models"
)

// window records the status lines and questions, and answers with yes.
type window struct {
	mu        sync.Mutex
	status    []string
	questions []string
	yes       bool
}

func (w *window) SetStatus(msg string) { w.mu.Lock(); w.status = append(w.status, msg); w.mu.Unlock() }

func (w *window) AskDownload(q string, yes, no func()) {
	w.mu.Lock()
	w.questions = append(w.questions, q)
	w.mu.Unlock()
	if w.yes {
		yes()
	} else {
		no()
	}
}

type prefs map[string]bool

func (p prefs) Bool(key string) bool           { return p[key] }
func (p prefs) SetBool(key string, value bool) { p[key] = value }

// said collects what a Downloads says, safely across goroutines.
type said struct {
	mu   sync.Mutex
	msgs []string
}

func (s *said) say(msg string) { s.mu.Lock(); s.msgs = append(s.msgs, msg); s.mu.Unlock() }

func (s *said) all() []string { s.mu.Lock(); defer s.mu.Unlock(); return slices.Clone(s.msgs) }

var (
	captionSet = models.Set{Name: "caption", Kind: models.KindCaption, Files: []models.File{{Size: 1_500_000}}}
	ocrSet     = models.Set{Name: "ocr", Kind: models.KindOCR, Files: []models.File{{Size: 15_000_000}}}
)

func newDownloads(w *window, p prefs, s *said, missing ...models.Set) *app.Downloads {
	return &app.Downloads{Missing: func() []models.Set { return missing }, Window: w, Prefs: p, Say: s.say,
		Plan: func([]models.Set, models.Options) (models.Plan, error) {
			return models.Plan{Files: 2, Bytes: 16_500_000}, nil
		}}
}

func TestOfferSaysWhatIsMissing(t *testing.T) {
	const note = "Started. Not installed: caption (1.5 MB), ocr (15.0 MB). Without them, Describer reads the text but " +
		"does not caption pictures, and Describer cannot read text. To fetch them, run: describer models pull caption ocr."
	const question = "Started. Not installed: caption, ocr. Without them, Describer reads the text but does not caption " +
		"pictures, and Describer cannot read text. Download 16.5 MB now?"
	t.Run("nothing missing", func(t *testing.T) {
		w, s := &window{}, &said{}
		if newDownloads(w, prefs{}, s).Offer(context.Background(), "Started.") || len(w.status)+len(s.all()) != 0 {
			t.Errorf("offered nothing missing: %q %q", w.status, s.all())
		}
	})
	t.Run("declined before", func(t *testing.T) {
		w, s := &window{}, &said{}
		p := prefs{app.PrefDownloadDeclined: true}
		if !newDownloads(w, p, s, captionSet, ocrSet).Offer(context.Background(), "Started.") {
			t.Fatal("Offer reported nothing missing")
		}
		if !slices.Equal(w.status, []string{note}) || !slices.Equal(s.all(), []string{note}) || len(w.questions) != 0 {
			t.Errorf("status %q, said %q, asked %q", w.status, s.all(), w.questions)
		}
	})
	t.Run("not now", func(t *testing.T) {
		w, s, p := &window{}, &said{}, prefs{}
		newDownloads(w, p, s, captionSet, ocrSet).Offer(context.Background(), "Started.")
		if !slices.Equal(w.questions, []string{question}) {
			t.Errorf("asked %q, want %q", w.questions, question)
		}
		if !p[app.PrefDownloadDeclined] || !slices.Equal(s.all(), []string{"Not now. To download later, run: describer models pull."}) {
			t.Errorf("declined %v, said %q", p[app.PrefDownloadDeclined], s.all())
		}
	})
}

// A translation set offered with the default ones is named in the
// command for later, which fetches only the default sets by itself.
func TestNotNowNamesTheTranslation(t *testing.T) {
	tr := models.Set{Name: "translate-de", Kind: models.KindTranslation, Files: []models.File{{Size: 111_500_000}}}
	w, s := &window{}, &said{}
	newDownloads(w, prefs{}, s, ocrSet, tr).Offer(context.Background(), "")
	if want := []string{"Not now. To download later, run: describer models pull ocr translate-de."}; !slices.Equal(s.all(), want) {
		t.Errorf("said %q, want %q", s.all(), want)
	}
}

func TestDownload(t *testing.T) {
	failed := errors.New("models: fetch ocr: connection refused")
	for _, tc := range []struct {
		name      string
		err       error
		cancel    bool
		last      string
		installed bool
	}{
		{"finished", nil, false, "Download finished.", true},
		{"failed", failed, false, app.Sentence(failed), false},
		{"stopped", nil, true, "Download cancelled.", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w, s := &window{yes: true}, &said{}
			installed := make(chan struct{}, 1)
			o := newDownloads(w, prefs{}, s, ocrSet)
			o.Installed = func() { installed <- struct{}{} }
			done := make(chan struct{})
			o.Pull = func(ctx context.Context, _ models.Plan, opt models.Options) error {
				defer close(done)
				for _, n := range []int64{10, 30, 55, 60, 100} {
					opt.Progress(models.Progress{Done: n, Total: 100})
				}
				if tc.cancel {
					o.Stop()
					<-ctx.Done()
					return ctx.Err() // as a real pull stopped midway
				}
				return tc.err
			}
			o.Offer(context.Background(), "")
			<-done
			want := []string{"Downloading 16.5 MB. Press Stop to cancel.", "25 percent downloaded.", "50 percent downloaded.",
				tc.last}
			waitFor(t, func() bool { return len(s.all()) == len(want) })
			o.Stop() // after the download: nothing to cancel (Stop before the outcome was said would race it)
			if got := s.all(); !slices.Equal(got, want) {
				t.Errorf("said %q, want %q", got, want)
			}
			if w.mu.Lock(); !strings.HasPrefix(w.status[1], "Downloading models: 10%") || w.status[len(w.status)-1] != tc.last {
				t.Errorf("status %q", w.status)
			}
			w.mu.Unlock()
			if tc.installed {
				select {
				case <-installed:
				case <-time.After(5 * time.Second):
					t.Error("Installed was not called after the download")
				}
			} else if len(installed) != 0 {
				t.Error("Installed was called after a download that did not finish")
			}
		})
	}
}

// With the small caption model installed, the offer of Florence-2 says
// that the small one captions meanwhile.
func TestOfferWithTheSmallCaptionModel(t *testing.T) {
	t.Setenv(models.EnvHome, t.TempDir())
	for _, f := range models.CaptionSmall.Files { // the right sizes, as Status checks them
		p := filepath.Join(models.Dir(models.CaptionSmall), filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, nil, 0o644); err != nil || os.Truncate(p, f.Size) != nil {
			t.Fatal(err)
		}
	}
	w, s := &window{}, &said{}
	newDownloads(w, prefs{app.PrefDownloadDeclined: true}, s, captionSet).Offer(context.Background(), "")
	want := "Without them, the small caption model describes pictures, in one level of detail."
	if len(s.all()) != 1 || !strings.Contains(s.all()[0], want) {
		t.Errorf("said %q; want %q", s.all(), want)
	}
}

// Asking without the question model offers it: the question names what
// it is for, "Not now" is remembered apart from the start-up offer's and
// names the command for that set alone.
func TestOfferQuestion(t *testing.T) {
	w, p, s := &window{}, prefs{}, &said{}
	d := newDownloads(w, p, s)
	var planned []models.Set
	d.Plan = func(sets []models.Set, _ models.Options) (models.Plan, error) {
		planned = sets
		return models.Plan{Files: 3, Bytes: 260_000_000}, nil
	}
	d.OfferQuestion(context.Background())
	if len(planned) != 1 || planned[0].Name != "question" || len(w.questions) != 1 ||
		!strings.HasPrefix(w.questions[0], "To answer questions about an image, Describer needs the question model.") ||
		!strings.Contains(w.questions[0], "cannot answer questions") {
		t.Fatalf("planned %v, asked %q", planned, w.questions)
	}
	if !p[app.PrefQuestionDeclined] || p[app.PrefDownloadDeclined] {
		t.Errorf("prefs %v after Not now", p)
	}
	if got := s.all(); len(got) != 1 || !strings.HasSuffix(got[0], "describer models pull question.") {
		t.Errorf("said %q", got)
	}
	d.OfferQuestion(context.Background()) // declined: said, not asked
	if len(w.questions) != 1 || len(s.all()) != 2 {
		t.Errorf("after Not now: asked %d times, said %q", len(w.questions), s.all())
	}
}
