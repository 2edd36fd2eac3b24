package app_test

import (
	"context"
	"errors"
	"fmt"
	"image"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/describer/describer/app"
	"github.com/describer/describer/app/apptest"
	"github.com/describer/describer/inference"
	"github.com/describer/describer/inference/smolvlm"
)

// talker is an Asker whose conversations answer with the pieces given,
// numbering the turns of each conversation and recording its image.
type talker struct {
	pieces []string
	convs  []*talk
}

type talk struct {
	img   image.Image
	split bool
	turns []string
}

func (t *talker) Conversation(img image.Image, split bool) app.Conversation {
	c := &talk{img: img, split: split}
	t.convs = append(t.convs, c)
	return &talkConv{c, t.pieces}
}

type talkConv struct {
	*talk
	pieces []string
}

func (c *talkConv) Ask(_ context.Context, q string, _ int, onText func(string)) (smolvlm.Answer, error) {
	c.turns = append(c.turns, q)
	for _, p := range c.pieces {
		if onText != nil {
			onText(p)
		}
	}
	return smolvlm.Answer{Question: q, Text: fmt.Sprintf("%s (turn %d)", strings.Join(c.pieces, ""), len(c.turns))}, nil
}

func askService(t *talker, split bool) *app.Service {
	return &app.Service{
		Captioner: &app.Model[app.Captioner]{Open: func() (app.Captioner, error) {
			return app.CaptionerFunc(func(context.Context, image.Image) (inference.Caption, error) {
				return inference.Caption{Text: "a cat", Confidence: 0.9}, nil
			}), nil
		}},
		Asker: &app.Model[app.Asker]{Open: func() (app.Asker, error) { return t, nil }},
		Split: func() bool { return split },
	}
}

// Questions are about the image last described: follow-ups go to the
// same conversation, a new image starts a new one, and before any image
// there is nothing to ask about.
func TestAskFollowsTheLastImage(t *testing.T) {
	tk := &talker{pieces: []string{"A cat."}}
	s := askService(tk, true)
	ctx := context.Background()
	if _, _, err := s.Ask(ctx, "what?", nil); !errors.Is(err, app.ErrNothingDescribed) {
		t.Errorf("before any image: %v", err)
	}
	first, second := checker(), image.NewGray(image.Rect(0, 0, 32, 32))
	s.Describe(ctx, "screen", first)
	for i, q := range []string{"What is it?", "What colour?"} {
		d, img, err := s.Ask(ctx, q, nil)
		want := fmt.Sprintf("A cat. (turn %d)", i+1)
		if err != nil || img != first || d.Answer != want || d.Question != q || d.Source != "screen" {
			t.Errorf("ask %q: %+v, %v", q, d, err)
		}
		if d.Sentence() != want || d.FullText() != "Question: "+q+"\nAnswer: "+want {
			t.Errorf("spoken %q, full %q", d.Sentence(), d.FullText())
		}
	}
	s.Describe(ctx, "clipboard", second)
	d, img, err := s.Ask(ctx, "And this?", nil)
	if err != nil || img != second || d.Answer != "A cat. (turn 1)" || d.Source != "clipboard" {
		t.Errorf("new image: %+v, %v", d, err)
	}
	if len(tk.convs) != 2 || tk.convs[0].img != first || !tk.convs[0].split || len(tk.convs[0].turns) != 2 {
		t.Errorf("conversations: %+v", tk.convs)
	}
	if _, _, err := (&app.Service{}).Ask(ctx, "x", nil); !errors.Is(err, app.ErrNothingDescribed) {
		t.Errorf("no image, no model: %v", err)
	}
}

