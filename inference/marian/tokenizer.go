package marian

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/describer/describer/inference/bpe"
	"github.com/describer/describer/inference/internal/jsonerr"
)

// Tokenizer is the SentencePiece Unigram tokenizer that Xenova's exports
// hold in tokenizer.json (transformers.js scripts/extra/marian.py writes
// it): the Precompiled normaliser, whitespace split and Metaspace, a
// Unigram model, a template that appends </s>, and the Metaspace decoder.
// It runs them as transformers.js' tokenizers library does
// (@huggingface/tokenizers 0.2.0: PrecompiledNormalizer,
// WhitespaceSplitPreTokenizer, MetaspacePreTokenizer, Unigram with its
// lattice, TemplateProcessingPostProcessor, MetaspaceDecoder).
// github.com/sugarme/tokenizer cannot load these files: it requires a
// precompiled_charsmap, which Xenova writes as null (transformers.js
// applies a fixed normalisation instead, reproduced here).
type Tokenizer struct {
	pieces   []string
	scores   []float64
	ids      map[string]int64
	maxRunes int
	unk      int64
	unkScore float64
	// added are the added tokens' spellings, split out of text first;
	// special their ids, dropped when decoding.
	added   []string
	special map[int64]bool
	// prepend is Metaspace's prepend_scheme: "always", "first" or "never".
	prepend string
	// suffix is what the template appends (as token spellings).
	suffix  []string
	cleanUp bool
}

// tokenizerFile is the part of tokenizer.json this reads.
type tokenizerFile struct {
	AddedTokens []struct {
		ID      int64  `json:"id"`
		Content string `json:"content"`
		Special bool   `json:"special"`
	} `json:"added_tokens"`
	Normalizer *struct {
		Type string `json:"type"`
	} `json:"normalizer"`
	PreTokenizer  json.RawMessage `json:"pre_tokenizer"`
	PostProcessor *struct {
		Type   string `json:"type"`
		Single []struct {
			SpecialToken *struct {
				ID string `json:"id"`
			} `json:"SpecialToken"`
			Sequence *struct {
				ID string `json:"id"`
			} `json:"Sequence"`
		} `json:"single"`
	} `json:"post_processor"`
	Model struct {
		Type  string               `json:"type"`
		UnkID *int64               `json:"unk_id"`
		Vocab [][2]json.RawMessage `json:"vocab"`
	} `json:"model"`
}

// LoadTokenizer reads tokenizer.json, and tokenizer_config.json when
// present (clean_up_tokenization_spaces, default true), from dir.
func LoadTokenizer(dir string) (*Tokenizer, error) {
	path := filepath.Join(dir, "tokenizer.json")
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("tokenizer: %w", err)
	}
	var f tokenizerFile
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, fmt.Errorf("%s is damaged: %w", path, jsonerr.Describe(data, err))
	}
	t, err := newTokenizer(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if t.cleanUp, err = bpe.CleanUpSpaces(dir); err != nil {
		return nil, err
	}
	return t, nil
}

func newTokenizer(f tokenizerFile) (*Tokenizer, error) {
	switch {
	case f.Model.Type != "Unigram":
		return nil, fmt.Errorf("it holds a %q tokenizer; MarianMT needs SentencePiece's Unigram", f.Model.Type)
	case len(f.Model.Vocab) == 0 || f.Model.UnkID == nil || *f.Model.UnkID < 0 || int(*f.Model.UnkID) >= len(f.Model.Vocab):
		return nil, fmt.Errorf("its vocabulary or unknown token is missing")
	case f.Normalizer != nil && f.Normalizer.Type != "Precompiled":
		return nil, fmt.Errorf("its %q normaliser is not the Precompiled one MarianMT exports hold", f.Normalizer.Type)
	}
	t := &Tokenizer{ids: map[string]int64{}, special: map[int64]bool{}, unk: *f.Model.UnkID, prepend: "always"}
	for i, e := range f.Model.Vocab {
		var piece string
		var score float64
		if json.Unmarshal(e[0], &piece) != nil || json.Unmarshal(e[1], &score) != nil {
			return nil, fmt.Errorf("vocabulary entry %d is not a piece and a score", i)
		}
		t.pieces, t.scores = append(t.pieces, piece), append(t.scores, score)
		t.ids[piece] = int64(i)
		t.maxRunes = max(t.maxRunes, len([]rune(piece)))
	}
	// transformers.js scores an unknown character 10 below the lowest
	// score, and gives the unknown token that score too.
	t.unkScore = slices.Min(t.scores) - 10
	t.scores[t.unk] = t.unkScore
	for _, a := range f.AddedTokens {
		t.added = append(t.added, a.Content)
		t.ids[a.Content] = a.ID
		for int(a.ID) >= len(t.pieces) {
			t.pieces = append(t.pieces, "")
		}
		t.pieces[a.ID] = a.Content
		if a.Special {
			t.special[a.ID] = true
		}
	}
	if err := t.readPreTokenizer(f.PreTokenizer); err != nil {
		return nil, err
	}
	return t, t.readTemplate(f)
}

