package smolvlm

import (
	"strings"

	"github.com/describer/describer/inference/bpe"
)

// streamer decodes an answer as it grows and passes on the new text,
// holding back a piece that ends in the middle of a character.
type streamer struct {
	tok  *bpe.Tokenizer
	out  func(string)
	ids  []int64
	sent string
}

// add appends id and passes on what it adds to the text.
func (s *streamer) add(id int64) {
	s.ids = append(s.ids, id)
	if s.out == nil {
		return
	}
	text, err := s.tok.Decode(s.ids)
	if err != nil || strings.HasSuffix(text, "\uFFFD") || !strings.HasPrefix(text, s.sent) {
		return
	}
	if piece := text[len(s.sent):]; piece != "" {
		s.sent = text
		s.out(piece)
	}
}

// finish returns the whole answer, passing on any text held back.
func (s *streamer) finish() (string, error) {
	text, err := s.tok.Decode(s.ids)
	if err != nil {
		return "", err
	}
	if s.out != nil && strings.HasPrefix(text, s.sent) && len(text) > len(s.sent) {
		s.out(text[len(s.sent):])
	}
	return text, nil
}
