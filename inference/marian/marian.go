package marian

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/describer/describer/inference"
	"github.com/describer/describer/inference/generate"
)

// The two graphs under onnx/, by the names transformers.js loads.
var graphNames = [2]string{"encoder_model", "decoder_model_merged"}

// Options choose a model's files and decoding.
type Options struct {
	// Quantized picks the _quantized (q8) graphs; a folder that holds only
	// one variant of a graph uses that variant whatever this says.
	Quantized bool
	// Beams overrides the generation config's beam width (1 = greedy, as
	// transformers.js decodes whatever the config says); 0 keeps it.
	Beams int
	// MaxNewTokens bounds a translation; 0 keeps the config's max_length.
	MaxNewTokens int
	// Generate, when set, opens the decoder, which runs once per
	// generated token (ort.Runtime.SpinningOpener suits it); nil uses
	// Load's opener.
	Generate inference.SessionOpener
}

// Model is a loaded MarianMT translator.
type Model struct {
	target  string
	tok     *Tokenizer
	gen     generate.Config
	encoder inference.Session
	dec     *decoder
}

// Translation is one translated text.
type Translation struct {
	Source, Text string
	// Tokens are the generated ids after the decoder start token, the end
	// token included when generated.
	Tokens []int64
	// Finished is false when the length limit cut the translation short.
	Finished bool
	Took     time.Duration
}

// IsModel reports whether dir holds a MarianMT model: its config.json
// says model_type "marian".
func IsModel(dir string) bool { return inference.ModelType(dir) == "marian" }

// Check returns nil when dir holds a whole model: the configs, the
// tokenizer and one variant of each graph; otherwise an error wrapping
// inference.ErrNoModel or inference.ErrBadModel naming what is missing.
func Check(dir string) error {
	if !IsModel(dir) {
		return fmt.Errorf("%w: %s holds no MarianMT config.json", inference.ErrNoModel, dir)
	}
	return inference.CheckFolder(dir, []string{"tokenizer.json"}, graphNames[:])
}

// Load opens the MarianMT folder dir (the Hugging Face layout).
func Load(dir string, open inference.SessionOpener, opt Options) (m *Model, err error) {
	if err := Check(dir); err != nil {
		return nil, err
	}
	m = &Model{}
	defer func() {
		if err != nil {
			err = errors.Join(err, m.Close())
			m = nil
		}
	}()
	if m.tok, err = LoadTokenizer(dir); err != nil {
		return m, err
	}
	if m.gen, err = loadGeneration(dir, opt); err != nil {
		return m, err
	}
	var tc struct {
		Target string `json:"target_lang"`
	}
	if data, err := os.ReadFile(filepath.Join(dir, "tokenizer_config.json")); err == nil && json.Unmarshal(data, &tc) == nil {
		m.target = tc.Target
	}
	path, err := inference.GraphFile(dir, graphNames[0], opt.Quantized)
	if err != nil {
		return m, err
	}
	if m.encoder, err = open(path); err != nil {
		return m, fmt.Errorf("marian: open %s: %w", filepath.Base(path), err)
	}
	if path, err = inference.GraphFile(dir, graphNames[1], opt.Quantized); err != nil {
		return m, err
	}
	if opt.Generate != nil {
		open = opt.Generate
	}
	s, err := open(path)
	if err != nil {
		return m, fmt.Errorf("marian: open %s: %w", filepath.Base(path), err)
	}
	if m.dec, err = newDecoder(s); err != nil {
		s.Close()
		return m, err
	}
	return m, nil
}