// readPreTokenizer takes Metaspace's prepend_scheme (the whitespace split
// before it needs nothing).
func (t *Tokenizer) readPreTokenizer(raw json.RawMessage) error {
	var p struct {
		Type          string            `json:"type"`
		PrependScheme string            `json:"prepend_scheme"`
		Pretokenizers []json.RawMessage `json:"pretokenizers"`
	}
	if len(raw) == 0 || string(raw) == "null" {
		return fmt.Errorf("it has no pre-tokenizer")
	}
	if err := json.Unmarshal(raw, &p); err != nil {
		return fmt.Errorf("its pre-tokenizer: %w", err)
	}
	switch p.Type {
	case "Sequence":
		for _, q := range p.Pretokenizers {
			if err := t.readPreTokenizer(q); err != nil {
				return err
			}
		}
	case "Metaspace":
		if p.PrependScheme != "" {
			t.prepend = p.PrependScheme
		}
	case "WhitespaceSplit":
	default:
		return fmt.Errorf("its %q pre-tokenizer is not one MarianMT exports hold", p.Type)
	}
	return nil
}

// readTemplate takes what the single-sequence template appends.
func (t *Tokenizer) readTemplate(f tokenizerFile) error {
	pp := f.PostProcessor
	if pp == nil {
		return nil
	}
	if pp.Type != "TemplateProcessing" {
		return fmt.Errorf("its %q post-processor is not TemplateProcessing", pp.Type)
	}
	seen := false
	for _, item := range pp.Single {
		switch {
		case item.Sequence != nil:
			seen = true
		case item.SpecialToken != nil && seen:
			t.suffix = append(t.suffix, item.SpecialToken.ID)
		default:
			return fmt.Errorf("its template adds tokens before the text")
		}
	}
	return nil
}

// Encode turns text into ids, </s> appended.
func (t *Tokenizer) Encode(text string) []int64 {
	var tokens []string
	for i, part := range t.splitAdded(text) {
		if part.added {
			tokens = append(tokens, part.text)
			continue
		}
		for _, word := range strings.FieldsFunc(normalize(part.text), unicode.IsSpace) {
			tokens = append(tokens, t.pieceTokens(t.metaspace(word, i))...)
		}
	}
	tokens = append(tokens, t.suffix...)
	ids := make([]int64, len(tokens))
	for i, tok := range tokens {
		id, ok := t.ids[tok]
		if !ok {
			id = t.unk
		}
		ids[i] = id
	}
	return ids
}

// section is a piece of text between added tokens, or one of them.
type section struct {
	text  string
	added bool
}

// splitAdded splits text around its added tokens' spellings, longest
// first at each place.
func (t *Tokenizer) splitAdded(text string) []section {
	var out []section
	start := 0
	for i := 0; i < len(text); {
		match := ""
		for _, a := range t.added {
			if len(a) > len(match) && strings.HasPrefix(text[i:], a) {
				match = a
			}
		}
		if match == "" {
			i++
			continue
		}
		if start < i {
			out = append(out, section{text: text[start:i]})
		}
		out = append(out, section{text: match, added: true})
		i += len(match)
		start = i
	}
	if start < len(text) {
		out = append(out, section{text: text[start:]})
	}
	return out
}

