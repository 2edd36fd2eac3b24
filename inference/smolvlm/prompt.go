package smolvlm

import (
	"fmt"
	"strings"

	"github.com/describer/describer/inference/bpe"
)

// The added tokens the prompt is built from (models/idefics3/processing_idefics3.js
// and the model's chat_template.json).
const (
	tokStart     = "<|im_start|>"
	tokEnd       = "<end_of_utterance>"
	tokImage     = "<image>"
	tokFake      = "<fake_token_around_image>"
	tokGlobalImg = "<global-img>"
)

// Turn is one question and its answer, trimmed.
type Turn struct {
	Question, Answer string
}

// segment is a piece of the prompt: an added token, or text the BPE
// encodes.
type segment struct {
	special string
	text    string
}

// specialIDs looks up the ids of the prompt's added tokens (the row and
// column tokens are looked up when a grid needs them).
func specialIDs(tok *bpe.Tokenizer, imageID int64) (map[string]int64, error) {
	ids := map[string]int64{}
	for _, s := range []string{tokStart, tokEnd, tokImage, tokFake, tokGlobalImg} {
		id, ok := tok.ID(s)
		if !ok {
			return nil, fmt.Errorf("it has no %s token", s)
		}
		ids[s] = id
	}
	if ids[tokImage] != imageID {
		return nil, fmt.Errorf("its %s token is %d, config.json's image_token_id %d", tokImage, ids[tokImage], imageID)
	}
	return ids, nil
}

// chat renders turns and the question q with the model's chat template,
// add_generation_prompt on: the first user message holds the image then
// the text, later ones only text ("User:<image>…" then "User: …"). The
// image stays one <image> segment, expanded by tokens.
func chat(turns []Turn, q string) []segment {
	segs := []segment{{special: tokStart}}
	user := func(text string, image bool) {
		if image {
			segs = append(segs, segment{text: "User:"}, segment{special: tokImage})
		} else {
			segs = append(segs, segment{text: "User: "})
		}
		segs = append(segs, segment{text: text}, segment{special: tokEnd}, segment{text: "\n"})
	}
	for i, t := range turns {
		user(t.Question, i == 0)
		segs = append(segs, segment{text: "Assistant: " + t.Answer}, segment{special: tokEnd}, segment{text: "\n"})
	}
	user(q, len(turns) == 0)
	return append(segs, segment{text: "Assistant:"})
}

// Render returns the prompt text before the image is expanded, as
// transformers.js' apply_chat_template writes it.
func Render(turns []Turn, q string) string {
	var b strings.Builder
	for _, s := range chat(turns, q) {
		b.WriteString(s.special + s.text)
	}
	return b.String()
}

// expand replaces the <image> segment by the image's tokens, as
// processing_idefics3.js' get_image_prompt_string does: per tile
// <fake_token_around_image><row_R_col_C> and seqLen image tokens, a line
// break after each row, then a line break and the global tile; unsplit,
// only the global tile.
func expand(segs []segment, rows, cols, seqLen int) []segment {
	var out []segment
	image := func() {
		for range seqLen {
			out = append(out, segment{special: tokImage})
		}
	}
	for _, s := range segs {
		if s.special != tokImage {
			out = append(out, s)
			continue
		}
		for r := range rows {
			for c := range cols {
				out = append(out, segment{special: tokFake}, segment{special: fmt.Sprintf("<row_%d_col_%d>", r+1, c+1)})
				image()
			}
			out = append(out, segment{text: "\n"})
		}
		if rows > 0 {
			out = append(out, segment{text: "\n"})
		}
		out = append(out, segment{special: tokFake}, segment{special: tokGlobalImg})
		image()
		out = append(out, segment{special: tokFake})
	}
	return out
}

// tokens encodes segments as transformers.js' processor tokenises the
// prompt (tokenizer(text), special tokens added): added tokens by their
// ids, runs of text with the BPE, and around them what the tokenizer's
// post-processor adds (nothing for SmolVLM's; the chat template begins
// with <|im_start|> itself). Text next to text is joined first, as the
// tokenizer would see it.
func (m *Model) tokens(segs []segment) ([]int64, error) {
	ids := append([]int64(nil), m.before...)
	var text strings.Builder
	flush := func() error {
		if text.Len() == 0 {
			return nil
		}
		t, err := m.tok.EncodePlain(text.String())
		text.Reset()
		ids = append(ids, t...)
		return err
	}
	for _, s := range segs {
		if s.special == "" {
			text.WriteString(s.text)
			continue
		}
		if err := flush(); err != nil {
			return nil, err
		}
		id, ok := m.special[s.special]
		if !ok {
			if id, ok = m.tok.ID(s.special); !ok {
				return nil, fmt.Errorf("smolvlm: the tokenizer has no %s token", s.special)
			}
		}
		ids = append(ids, id)
	}
	if err := flush(); err != nil {
		return nil, err
	}
	return append(ids, m.after...), nil
}

// clean removes the added tokens' spellings from a user's text, so typed
// text is always read as text ("<image>" in a question cannot take an
// image's place).
func (m *Model) clean(text string) string {
	for s := range m.special {
		text = strings.ReplaceAll(text, s, "")
	}
	return text
}
