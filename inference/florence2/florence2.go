package florence2

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"image"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/describer/describer/inference"
	"github.com/describer/describer/inference/bpe"
	"github.com/describer/describer/inference/generate"
	"github.com/describer/describer/inference/imaging"
)

// The three caption tasks, from brief to a paragraph.
const (
	TaskBrief     = "<CAPTION>"
	TaskDetailed  = "<DETAILED_CAPTION>"
	TaskParagraph = "<MORE_DETAILED_CAPTION>"
)

// DefaultMaxNewTokens bounds a caption when the options do not. The real
// export's generation_config.json sets no max_length, so callers of
// transformers.js pass max_new_tokens; this is the length the fixture's
// reference used.
const DefaultMaxNewTokens = 20

// The four graphs under onnx/, by the names transformers.js loads.
var graphNames = [4]string{"vision_encoder", "embed_tokens", "encoder_model", "decoder_model_merged"}

// Task returns the task of the level of detail called name (one of
// inference.DetailNames), or TaskBrief for a name it does not know.
func Task(name string) string { return taskOrder[max(inference.DetailLevel(name), 0)] }

// IsModel reports whether dir holds a Florence-2 model: its config.json
// says model_type "florence2".
func IsModel(dir string) bool { return inference.ModelType(dir) == "florence2" }

// Options choose a model's files and generation.
type Options struct {
	// Task is the level Caption describes at (TaskBrief if empty).
	Task string
	// Quantized picks the _quantized (q8) graphs; a folder that holds only
	// one variant of a graph uses that variant whatever this says.
	Quantized bool
	// Caption overrides the beam width and length (MaxLength counts the
	// decoder start token, as transformers' max_length does).
	Caption inference.CaptionOptions
}

// Model is a loaded Florence-2.
type Model struct {
	task string
	// mu guards last: the image last encoded and its features.
	mu   sync.Mutex
	last struct {
		img image.Image
		f   Features
	}
	// cross holds, for each cross-attention cache input, the memory its
	// rows are copied into after the first step, reused from caption to
	// caption (64 MB at 3 beams for the base model: fresh memory cost
	// 60 ms of page faults per caption); crossMu lets one caption use it
	// at a time.
	crossMu sync.Mutex
	cross   map[string][]float32
	pre     Preprocessor
	tok     *bpe.Tokenizer
	gen     generate.Config
	vision  inference.Session
	embed   inference.Session
	encoder inference.Session
	dec     *decoder
}

// Load opens the Florence-2 folder dir (the Hugging Face layout).
func Load(dir string, open inference.SessionOpener, opt Options) (m *Model, err error) {
	m = &Model{task: opt.Task}
	if m.task == "" {
		m.task = TaskBrief
	}
	defer func() {
		if err != nil {
			err = errors.Join(err, m.Close())
			m = nil
		}
	}()
	if m.pre, err = LoadPreprocessor(filepath.Join(dir, "preprocessor_config.json")); err != nil {
		return m, err
	}
	if m.tok, err = bpe.LoadTokenizer(dir); err != nil {
		return m, err
	}
	if m.gen, err = loadGeneration(dir, opt.Caption); err != nil {
		return m, err
	}
	sessions := []*inference.Session{&m.vision, &m.embed, &m.encoder}
	for i, name := range graphNames {
		path, err := inference.GraphFile(dir, name, opt.Quantized)
		if err != nil {
			return m, err
		}
		s, err := open(path)
		if err != nil {
			return m, fmt.Errorf("florence2: open %s: %w", filepath.Base(path), err)
		}
		if i < len(sessions) {
			*sessions[i] = s
			continue
		}
		if m.dec, err = newDecoder(s); err != nil {
			s.Close()
			return m, err
		}
	}
	return m, nil
}

// Check returns nil when dir holds a whole Florence-2 model: the configs,
// the tokenizer and one variant of each of the four graphs. Otherwise it
// returns an error wrapping inference.ErrNoModel (not a Florence-2
// folder) or inference.ErrBadModel naming the first file missing.
func Check(dir string) error {
	if !IsModel(dir) {
		return fmt.Errorf("%w: %s holds no Florence-2 config.json", inference.ErrNoModel, dir)
	}
	return inference.CheckFolder(dir, []string{"generation_config.json", "preprocessor_config.json", "tokenizer.json"}, graphNames[:])
}

