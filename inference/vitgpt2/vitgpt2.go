package vitgpt2

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"image"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/describer/describer/inference"
	"github.com/describer/describer/inference/bpe"
	"github.com/describer/describer/inference/generate"
	"github.com/describer/describer/inference/internal/jsonerr"
)

// Model captions images with a ViT encoder and a GPT-2 merged decoder in
// the Hugging Face / transformers.js ONNX layout (Xenova/vit-gpt2-image-captioning).
// Sessions are opened once; Caption calls are serialised.
type Model struct {
	dir      string
	encPath  string
	decPath  string
	prep     PreprocessorConfig
	gen      generate.Config
	tok      *bpe.Tokenizer
	enc      *inference.TimedSession
	dec      *inference.TimedSession
	merged   *mergedDecoder
	encState string // encoder output name
	encIn    string // encoder input name
	opt      inference.CaptionOptions
	mu       sync.Mutex
}

// modelConfig is the part of config.json the loader checks.
type modelConfig struct {
	ModelType string `json:"model_type"`
	Decoder   struct {
		NHead      int64 `json:"n_head"`
		NEmbd      int64 `json:"n_embd"`
		NPositions int   `json:"n_positions"`
	} `json:"decoder"`
}

// ModelFiles returns the encoder and decoder files of a model folder,
// preferring the int8 quantized exports and falling back to fp32.
func ModelFiles(dir string) (encoder, decoder string, err error) {
	st, err := os.Stat(dir)
	if err != nil || !st.IsDir() {
		return "", "", fmt.Errorf("%w: no folder at %s", inference.ErrNoModel, dir)
	}
	for _, f := range []string{"config.json", "preprocessor_config.json", "tokenizer.json"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			return "", "", fmt.Errorf("%w: %s has no %s", inference.ErrBadModel, dir, f)
		}
	}
	pick := func(names ...string) (string, error) {
		for _, n := range names {
			p := filepath.Join(dir, "onnx", n)
			if st, err := os.Stat(p); err == nil && st.Mode().IsRegular() {
				return p, nil
			}
		}
		return "", fmt.Errorf("%w: %s has no onnx/%s (or onnx/%s)", inference.ErrBadModel, dir, names[0], names[1])
	}
	if encoder, err = pick("encoder_model_quantized.onnx", "encoder_model.onnx"); err != nil {
		return "", "", err
	}
	if decoder, err = pick("decoder_model_merged_quantized.onnx", "decoder_model_merged.onnx"); err != nil {
		return "", "", err
	}
	return encoder, decoder, nil
}

// Load loads the model folder dir, opening both sessions with open.
func Load(dir string, open inference.SessionOpener, opt inference.CaptionOptions) (m *Model, err error) {
	encPath, decPath, err := ModelFiles(dir)
	if err != nil {
		return nil, err
	}
	m = &Model{dir: dir, encPath: encPath, decPath: decPath, opt: opt}
	var cfg modelConfig
	if err := readJSON(filepath.Join(dir, "config.json"), &cfg); err != nil {
		return nil, err
	}
	if err := opt.Check(cfg.Decoder.NPositions); err != nil {
		return nil, err
	}
	if cfg.ModelType != "" && cfg.ModelType != "vision-encoder-decoder" {
		return nil, fmt.Errorf("%w: %s describes a %q model, not a vision-encoder-decoder caption model", inference.ErrBadModel, dir, cfg.ModelType)
	}
	if m.prep, err = LoadPreprocessorConfig(filepath.Join(dir, "preprocessor_config.json")); err != nil {
		return nil, fmt.Errorf("%w: %w", inference.ErrBadModel, err)
	}
	if m.gen, err = generate.LoadConfig(filepath.Join(dir, "config.json"), filepath.Join(dir, "generation_config.json")); err != nil {
		return nil, fmt.Errorf("%w: %w", inference.ErrBadModel, err)
	}
	if m.tok, err = bpe.LoadTokenizer(dir); err != nil {
		return nil, fmt.Errorf("%w: %w", inference.ErrBadModel, err)
	}
	defer func() {
		if err != nil {
			err = errors.Join(err, m.Close())
			m = nil
		}
	}()
	if err := m.openSessions(open, cfg); err != nil {
		return m, err
	}
	return m, nil
}

