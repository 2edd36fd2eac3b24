package inference

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
)

// ErrNoModel means the model folder does not exist.
var ErrNoModel = errors.New("caption model not found")

// ErrBadModel means the model folder exists but is incomplete or damaged.
var ErrBadModel = errors.New("caption model incomplete or damaged")

// ErrBadOption means a caption option does not suit the model, such as a
// maximum length beyond the decoder's positions.
var ErrBadOption = errors.New("caption option out of range")

// MaxBeams is the widest beam search allowed.
const MaxBeams = 16

// CaptionOptions override the model's generation settings; zero fields keep
// what generation_config.json says.
type CaptionOptions struct {
	// NumBeams is the beam width (1 = greedy).
	NumBeams int
	// MaxLength bounds the caption, counting the decoder start token.
	MaxLength int
}

// Caption is a generated caption with its confidence and timings.
type Caption struct {
	// Text is the decoded caption.
	Text string
	// Tokens are the generated ids, without start and end tokens.
	Tokens []int64
	// MeanLogProb is the mean log-probability per generated token.
	MeanLogProb float64
	// Confidence is exp(MeanLogProb): the geometric-mean token probability,
	// in [0, 1].
	Confidence float64
	// Finished is false when the length limit cut the caption short.
	Finished bool
	// Timings says where the time went.
	Timings Timings
}

// Timings are the durations of one caption's stages.
type Timings struct {
	// Preprocess is resizing and normalising the image.
	Preprocess time.Duration
	// Encode is the image encoder's run.
	Encode time.Duration
	// Decode is the whole token-by-token generation.
	Decode time.Duration
	// Total is the whole caption, from image to text.
	Total time.Duration
	// ORT is the time spent inside Session.Run, summed over all runs.
	ORT time.Duration
	// Steps counts decoder runs.
	Steps int
}

// VitGPT2 captions images with a ViT encoder and a GPT-2 merged decoder in
// the Hugging Face / transformers.js ONNX layout (Xenova/vit-gpt2-image-captioning).
// Sessions are opened once; Caption calls are serialised.
type VitGPT2 struct {
	dir      string
	encPath  string
	decPath  string
	prep     PreprocessorConfig
	gen      GenerationConfig
	tok      *Tokenizer
	enc      *timedSession
	dec      *timedSession
	merged   *mergedDecoder
	encState string // encoder output name
	encIn    string // encoder input name
	opt      CaptionOptions
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
		return "", "", fmt.Errorf("%w: no folder at %s", ErrNoModel, dir)
	}
	for _, f := range []string{"config.json", "preprocessor_config.json", "tokenizer.json"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			return "", "", fmt.Errorf("%w: %s has no %s", ErrBadModel, dir, f)
		}
	}
	pick := func(names ...string) (string, error) {
		for _, n := range names {
			p := filepath.Join(dir, "onnx", n)
			if st, err := os.Stat(p); err == nil && st.Mode().IsRegular() {
				return p, nil
			}
		}
		return "", fmt.Errorf("%w: %s has no onnx/%s (or onnx/%s)", ErrBadModel, dir, names[0], names[1])
	}
	if encoder, err = pick("encoder_model_quantized.onnx", "encoder_model.onnx"); err != nil {
		return "", "", err
	}
	if decoder, err = pick("decoder_model_merged_quantized.onnx", "decoder_model_merged.onnx"); err != nil {
		return "", "", err
	}
	return encoder, decoder, nil
}

// LoadVitGPT2 loads the model folder dir, opening both sessions with open.
func LoadVitGPT2(dir string, open SessionOpener, opt CaptionOptions) (m *VitGPT2, err error) {
	encPath, decPath, err := ModelFiles(dir)
	if err != nil {
		return nil, err
	}
	m = &VitGPT2{dir: dir, encPath: encPath, decPath: decPath, opt: opt}
	var cfg modelConfig
	if err := readJSON(filepath.Join(dir, "config.json"), &cfg); err != nil {
		return nil, err
	}
	if err := checkOptions(opt, cfg.Decoder.NPositions); err != nil {
		return nil, err
	}
	if cfg.ModelType != "" && cfg.ModelType != "vision-encoder-decoder" {
		return nil, fmt.Errorf("%w: %s describes a %q model, not a vision-encoder-decoder caption model", ErrBadModel, dir, cfg.ModelType)
	}
	if m.prep, err = LoadPreprocessorConfig(filepath.Join(dir, "preprocessor_config.json")); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrBadModel, err)
	}
	if m.gen, err = LoadGenerationConfig(filepath.Join(dir, "config.json"), filepath.Join(dir, "generation_config.json")); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrBadModel, err)
	}
	if m.tok, err = LoadTokenizer(dir); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrBadModel, err)
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