// loadGeneration reads the generation settings as transformers.js merges
// them: config.json's text_config, then generation_config.json, then opt;
// no-repeat n-grams and forced BOS and EOS become processors.
func loadGeneration(dir string, opt inference.CaptionOptions) (generate.Config, error) {
	var top struct {
		Text json.RawMessage `json:"text_config"`
	}
	data, err := os.ReadFile(filepath.Join(dir, "config.json"))
	if err == nil {
		err = json.Unmarshal(data, &top)
	}
	if err != nil || top.Text == nil {
		return generate.Config{}, fmt.Errorf("florence2: %s has no text_config: %v", filepath.Join(dir, "config.json"), err)
	}
	genPath := filepath.Join(dir, "generation_config.json")
	gdata, err := os.ReadFile(genPath)
	if err != nil {
		return generate.Config{}, fmt.Errorf("florence2: %w", err)
	}
	cfg, err := generate.ParseConfig(top.Text, gdata)
	if err != nil {
		return generate.Config{}, fmt.Errorf("florence2: %w", err)
	}
	cfg.MaxLength = 1 + DefaultMaxNewTokens // transformers.js is given max_new_tokens
	cfg = cfg.With(opt)
	var extra struct {
		NoRepeat  *int   `json:"no_repeat_ngram_size"`
		ForcedBOS *int64 `json:"forced_bos_token_id"`
		ForcedEOS *int64 `json:"forced_eos_token_id"`
	}
	for _, doc := range [][]byte{top.Text, gdata} {
		if err := json.Unmarshal(doc, &extra); err != nil {
			return generate.Config{}, fmt.Errorf("florence2: %w", err)
		}
	}
	if extra.NoRepeat != nil {
		cfg.Processors = append(cfg.Processors, generate.NoRepeatNGram(*extra.NoRepeat))
	}
	if extra.ForcedBOS != nil {
		cfg.Processors = append(cfg.Processors, generate.ForcedToken(*extra.ForcedBOS, 1))
	}
	if extra.ForcedEOS != nil {
		cfg.Processors = append(cfg.Processors, generate.ForcedToken(*extra.ForcedEOS, cfg.MaxLength-1))
	}
	return cfg, nil
}

// Generation returns the generation settings captions use.
func (m *Model) Generation() generate.Config { return m.gen }

// Features is an image encoded once, ready for captions at any level.
type Features struct {
	image inference.Tensor // image_features [1, tokens, hidden]
	took  time.Duration
}

// Encode runs the vision encoder on img.
func (m *Model) Encode(ctx context.Context, img image.Image) (Features, error) {
	start := time.Now()
	out, err := m.vision.Run(ctx, map[string]inference.Tensor{"pixel_values": m.pre.Tensor(img)})
	if err != nil {
		return Features{}, fmt.Errorf("florence2: vision encoder: %w", err)
	}
	f := out["image_features"]
	if len(f.Shape) != 3 || f.Shape[0] != 1 || f.Float32s() == nil || len(f.Float32s()) != f.Len() {
		return Features{}, fmt.Errorf("florence2: the vision encoder returned image features of shape %v", f.Shape)
	}
	return Features{image: f, took: time.Since(start)}, nil
}

// Caption describes img at the level Options.Task chose.
func (m *Model) Caption(ctx context.Context, img image.Image) (inference.Caption, error) {
	return m.CaptionTask(ctx, img, m.task)
}

// taskOrder lists the tasks from brief to a paragraph, in the order of
// inference.DetailNames.
var taskOrder = []string{TaskBrief, TaskDetailed, TaskParagraph}

// Levels is how many levels of detail CaptionLevel knows: three.
func (m *Model) Levels() int { return len(taskOrder) }

// Level is the level Caption describes at: 0 brief, 1 detailed, 2
// paragraph.
func (m *Model) Level() int { return max(slices.Index(taskOrder, m.task), 0) }

// CaptionLevel describes img at level (0 brief, 1 detailed, 2 a
// paragraph). The image last encoded is remembered, so asking again for
// the same image, at any level, does not run the vision encoder again.
func (m *Model) CaptionLevel(ctx context.Context, img image.Image, level int) (inference.Caption, error) {
	if level < 0 || level >= len(taskOrder) {
		return inference.Caption{}, fmt.Errorf("florence2: no level %d of detail", level)
	}
	return m.CaptionTask(ctx, img, taskOrder[level])
}

// CaptionTask describes img at the level task (TaskBrief, TaskDetailed or
// TaskParagraph), reusing the features of the image last encoded.
func (m *Model) CaptionTask(ctx context.Context, img image.Image, task string) (inference.Caption, error) {
	f, err := m.features(ctx, img)
	if err != nil {
		return inference.Caption{}, err
	}
	return m.CaptionFeatures(ctx, f, task)
}

