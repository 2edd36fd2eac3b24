package app_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/describer/describer/app"
	"github.com/describer/describer/app/i18n"
)

// shouty "translates" by upper-casing and counts its calls.
type shouty struct{ calls []string }

func (s *shouty) Translate(_ context.Context, text string) (string, error) {
	s.calls = append(s.calls, text)
	return strings.ToUpper(text), nil
}

// german is a Translation into German with tr, telling told.
func german(tr app.Translator, installed bool, told *[]string) *app.Translation {
	m := &app.Model[app.Translator]{Open: func() (app.Translator, error) { return tr, nil },
		Installed: func() bool { return installed }, Missing: "not installed", Optional: true}
	return &app.Translation{Language: func() string { return "de" },
		Model: func(lang string) *app.Model[app.Translator] { return m },
		Tell:  func(s string) { *told = append(*told, s) }}
}

// A caption is translated sentence by sentence and the English kept;
// the screen's text is not translated; Describer's own words are in the
// language in use.
func TestDescribeTranslatesTheCaption(t *testing.T) {
	defer i18n.Use("de")()
	tr := &shouty{}
	var told []string
	s := askService(&talker{}, false)
	s.Translation = german(tr, true, &told)
	d, err := s.Describe(context.Background(), "screen", checker())
	if err != nil || d.Caption != "A CAT" || d.EnglishCaption != "a cat" || d.Language != "de" {
		t.Fatalf("described %+v, %v", d, err)
	}
	if res := app.NewResult(d, 0, 0); res.Caption != "A CAT" || res.EnglishCaption != "a cat" || res.Language != "de" {
		t.Errorf("result %+v", res)
	}
	d.Caption, d.Confidence = "EIN HUND. ER SCHLÄFT", 0.1
	if got := d.Sentence(); got != "Möglicherweise: EIN HUND. ER SCHLÄFT." {
		t.Errorf("unsure caption said %q", got)
	}
	if len(told) != 0 {
		t.Errorf("told %q", told)
	}
}

// Without the model the caption stays English, and the user hears once,
// in their language, that Describer speaks English until it is installed.
func TestDescribeWithoutTheTranslationModel(t *testing.T) {
	defer i18n.Use("de")()
	var told []string
	s := askService(&talker{}, false)
	s.Translation = german(&shouty{}, false, &told)
	for range 2 {
		d, err := s.Describe(context.Background(), "screen", checker())
		if err != nil || d.Caption != "a cat" || d.Language != "" {
			t.Fatalf("described %+v, %v", d, err)
		}
	}
	if want := "Describer spricht Englisch, bis die Übersetzung für Deutsch installiert ist."; !slices.Equal(told, []string{want}) {
		t.Errorf("told %q, want %q once", told, want)
	}
}

// An answer is translated as it streams, one sentence at a time, so
// speech can start on the first; the English is kept.
func TestAskTranslatesTheAnswerSentenceBySentence(t *testing.T) {
	tr := &shouty{}
	var told []string
	s := askService(&talker{pieces: []string{"A cat", " sits. It", " sleeps."}}, false)
	s.Translation = german(tr, true, &told)
	ctx := context.Background()
	s.Describe(ctx, "screen", checker())
	tr.calls = nil
	var streamed []string
	d, _, err := s.Ask(ctx, "What?", func(p string) { streamed = append(streamed, p) })
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"A CAT SITS. ", "IT SLEEPS. "}; !slices.Equal(streamed, want) {
		t.Errorf("streamed %q, want %q", streamed, want)
	}
	if d.Answer != "A CAT SITS. IT SLEEPS." || d.EnglishAnswer != "A cat sits. It sleeps. (turn 1)" || d.Language != "de" {
		t.Errorf("answer %+v", d)
	}
	if want := []string{"A cat sits.", "It sleeps."}; !slices.Equal(tr.calls, want) {
		t.Errorf("translated %q, want %q", tr.calls, want)
	}
}

// A failing translation leaves the text English rather than losing it.
func TestTranslateKeepsEnglishOnFailure(t *testing.T) {
	fail := app.TranslatorFunc(func(context.Context, string) (string, error) { return "", errors.New("boom") })
	got, err := app.Translate(context.Background(), fail, "One. Two.")
	if err == nil || got != "One. Two." {
		t.Errorf("got %q, %v; want the English and the error", got, err)
	}
}

// Sentences are cut as speech.Split cuts them: an abbreviation, a
// decimal or an ellipsis inside one does not end it; a sentence goes on
// as soon as the text after it shows that it ended; a line break after a
// sentence stays one.
func TestSentenceTranslatorCutsSentencesAsSpeechDoes(t *testing.T) {
	for _, tc := range []struct {
		name   string
		pieces []string
		calls  []string
		out    string
	}{
		{"title", []string{"Dr", ". Smith", " arrived."}, []string{"Dr. Smith arrived."}, "DR. SMITH ARRIVED."},
		{"two", []string{"Dr. Smith arrived. He", " sat."}, []string{"Dr. Smith arrived.", "He sat."}, "DR. SMITH ARRIVED. HE SAT."},
		{"decimal and e.g.", []string{"It costs 3.", "5 euros, e.g. today."}, []string{"It costs 3.5 euros, e.g. today."},
			"IT COSTS 3.5 EUROS, E.G. TODAY."},
		{"lines", []string{"Inbox\nDrafts.\n", "Sent"}, []string{"Inbox", "Drafts.", "Sent"}, "INBOX\nDRAFTS.\nSENT"},
		{"quote", []string{`He said "Hi." Then`, " left."}, []string{`He said "Hi."`, "Then left."}, `HE SAID "HI." THEN LEFT.`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tr := &shouty{}
			var streamed []string
			st := app.NewSentenceTranslator(context.Background(), tr, func(s string) { streamed = append(streamed, s) })
			for _, p := range tc.pieces {
				st.Add(p)
			}
			if n := len(tc.calls) - 1; !slices.Equal(tr.calls, tc.calls[:n]) {
				t.Errorf("before Finish translated %q, want %q", tr.calls, tc.calls[:n])
			}
			out, err := st.Finish("")
			if err != nil || out != tc.out || !slices.Equal(tr.calls, tc.calls) || strings.Join(streamed, "") != tc.out+" " {
				t.Errorf("got %q, %v; translated %q, streamed %q; want %q of %q", out, err, tr.calls, streamed, tc.out, tc.calls)
			}
		})
	}
}
