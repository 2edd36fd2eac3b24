package generate

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"slices"

	"github.com/describer/describer/inference"
	"github.com/describer/describer/inference/internal/jsonerr"
)

// Config holds the decoding settings of a text decoder, read from a Hugging
// Face model folder (config.json, overridden by generation_config.json).
// The zero value of each field means "not set"; Resolve fills transformers'
// defaults.
type Config struct {
	// DecoderStartTokenID is the first token fed to the decoder.
	DecoderStartTokenID int64
	// BOSTokenID is the beginning-of-sequence id.
	BOSTokenID int64
	// EOSTokenID ends a caption: the first of EOSTokenIDs.
	EOSTokenID int64
	// EOSTokenIDs lists every id that ends a caption (eos_token_id may be
	// a list).
	EOSTokenIDs []int64
	// PadTokenID pads finished beams.
	PadTokenID int64
	// MaxLength bounds the sequence, counting the decoder start token, as
	// transformers does: 20 allows at most 19 new tokens.
	MaxLength int
	// MinLength is the shortest sequence, counting the start token, before
	// the end-of-sequence token may be chosen.
	MinLength int
	// NumBeams is the beam width; 1 is greedy search.
	NumBeams int
	// LengthPenalty is the exponent applied to a finished beam's length when
	// ranking it: score = sum of log-probabilities / length^LengthPenalty.
	LengthPenalty float64
	// EarlyStopping is "true", "false" or "never", as in transformers.
	EarlyStopping string
	// Processors are a model's own logits processors, run on each row
	// after the ones the fields above imply (MinLength); nil means none.
	Processors []LogitsProcessor
	// IDsOnly makes greedy search pick each token from the processed
	// logits without turning them into log-probabilities (an exp per
	// vocabulary entry per step): the same argmax when every processor
	// only bans tokens. Sequence.LogProbs and Score are then left empty.
	// Beam search ignores it.
	IDsOnly bool

	set map[string]bool
}

// generationFields are the JSON keys read from both files.
type generationFields struct {
	DecoderStartTokenID *int64          `json:"decoder_start_token_id"`
	BOSTokenID          *int64          `json:"bos_token_id"`
	EOSTokenID          json.RawMessage `json:"eos_token_id"`
	PadTokenID          *int64          `json:"pad_token_id"`
	MaxLength           *int            `json:"max_length"`
	MinLength           *int            `json:"min_length"`
	NumBeams            *int            `json:"num_beams"`
	LengthPenalty       *float64        `json:"length_penalty"`
	EarlyStopping       json.RawMessage `json:"early_stopping"`
}

// LoadConfig reads config.json and then generation_config.json from
// a model folder; fields in the second override the first. A missing
// generation_config.json is allowed; a malformed file is an error naming it.
func LoadConfig(configPath, generationPath string) (Config, error) {
	var g Config
	for _, p := range []string{configPath, generationPath} {
		data, err := os.ReadFile(p)
		if errors.Is(err, fs.ErrNotExist) && p == generationPath {
			continue
		}
		if err != nil {
			return g, fmt.Errorf("read %s: %w", p, err)
		}
		if err := g.merge(data); err != nil {
			var syn *json.SyntaxError
			var typ *json.UnmarshalTypeError
			if errors.As(err, &syn) || errors.As(err, &typ) {
				err = jsonerr.Describe(data, err)
			}
			return g, fmt.Errorf("%s is not usable: %w", p, err)
		}
	}
	return g.Resolve(), nil
}

// ParseConfig reads JSON documents in the generation_config.json format,
// each overriding the ones before, and fills defaults.
func ParseConfig(docs ...[]byte) (Config, error) {
	var g Config
	for _, data := range docs {
		if err := g.merge(data); err != nil {
			return g, err
		}
	}
	return g.Resolve(), nil
}