// features returns img's features: the last ones when img is the image
// last encoded (the same image value), else newly encoded.
func (m *Model) features(ctx context.Context, img image.Image) (Features, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if imaging.Same(m.last.img, img) && m.last.f.image.Shape != nil {
		f := m.last.f
		f.took = 0
		return f, nil
	}
	f, err := m.Encode(ctx, img)
	if err == nil {
		m.last.img, m.last.f = img, f
	}
	return f, err
}

// CaptionFeatures describes an encoded image at the level task, without
// running the vision encoder again.
func (m *Model) CaptionFeatures(ctx context.Context, f Features, task string) (inference.Caption, error) {
	start := time.Now()
	prompt, ok := m.pre.Prompts[task]
	if !ok {
		return inference.Caption{}, fmt.Errorf("florence2: unknown task %q", task)
	}
	ids, err := m.tok.Encode(prompt)
	if err != nil {
		return inference.Caption{}, err
	}
	enc, mask, err := m.encode(ctx, f, ids)
	if err != nil {
		return inference.Caption{}, err
	}
	m.crossMu.Lock()
	seq, err := generate.Search(ctx, &stepper{m: m, enc: enc, mask: mask}, m.gen)
	m.crossMu.Unlock()
	if err != nil {
		return inference.Caption{}, err
	}
	text, err := m.tok.Decode(seq.Tokens)
	if err != nil {
		return inference.Caption{}, err
	}
	mean := seq.MeanLogProb()
	return inference.Caption{
		Text: strings.TrimSpace(text), Tokens: seq.Tokens, MeanLogProb: mean, Confidence: math.Exp(mean),
		Finished: seq.Finished,
		Timings:  inference.Timings{Encode: f.took, Decode: time.Since(start), Total: f.took + time.Since(start)},
	}, nil
}

// encode runs the text encoder over the image's features followed by the
// prompt's embeddings (image first), with a mask of ones over both.
func (m *Model) encode(ctx context.Context, f Features, ids []int64) (enc, mask inference.Tensor, err error) {
	emb, err := m.embedIDs(ctx, ids, 1)
	if err != nil {
		return enc, mask, err
	}
	img, txt := f.image.Float32s(), emb.Float32s()
	n := f.image.Shape[1] + emb.Shape[1]
	joined := inference.NewFloat32([]int64{1, n, f.image.Shape[2]}, append(append([]float32{}, img...), txt...))
	ones := make([]int64, n)
	for i := range ones {
		ones[i] = 1
	}
	mask = inference.NewInt64([]int64{1, n}, ones)
	out, err := m.encoder.Run(ctx, map[string]inference.Tensor{"inputs_embeds": joined, "attention_mask": mask})
	if err != nil {
		return enc, mask, fmt.Errorf("florence2: encoder: %w", err)
	}
	enc = out["last_hidden_state"]
	if len(enc.Shape) != 3 || enc.Shape[1] != n || enc.Float32s() == nil || len(enc.Float32s()) != enc.Len() {
		return enc, mask, fmt.Errorf("florence2: the encoder returned shape %v", enc.Shape)
	}
	return enc, mask, nil
}

// embedIDs returns the embeddings of ids, rows rows of len(ids)/rows.
func (m *Model) embedIDs(ctx context.Context, ids []int64, rows int) (inference.Tensor, error) {
	out, err := m.embed.Run(ctx, map[string]inference.Tensor{
		"input_ids": inference.NewInt64([]int64{int64(rows), int64(len(ids) / rows)}, ids),
	})
	if err != nil {
		return inference.Tensor{}, fmt.Errorf("florence2: embed tokens: %w", err)
	}
	e := out["inputs_embeds"]
	if len(e.Shape) != 3 || e.Shape[0] != int64(rows) || e.Float32s() == nil || len(e.Float32s()) != e.Len() {
		return inference.Tensor{}, fmt.Errorf("florence2: embed tokens returned shape %v", e.Shape)
	}
	return e, nil
}

// Close releases the sessions.
func (m *Model) Close() error {
	var errs []error
	for _, s := range []inference.Session{m.vision, m.embed, m.encoder} {
		if s != nil {
			errs = append(errs, s.Close())
		}
	}
	if m.dec != nil {
		errs = append(errs, m.dec.sess.Close())
	}
	return errors.Join(errs...)
}
