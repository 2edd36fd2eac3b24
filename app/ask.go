package app

import (
	"context"
	"errors"
	"fmt"
	"image"
	"strings"
	"sync"

	"github.com/describer/describer/inference/imaging"
	"github.com/describer/describer/inference/smolvlm"
)

// Conversation answers questions about one image, each in the light of
// the earlier ones. *smolvlm.Conversation satisfies it.
type Conversation interface {
	Ask(ctx context.Context, q string, maxNew int, onText func(string)) (smolvlm.Answer, error)
}

// Asker starts conversations about images; split cuts an image into
// tiles for finer detail.
type Asker interface {
	Conversation(img image.Image, split bool) Conversation
}

// smolAsker is a loaded SmolVLM as an Asker (closed with the model).
type smolAsker struct{ *smolvlm.Model }

func (a smolAsker) Conversation(img image.Image, split bool) Conversation {
	return a.Model.Conversation(img, split)
}

// Questions adapts a loaded SmolVLM to Asker.
func Questions(m *smolvlm.Model) Asker { return smolAsker{m} }

// subject is the image questions are about: the one last described, and
// the conversation about it.
type subject struct {
	mu     sync.Mutex
	img    image.Image
	source string
	conv   Conversation
}

// remember makes img the subject of the next question; a new image
// starts a new conversation.
func (s *subject) remember(img image.Image, source string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !imaging.Same(s.img, img) {
		s.img, s.source, s.conv = img, source, nil
	}
}

// ErrNoQuestionModel means questions cannot be answered: no question
// model is configured, or (wrapped with the reason, such as Asker's
// Missing sentence) it is unavailable: not installed.
var ErrNoQuestionModel = errors.New("questions about an image need the question model")

// startConversation loads the question model and starts the
// conversation about img, kept for the follow-ups while img is the image
// last described.
func (s *Service) startConversation(img image.Image) (Conversation, error) {
	a, err := s.Asker.Get()
	if errors.Is(err, ErrUnavailable) {
		return nil, noQuestionModel(err)
	}
	if err != nil {
		return nil, err
	}
	conv := a.Conversation(img, s.Split != nil && s.Split())
	s.subject.mu.Lock()
	if imaging.Same(s.subject.img, img) {
		s.subject.conv = conv
	}
	s.subject.mu.Unlock()
	return conv, nil
}

// noQuestionModel words err, the ErrUnavailable of the question model's
// Get, as ErrNoQuestionModel with Get's reason after it.
func noQuestionModel(err error) error {
	reason := strings.TrimPrefix(err.Error(), ErrUnavailable.Error()+": ")
	return fmt.Errorf("%w: %s", ErrNoQuestionModel, reason)
}

// Revisit makes img, a result found again in the history (its
// thumbnail), the image that questions are about; nil leaves the last.
func (s *Service) Revisit(img image.Image, source string) {
	if img != nil {
		s.subject.remember(img, source)
	}
}

// Ask answers q about the image last described, in the conversation
// about it, handing onText the answer as it is generated. The result is
// a Description whose Question and Answer are set.
func (s *Service) Ask(ctx context.Context, q string, onText func(string)) (Description, image.Image, error) {
	s.subject.mu.Lock()
	img, source, conv := s.subject.img, s.subject.source, s.subject.conv
	s.subject.mu.Unlock()
	if img == nil {
		return Description{}, nil, ErrNothingDescribed
	}
	if s.Asker == nil {
		return Description{}, nil, ErrNoQuestionModel
	}
	if conv == nil {
		var err error
		if conv, err = s.startConversation(img); err != nil {
			return Description{}, nil, err
		}
	}
	lang, tr := s.Translation.into()
	var soft, local *SentenceTranslator
	if f := s.filter(); f != nil {
		soft = NewSentenceTranslator(ctx, &softener{f: f, lang: lang}, onText)
		onText = soft.Add
	}
	if tr != nil {
		local = NewSentenceTranslator(ctx, tr, onText)
		onText = local.Add
	}
	ans, err := conv.Ask(ctx, q, s.MaxAnswerTokens, onText)
	if err != nil {
		return Description{}, nil, err
	}
	b := img.Bounds()
	d := Description{Source: source, Width: b.Dx(), Height: b.Dy(), Question: ans.Question, Answer: ans.Text}
	d.Timings.Total = ans.Timings.Total
	if local != nil {
		text, err := local.Finish(ans.Text)
		if ctx.Err() != nil {
			return Description{}, nil, ctx.Err()
		}
		if err == nil {
			d.EnglishAnswer, d.Answer, d.Language = d.Answer, text, lang
		}
	}
	if soft != nil {
		d.Answer, _ = soft.Finish(d.Answer)
	}
	return d, img, nil
}