func (g *Config) merge(data []byte) error {
	// A vision-encoder-decoder config.json keeps the decoder's own settings
	// in a nested "decoder" object; the top level overrides them.
	var nested struct {
		Decoder json.RawMessage `json:"decoder"`
	}
	if err := json.Unmarshal(data, &nested); err != nil {
		return err
	}
	if len(nested.Decoder) > 0 && nested.Decoder[0] == '{' {
		if err := g.merge(nested.Decoder); err != nil {
			return fmt.Errorf("decoder: %w", err)
		}
	}
	var f generationFields
	if err := json.Unmarshal(data, &f); err != nil {
		return err
	}
	if g.set == nil {
		g.set = map[string]bool{}
	}
	setInt64 := func(key string, dst *int64, src *int64) {
		if src != nil {
			*dst, g.set[key] = *src, true
		}
	}
	setInt := func(key string, dst *int, src *int) {
		if src != nil {
			*dst, g.set[key] = *src, true
		}
	}
	setInt64("decoder_start_token_id", &g.DecoderStartTokenID, f.DecoderStartTokenID)
	setInt64("bos_token_id", &g.BOSTokenID, f.BOSTokenID)
	setInt64("pad_token_id", &g.PadTokenID, f.PadTokenID)
	setInt("max_length", &g.MaxLength, f.MaxLength)
	setInt("min_length", &g.MinLength, f.MinLength)
	setInt("num_beams", &g.NumBeams, f.NumBeams)
	if f.LengthPenalty != nil {
		g.LengthPenalty, g.set["length_penalty"] = *f.LengthPenalty, true
	}
	if len(f.EOSTokenID) > 0 && string(f.EOSTokenID) != "null" {
		ids, err := tokenIDs(f.EOSTokenID)
		if err != nil {
			return fmt.Errorf("the field \"eos_token_id\" %w", err)
		}
		g.EOSTokenID, g.EOSTokenIDs, g.set["eos_token_id"] = ids[0], ids, true
	}
	if len(f.EarlyStopping) > 0 && string(f.EarlyStopping) != "null" {
		var b bool
		var s string
		switch {
		case json.Unmarshal(f.EarlyStopping, &b) == nil:
			g.EarlyStopping = fmt.Sprint(b)
		case json.Unmarshal(f.EarlyStopping, &s) == nil && s == "never":
			g.EarlyStopping = s
		default:
			return errors.New("the field \"early_stopping\" must be true, false or \"never\"")
		}
	}
	return nil
}

// tokenIDs reads an id given as a number or a non-empty list of numbers.
func tokenIDs(raw json.RawMessage) ([]int64, error) {
	var id int64
	if err := json.Unmarshal(raw, &id); err == nil {
		return []int64{id}, nil
	}
	var ids []int64
	if err := json.Unmarshal(raw, &ids); err != nil || len(ids) == 0 {
		return nil, errors.New("must be a token id or a list of ids")
	}
	return ids, nil
}

// IsEOS reports whether id ends a caption.
func (g Config) IsEOS(id int64) bool {
	if len(g.EOSTokenIDs) == 0 {
		return id == g.EOSTokenID
	}
	return slices.Contains(g.EOSTokenIDs, id)
}

// Resolve returns g with transformers' defaults for unset fields: the start
// token falls back to BOS, BOS and pad to EOS, max_length 20, one beam,
// length penalty 1 and early stopping off.
func (g Config) Resolve() Config {
	has := func(k string) bool { return g.set[k] }
	if !has("bos_token_id") && has("eos_token_id") {
		g.BOSTokenID = g.EOSTokenID
	}
	if !has("decoder_start_token_id") {
		g.DecoderStartTokenID = g.BOSTokenID
	}
	if !has("pad_token_id") {
		g.PadTokenID = g.EOSTokenID
	}
	if g.MaxLength <= 0 {
		g.MaxLength = 20
	}
	if g.NumBeams <= 0 {
		g.NumBeams = 1
	}
	if !has("length_penalty") {
		g.LengthPenalty = 1
	}
	if g.EarlyStopping == "" {
		g.EarlyStopping = "false"
	}
	return g
}

// With returns g with the caption options' overrides applied: a beam width
// or maximum length of 0 keeps g's own.
func (g Config) With(opt inference.CaptionOptions) Config {
	if opt.NumBeams > 0 {
		g.NumBeams = opt.NumBeams
	}
	if opt.MaxLength > 0 {
		g.MaxLength = opt.MaxLength
	}
	return g
}