// Without a question model, asking says so in one sentence.
func TestAskWithoutTheModel(t *testing.T) {
	s := &app.Service{Captioner: askService(&talker{}, false).Captioner}
	s.Describe(context.Background(), "screen", checker())
	_, _, err := s.Ask(context.Background(), "what?", nil)
	if !errors.Is(err, app.ErrNoQuestionModel) || app.Sentence(err) == "" {
		t.Errorf("%v", err)
	}
	s.Asker = &app.Model[app.Asker]{Open: func() (app.Asker, error) { return nil, nil },
		Installed: func() bool { return false }, Missing: "the question model is not installed"}
	if _, _, err := s.Ask(context.Background(), "what?", nil); !errors.Is(err, app.ErrNoQuestionModel) ||
		!strings.Contains(app.Sentence(err), "not installed") {
		t.Errorf("%v", err)
	}
	const said = "Questions about an image need the question model: the question model is not installed."
	if _, _, err := s.Ask(context.Background(), "what?", nil); errors.Is(err, app.ErrUnavailable) || app.Sentence(err) != said {
		t.Errorf("said %q (%v), want %q, not ErrUnavailable", app.Sentence(err), err, said)
	}
}

// A question job speaks the answer sentence by sentence as it comes, shows
// it, keeps it in the history with the image, and logs it.
func TestQuestionJobSpeaksSentenceBySentence(t *testing.T) {
	tk := &talker{pieces: []string{"The sky", " is blue. It", " is day", "time! Birds"}}
	v := &apptest.Voice{}
	ev := &apptest.Events{}
	var log strings.Builder
	h := &app.History{}
	j := &app.Jobs{Service: askService(tk, false), Voice: v, Events: ev, History: h, Log: &log,
		Desktop: &apptest.Desktop{ScreenImage: checker()}}
	defer j.Close()
	j.Describe(app.Request{Source: app.SourceScreen})
	j.Wait()
	j.Describe(app.Request{Question: "What is it?"})
	j.Wait()
	said := v.Said()
	want := []string{"The sky is blue.", "It is daytime!", "Birds"}
	if len(said) < 3 || strings.Join(said[len(said)-3:], "|") != strings.Join(want, "|") {
		t.Errorf("said %q, want it to end with %q", said, want)
	}
	busy, done, failed, _ := ev.Record()
	if len(failed) > 0 || len(done) != 2 || busy[1] != "Answering" {
		t.Fatalf("busy %q, done %d, failed %v", busy, len(done), failed)
	}
	e := done[1]
	if e.Short != "The sky is blue. It is daytime! Birds (turn 1)" || !strings.HasPrefix(e.Full, "Question: What is it?\n") || e.Thumb == nil {
		t.Errorf("entry %+v", e)
	}
	if got := h.Entries(); len(got) != 2 || got[0].Full != e.Full {
		t.Errorf("history %+v", got)
	}
	if !strings.Contains(log.String(), "Question: What is it? / Answer: The sky") {
		t.Errorf("log %q", log.String())
	}
}

// Stop cuts an answer being spoken: the rest of it is not said.
func TestStopCutsTheAnswer(t *testing.T) {
	tk := &talker{pieces: []string{"One. ", "Two. ", "Three. "}}
	v := &apptest.Voice{Block: true}
	ev := &apptest.Events{}
	svc := askService(tk, false)
	svc.Describe(context.Background(), "screen", checker())
	j := &app.Jobs{Service: svc, Voice: v, Events: ev}
	defer j.Close()
	j.Describe(app.Request{Question: "Count"})
	deadline := time.Now().Add(10 * time.Second)
	for len(v.Said()) == 0 && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	j.Stop()
	j.Wait()
	if said := v.Said(); len(said) != 1 || said[0] != "One." {
		t.Errorf("said %q after Stop, want only the first sentence", said)
	}
}

// An answer is spoken in the sentences speech.Split finds: "Dr." does not
// end one.
func TestQuestionJobKeepsAbbreviationsInTheSentence(t *testing.T) {
	tk := &talker{pieces: []string{"Dr", ". Smith", " arrived. He", " sat."}}
	v := &apptest.Voice{}
	j := &app.Jobs{Service: askService(tk, false), Voice: v, Events: &apptest.Events{},
		Desktop: &apptest.Desktop{ScreenImage: checker()}}
	defer j.Close()
	j.Describe(app.Request{Source: app.SourceScreen})
	j.Wait()
	j.Describe(app.Request{Question: "Who came?"})
	j.Wait()
	said := v.Said()
	if want := []string{"Dr. Smith arrived.", "He sat."}; len(said) < 2 || !slices.Equal(said[len(said)-2:], want) {
		t.Errorf("said %q, want it to end with %q", said, want)
	}
}