func (m *Model) openSessions(open inference.SessionOpener, cfg modelConfig) error {
	enc, err := open(m.encPath)
	if err != nil {
		return fmt.Errorf("%w: %w", inference.ErrBadModel, err)
	}
	m.enc = &inference.TimedSession{Session: enc}
	if len(enc.Inputs()) != 1 || len(enc.Outputs()) < 1 {
		return fmt.Errorf("%w: encoder %s should take one image input", inference.ErrBadModel, m.encPath)
	}
	m.encIn, m.encState = enc.Inputs()[0].Name, "last_hidden_state"
	if !hasOutput(enc, m.encState) {
		m.encState = enc.Outputs()[0].Name
	}
	dec, err := open(m.decPath)
	if err != nil {
		return fmt.Errorf("%w: %w", inference.ErrBadModel, err)
	}
	m.dec = &inference.TimedSession{Session: dec}
	var headDim int64
	if cfg.Decoder.NHead > 0 {
		headDim = cfg.Decoder.NEmbd / cfg.Decoder.NHead
	}
	if m.merged, err = newMergedDecoder(m.dec, cfg.Decoder.NHead, headDim); err != nil {
		return fmt.Errorf("%w: %s: %w", inference.ErrBadModel, m.decPath, err)
	}
	if m.merged.vocab > 0 && m.gen.EOSTokenID >= m.merged.vocab {
		return fmt.Errorf("%w: end token %d is outside the decoder's %d-token vocabulary", inference.ErrBadModel, m.gen.EOSTokenID, m.merged.vocab)
	}
	return nil
}

func hasOutput(s inference.Session, name string) bool {
	for _, o := range s.Outputs() {
		if o.Name == name {
			return true
		}
	}
	return false
}

// readJSON decodes a JSON file, with one sentence naming it on failure.
func readJSON(path string, v any) error {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("%w: %s is missing", inference.ErrBadModel, path)
	}
	if err != nil {
		return err
	}
	if err := json.Unmarshal(data, v); err != nil {
		return fmt.Errorf("%w: %s is not usable: %w", inference.ErrBadModel, path, jsonerr.Describe(data, err))
	}
	return nil
}

// Files returns the encoder and decoder files in use.
func (m *Model) Files() (encoder, decoder string) { return m.encPath, m.decPath }

// Dir returns the model folder.
func (m *Model) Dir() string { return m.dir }

// Generation returns the generation settings in effect, options applied.
func (m *Model) Generation() generate.Config { return m.gen.With(m.opt) }

// Caption describes img in one sentence.
func (m *Model) Caption(ctx context.Context, img image.Image) (inference.Caption, error) {
	return m.caption(ctx, img, false)
}

func (m *Model) caption(ctx context.Context, img image.Image, noCache bool) (inference.Caption, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var c inference.Caption
	start := time.Now()
	m.enc.Reset()
	m.dec.Reset()
	pixels, err := m.prep.Tensor(img)
	if err != nil {
		return c, err
	}
	c.Timings.Preprocess = time.Since(start)
	encStart := time.Now()
	out, err := m.enc.Run(ctx, map[string]inference.Tensor{m.encIn: pixels})
	if err != nil {
		return c, fmt.Errorf("encoder: %w", err)
	}
	states, ok := out[m.encState]
	if !ok || len(states.Shape) != 3 || states.Shape[0] != 1 || states.Float32s() == nil || len(states.Float32s()) != states.Len() {
		return c, fmt.Errorf("encoder output %q missing or not [1, seq, hidden]", m.encState)
	}
	c.Timings.Encode = time.Since(encStart)
	decStart := time.Now()
	var s generate.Stepper = newCachedStepper(m.merged, states)
	if noCache {
		s = &fullStepper{dec: m.merged, enc: states}
	}
	seq, err := generate.Search(ctx, s, m.Generation())
	if err != nil {
		return c, err
	}
	c.Timings.Decode = time.Since(decStart)
	c.Tokens, c.Finished = seq.Tokens, seq.Finished
	if c.Text, err = m.tok.Decode(seq.Tokens); err != nil {
		return c, err
	}
	c.MeanLogProb = seq.MeanLogProb()
	c.Confidence = math.Exp(c.MeanLogProb)
	c.Timings.Total = time.Since(start)
	c.Timings.ORT = m.enc.Total + m.dec.Total
	c.Timings.Steps = m.dec.Runs
	return c, nil
}

// Close releases both sessions.
func (m *Model) Close() error {
	var errs []error
	if m.enc != nil {
		errs = append(errs, m.enc.Close())
	}
	if m.dec != nil {
		errs = append(errs, m.dec.Close())
	}
	return errors.Join(errs...)
}