// loadGeneration reads the generation settings as transformers' generate
// merges them: config.json, then generation_config.json, then opt; the
// banned words (bad_words_ids: the pad token), the forced end token and
// renormalize_logits become processors, in transformers' order.
func loadGeneration(dir string, opt Options) (generate.Config, error) {
	cfgPath, genPath := filepath.Join(dir, "config.json"), filepath.Join(dir, "generation_config.json")
	cfg, err := generate.LoadConfig(cfgPath, genPath)
	if err != nil {
		return cfg, fmt.Errorf("marian: %w", err)
	}
	if opt.Beams > 0 {
		cfg.NumBeams = opt.Beams
	}
	if opt.MaxNewTokens > 0 {
		cfg.MaxLength = 1 + opt.MaxNewTokens
	}
	var extra struct {
		BadWords    [][]int64 `json:"bad_words_ids"`
		ForcedEOS   *int64    `json:"forced_eos_token_id"`
		Renormalize bool      `json:"renormalize_logits"`
	}
	for _, p := range []string{cfgPath, genPath} {
		data, err := os.ReadFile(p)
		if err != nil {
			continue // generation_config.json is optional; config.json was read above
		}
		if err := json.Unmarshal(data, &extra); err != nil {
			return cfg, fmt.Errorf("marian: %s: %w", p, err)
		}
	}
	for _, words := range extra.BadWords {
		if len(words) == 1 { // longer banned sequences are not in these exports
			cfg.Processors = append(cfg.Processors, banned(words[0]))
		}
	}
	if extra.ForcedEOS != nil {
		cfg.Processors = append(cfg.Processors, generate.ForcedToken(*extra.ForcedEOS, cfg.MaxLength-1))
	}
	if extra.Renormalize && cfg.NumBeams > 1 { // it changes no greedy choice
		cfg.Processors = append(cfg.Processors, generate.Renormalize())
	}
	// A translation reports no scores, and its processors only ban
	// tokens: greedy search needs no log-probabilities.
	cfg.IDsOnly = true
	return cfg, nil
}

// banned makes a token impossible (transformers' NoBadWordsLogitsProcessor
// for a one-token word).
func banned(id int64) generate.LogitsProcessor {
	return generate.LogitsProcessorFunc(func(_ []int64, scores []float64) {
		if id >= 0 && id < int64(len(scores)) {
			scores[id] = math.Inf(-1)
		}
	})
}

// TargetLanguage is the language the model translates into, as its
// tokenizer_config.json names it (target_lang: "de", or "deu"), or "".
func (m *Model) TargetLanguage() string { return m.target }

// Generation returns the decoding settings translations use.
func (m *Model) Generation() generate.Config { return m.gen }

// Translate translates text. An empty text is an empty translation.
func (m *Model) Translate(ctx context.Context, text string) (Translation, error) {
	start := time.Now()
	t := Translation{Source: text}
	if strings.TrimSpace(text) == "" {
		t.Finished = true
		return t, nil
	}
	ids := m.tok.Encode(text)
	enc, mask, err := m.encode(ctx, ids)
	if err != nil {
		return t, err
	}
	seq, err := generate.Search(ctx, &stepper{m: m, enc: enc, mask: mask}, m.gen)
	if err != nil {
		return t, err
	}
	t.Tokens, t.Finished = seq.Tokens, seq.Finished
	if seq.Finished {
		t.Tokens = append(t.Tokens, m.gen.EOSTokenID)
	}
	t.Text = m.tok.Decode(seq.Tokens)
	t.Took = time.Since(start)
	return t, nil
}

// encode runs the encoder over ids.
func (m *Model) encode(ctx context.Context, ids []int64) (enc, mask inference.Tensor, err error) {
	ones := make([]int64, len(ids))
	for i := range ones {
		ones[i] = 1
	}
	mask = inference.NewInt64([]int64{1, int64(len(ids))}, ones)
	out, err := m.encoder.Run(ctx, map[string]inference.Tensor{
		"input_ids": inference.NewInt64([]int64{1, int64(len(ids))}, ids), "attention_mask": mask,
	})
	if err != nil {
		return enc, mask, fmt.Errorf("marian: encoder: %w", err)
	}
	enc = out["last_hidden_state"]
	if len(enc.Shape) != 3 || enc.Shape[1] != int64(len(ids)) || enc.Float32s() == nil || len(enc.Float32s()) != enc.Len() {
		return enc, mask, fmt.Errorf("marian: the encoder returned shape %v", enc.Shape)
	}
	return enc, mask, nil
}

// Close releases the sessions.
func (m *Model) Close() error {
	var errs []error
	if m.encoder != nil {
		errs = append(errs, m.encoder.Close())
	}
	if m.dec != nil {
		errs = append(errs, m.dec.sess.Close())
	}
	return errors.Join(errs...)
}