// normalize is transformers.js' Precompiled normaliser: control
// characters removed, other spaces and ▁ made spaces, then NFKC (each side
// of a U+FF5E separately).
func normalize(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= 0x01 && r <= 0x08, r == 0x0B, r >= 0x0E && r <= 0x1F, r == 0x7F, r == 0x8F, r == 0x9F:
		case r == 0x09, r == 0x0A, r == 0x0C, r == 0x0D, r == 0xA0, r == 0x1680, r >= 0x2000 && r <= 0x200F,
			r == 0x2028, r == 0x2029, r == 0x202F, r == 0x205F, r == 0x2581, r == 0x3000, r == 0xFEFF, r == 0xFFFD:
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	parts := strings.Split(b.String(), "\uFF5E")
	for i, p := range parts {
		parts[i] = norm.NFKC.String(p)
	}
	return strings.Join(parts, "\uFF5E")
}

// metaspace is the Metaspace pre-tokenizer on one word of section i.
func (t *Tokenizer) metaspace(word string, section int) string {
	const meta = "\u2581"
	word = strings.ReplaceAll(word, " ", meta)
	if !strings.HasPrefix(word, meta) && (t.prepend == "always" || t.prepend == "first" && section == 0) {
		word = meta + word
	}
	return word
}

// node is a piece of the lattice: it covers runes [pos, pos+length).
type node struct {
	id          int64
	pos, length int
	score       float64
	prev        *node
	best        float64
}

// pieceTokens splits one pre-tokenized word into pieces with the Unigram
// model: the Viterbi path through every vocabulary piece that matches
// (an unknown character is a one-rune unknown piece), the first of equal
// paths kept, then runs of unknown pieces fused into one, as
// transformers.js' Unigram and TokenLattice do.
func (t *Tokenizer) pieceTokens(word string) []string {
	runes := []rune(word)
	n := len(runes)
	begins := make([][]*node, n+1)
	ends := make([][]*node, n+1)
	bos := &node{}
	ends[0] = append(ends[0], bos)
	for pos := range n {
		single := false
		for l := 1; l <= t.maxRunes && pos+l <= n; l++ {
			id, ok := t.ids[string(runes[pos:pos+l])]
			if !ok || int(id) >= len(t.scores) {
				continue
			}
			nd := &node{id: id, pos: pos, length: l, score: t.scores[id]}
			begins[pos], ends[pos+l] = append(begins[pos], nd), append(ends[pos+l], nd)
			single = single || l == 1
		}
		if !single {
			nd := &node{id: t.unk, pos: pos, length: 1, score: t.unkScore}
			begins[pos], ends[pos+1] = append(begins[pos], nd), append(ends[pos+1], nd)
		}
	}
	eos := &node{pos: n}
	begins[n] = append(begins[n], eos)
	for pos := 0; pos <= n; pos++ {
		for _, nd := range begins[pos] {
			var best *node
			for _, p := range ends[pos] {
				if s := p.best + nd.score; best == nil || s > nd.best {
					best, nd.best = p, s
				}
			}
			if best == nil {
				return nil
			}
			nd.prev = best
		}
	}
	var path []*node
	for nd := eos.prev; nd != nil && nd != bos; nd = nd.prev {
		path = append(path, nd)
	}
	tokens := make([]string, 0, len(path))
	for i := len(path) - 1; i >= 0; i-- {
		nd := path[i]
		piece := string(runes[nd.pos : nd.pos+nd.length])
		if nd.id == t.unk && len(tokens) > 0 && path[i+1].id == t.unk {
			tokens[len(tokens)-1] += piece // fuse_unk
			continue
		}
		tokens = append(tokens, piece)
	}
	return tokens
}

// Decode turns ids into text as transformers.js' decode with
// skip_special_tokens does: special ids dropped, ▁ made spaces (the
// first piece's leading one removed), tokenisation spaces cleaned up when
// the config says so.
func (t *Tokenizer) Decode(ids []int64) string {
	var b strings.Builder
	first := true
	for _, id := range ids {
		if t.special[id] {
			continue
		}
		piece := t.pieces[t.unk]
		if id >= 0 && int(id) < len(t.pieces) {
			piece = t.pieces[id]
		}
		piece = strings.ReplaceAll(piece, "\u2581", " ")
		if first {
			piece = strings.TrimPrefix(piece, " ")
			first = false
		}
		b.WriteString(piece)
	}
	if t.cleanUp {
		return bpe.CleanUpTokenizationSpaces(b.String())
	}
	return b.String()
}