// checkOptions refuses a beam width over MaxBeams and a maximum length
// beyond the decoder's positions (when config.json gives them).
func checkOptions(opt CaptionOptions, positions int) error {
	if opt.NumBeams > MaxBeams {
		return fmt.Errorf("%w: %d beams is more than the %d allowed", ErrBadOption, opt.NumBeams, MaxBeams)
	}
	if positions > 0 && opt.MaxLength > positions {
		return fmt.Errorf("%w: a maximum length of %d is more than this model's %d positions", ErrBadOption, opt.MaxLength, positions)
	}
	return nil
}

func (m *VitGPT2) openSessions(open SessionOpener, cfg modelConfig) error {
	enc, err := open(m.encPath)
	if err != nil {
		return fmt.Errorf("%w: %w", ErrBadModel, err)
	}
	m.enc = &timedSession{Session: enc}
	if len(enc.Inputs()) != 1 || len(enc.Outputs()) < 1 {
		return fmt.Errorf("%w: encoder %s should take one image input", ErrBadModel, m.encPath)
	}
	m.encIn, m.encState = enc.Inputs()[0].Name, "last_hidden_state"
	if !hasOutput(enc, m.encState) {
		m.encState = enc.Outputs()[0].Name
	}
	dec, err := open(m.decPath)
	if err != nil {
		return fmt.Errorf("%w: %w", ErrBadModel, err)
	}
	m.dec = &timedSession{Session: dec}
	var headDim int64
	if cfg.Decoder.NHead > 0 {
		headDim = cfg.Decoder.NEmbd / cfg.Decoder.NHead
	}
	if m.merged, err = newMergedDecoder(m.dec, cfg.Decoder.NHead, headDim); err != nil {
		return fmt.Errorf("%w: %s: %w", ErrBadModel, m.decPath, err)
	}
	if m.merged.vocab > 0 && m.gen.EOSTokenID >= m.merged.vocab {
		return fmt.Errorf("%w: end token %d is outside the decoder's %d-token vocabulary", ErrBadModel, m.gen.EOSTokenID, m.merged.vocab)
	}
	return nil
}

func hasOutput(s Session, name string) bool {
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
		return fmt.Errorf("%w: %s is missing", ErrBadModel, path)
	}
	if err != nil {
		return err
	}
	if err := json.Unmarshal(data, v); err != nil {
		return fmt.Errorf("%w: %s is not usable: %w", ErrBadModel, path, jsonError(data, err))
	}
	return nil
}

// Files returns the encoder and decoder files in use.
func (m *VitGPT2) Files() (encoder, decoder string) { return m.encPath, m.decPath }

// Dir returns the model folder.
func (m *VitGPT2) Dir() string { return m.dir }

// Generation returns the generation settings in effect, options applied.
func (m *VitGPT2) Generation() GenerationConfig {
	g := m.gen
	if m.opt.NumBeams > 0 {
		g.NumBeams = m.opt.NumBeams
	}
	if m.opt.MaxLength > 0 {
		g.MaxLength = m.opt.MaxLength
	}
	return g
}

// Caption describes img in one sentence.
func (m *VitGPT2) Caption(ctx context.Context, img image.Image) (Caption, error) {
	return m.caption(ctx, img, false)
}

func (m *VitGPT2) caption(ctx context.Context, img image.Image, noCache bool) (Caption, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var c Caption
	start := time.Now()
	m.enc.reset()
	m.dec.reset()
	pixels, err := m.prep.Tensor(img)
	if err != nil {
		return c, err
	}
	c.Timings.Preprocess = time.Since(start)
	encStart := time.Now()
	out, err := m.enc.Run(ctx, map[string]Tensor{m.encIn: pixels})
	if err != nil {
		return c, fmt.Errorf("encoder: %w", err)
	}
	states, ok := out[m.encState]
	if !ok || len(states.Shape) != 3 || states.Shape[0] != 1 || states.Float32s() == nil || len(states.Float32s()) != states.Len() {
		return c, fmt.Errorf("encoder output %q missing or not [1, seq, hidden]", m.encState)
	}
	c.Timings.Encode = time.Since(encStart)
	decStart := time.Now()
	var s stepper = newCachedStepper(m.merged, states)
	if noCache {
		s = &fullStepper{dec: m.merged, enc: states}
	}
	seq, err := generate(ctx, s, m.Generation())
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
	c.Timings.ORT = m.enc.total + m.dec.total
	c.Timings.Steps = m.dec.runs
	return c, nil
}

// Close releases both sessions.
func (m *VitGPT2) Close() error {
	var errs []error
	if m.enc != nil {
		errs = append(errs, m.enc.Close())
	}
	if m.dec != nil {
		errs = append(errs, m.dec.Close())
	}
	return errors.Join(errs...)
}

// timedSession adds up the time spent in Run.
type timedSession struct {
	Session
	total time.Duration
	runs  int
}

func (t *timedSession) reset() { t.total, t.runs = 0, 0 }

func (t *timedSession) Run(ctx context.Context, in map[string]Tensor) (map[string]Tensor, error) {
	start := time.Now()
	out, err := t.Session.Run(ctx, in)
	t.total += time.Since(start)
	t.runs++
	return out, err
}
