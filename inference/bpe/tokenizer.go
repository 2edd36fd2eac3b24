package bpe

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/sugarme/tokenizer"
	"github.com/sugarme/tokenizer/pretrained"

	"github.com/describer/describer/inference/internal/jsonerr"
)

// Tokenizer turns a GPT-2 style model's token ids back into text with real
// byte-level BPE decoding, loaded from a Hugging Face tokenizer.json.
type Tokenizer struct {
	tk      *tokenizer.Tokenizer
	special map[int64]bool
	cleanUp bool
	vocab   int
}

// LoadTokenizer reads tokenizer.json, and tokenizer_config.json when present
// (for clean_up_tokenization_spaces, default true as for GPT-2), from dir.
func LoadTokenizer(dir string) (tk *Tokenizer, err error) {
	path := filepath.Join(dir, "tokenizer.json")
	if err := checkTokenizerJSON(path); err != nil {
		return nil, err
	}
	defer func() {
		// The library panics on some malformed files it accepted.
		if recover() != nil {
			tk, err = nil, fmt.Errorf("%s is damaged: the tokenizer library could not read it", path)
		}
	}()
	// The library logs its complaints; they would reach the user as a
	// second line, so they are silenced while it loads.
	prev := log.Writer()
	log.SetOutput(io.Discard)
	inner, err := pretrained.FromFile(path)
	log.SetOutput(prev)
	if err != nil {
		return nil, fmt.Errorf("%s is damaged: %w", path, err)
	}
	t := &Tokenizer{tk: inner, special: map[int64]bool{}, vocab: inner.GetVocabSize(true)}
	for _, s := range inner.GetSpecialTokens() {
		if id, ok := inner.TokenToId(s); ok {
			t.special[int64(id)] = true
		}
	}
	if t.cleanUp, err = CleanUpSpaces(dir); err != nil {
		return nil, err
	}
	return t, nil
}

// checkTokenizerJSON checks that path holds a byte-level BPE tokenizer in
// the Hugging Face format before the library sees it, so a damaged file
// gets one sentence naming it.
func checkTokenizerJSON(path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("tokenizer: %w", err)
	}
	var doc struct {
		Model *struct {
			Type   string          `json:"type"`
			Vocab  map[string]int  `json:"vocab"`
			Merges json.RawMessage `json:"merges"`
		} `json:"model"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		return fmt.Errorf("%s is damaged: %w", path, jsonerr.Describe(data, err))
	}
	switch {
	case doc.Model == nil:
		return fmt.Errorf("%s is damaged: it has no \"model\" section", path)
	case doc.Model.Type != "BPE":
		return fmt.Errorf("%s holds a %q tokenizer; this model needs byte-level BPE", path, doc.Model.Type)
	case len(doc.Model.Vocab) == 0 || len(doc.Model.Merges) == 0:
		return fmt.Errorf("%s is damaged: its vocabulary or merges are missing", path)
	}
	return nil
}

// CleanUpSpaces reads clean_up_tokenization_spaces from the
// tokenizer_config.json in dir: true (transformers' default) when the file
// or the setting is missing.
func CleanUpSpaces(dir string) (bool, error) {
	path := filepath.Join(dir, "tokenizer_config.json")
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return true, nil
	}
	if err != nil {
		return false, fmt.Errorf("tokenizer: %w", err)
	}
	var cfg struct {
		CleanUp *bool `json:"clean_up_tokenization_spaces"`
	}
	if err := json.Unmarshal(data, &cfg); err != nil {
		return false, fmt.Errorf("%s is damaged: %w", path, jsonerr.Describe(data, err))
	}
	return cfg.CleanUp == nil || *cfg.CleanUp, nil
}

// VocabSize returns the number of ids the tokenizer knows, added tokens
// included.
func (t *Tokenizer) VocabSize() int { return t.vocab }

// IsSpecial reports whether id is a special token such as <|endoftext|>.
func (t *Tokenizer) IsSpecial(id int64) bool { return t.special[id] }

// Decode turns ids into text as transformers' decode(skip_special_tokens=True)
// does: special and unknown ids are dropped, byte-level symbols become
// UTF-8 (invalid sequences become U+FFFD), tokenization spaces are cleaned
// up and the result is trimmed.
func (t *Tokenizer) Decode(ids []int64) (text string, err error) {
	keep := make([]int, 0, len(ids))
	for _, id := range ids {
		if id < 0 || id >= int64(t.vocab) || t.special[id] {
			continue
		}
		keep = append(keep, int(id))
	}
	defer func() {
		if r := recover(); r != nil {
			text, err = "", fmt.Errorf("tokenizer: cannot decode ids %v", ids)
		}
	}()
	text = t.tk.Decode(keep, true)
	if !utf8.ValidString(text) {
		text = strings.ToValidUTF8(text, "\uFFFD")
	}
	if t.cleanUp {
		text = CleanUpTokenizationSpaces(text)
	}
	return strings.TrimSpace(text), nil
}

// cleanUps are transformers' clean_up_tokenization replacements, in order.
var cleanUps = strings.NewReplacer(
	" .", ".", " ?", "?", " !", "!", " ,", ",", " ' ", "'",
	" n't", "n't", " 'm", "'m", " 's", "'s", " 've", "'ve", " 're", "'re",
)

// CleanUpTokenizationSpaces removes the spaces a tokenizer leaves before
// punctuation and English contractions (" ." → ".", " 's" → "'s").
func CleanUpTokenizationSpaces(s string) string { return cleanUps.Replace(s) }

// Encode turns text into token ids with the tokenizer's special tokens
// added (BART's <s> … </s>), as transformers' tokenizer(text) does.
func (t *Tokenizer) Encode(text string) (ids []int64, err error) { return t.encode(text, true) }

// EncodePlain turns text into token ids without adding special tokens.
func (t *Tokenizer) EncodePlain(text string) (ids []int64, err error) { return t.encode(text, false) }

// Template returns the ids the tokenizer's post-processor puts before and
// after a text when special tokens are added (a BOS and an EOS for a
// TemplateProcessing; nothing for byte-level GPT-2 or SmolLM2): what
// transformers' tokenizer(text) adds around EncodePlain's ids.
func (t *Tokenizer) Template() (before, after []int64, err error) {
	plain, err := t.EncodePlain("a")
	if err != nil {
		return nil, nil, err
	}
	full, err := t.Encode("a")
	if err != nil {
		return nil, nil, err
	}
	for i := 0; i+len(plain) <= len(full); i++ {
		if slices.Equal(full[i:i+len(plain)], plain) {
			return full[:i], full[i+len(plain):], nil
		}
	}
	return nil, nil, fmt.Errorf("tokenizer: its post-processor changes the text's own ids")
}

// ID returns the id of the token spelled token (an added token such as
// "<image>" included).
func (t *Tokenizer) ID(token string) (int64, bool) {
	id, ok := t.tk.TokenToId(token)
	return int64(id), ok
}

func (t *Tokenizer) encode(text string, special bool) (ids []int64, err error) {
	defer func() {
		if r := recover(); r != nil {
			ids, err = nil, fmt.Errorf("tokenizer: cannot encode %q", text)
		}
	}()
	enc, err := t.tk.EncodeSingle(text, special)
	if err != nil {
		return nil, fmt.Errorf("tokenizer: encode %q: %w", text, err)
	}
	for _, id := range enc.GetIds() {
		ids = append(ids, int64(id))
	}
	return ids, nil
}
