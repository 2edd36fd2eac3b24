package smolvlm

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/describer/describer/inference"
	"github.com/describer/describer/inference/bpe"
)

// DefaultMaxNewTokens bounds an answer when the caller does not: the
// export's generation_config.json sets no length, so transformers.js
// callers pass max_new_tokens (the model card's example passes 500; an
// answer to be heard is kept shorter).
const DefaultMaxNewTokens = 160

// The three graphs under onnx/, by the names transformers.js loads.
var graphNames = [3]string{"vision_encoder", "embed_tokens", "decoder_model_merged"}

// Options choose a model's files.
type Options struct {
	// Quantized picks the _quantized (q8) graphs; a folder that holds only
	// one variant of a graph uses that variant whatever this says.
	Quantized bool
	// Generate, when set, opens embed_tokens and the decoder, which run
	// once per generated token (ort.Runtime.SpinningOpener suits them);
	// nil opens every graph with Load's opener.
	Generate inference.SessionOpener
}

// Model is a loaded SmolVLM.
type Model struct {
	pre Preprocessor
	tok *bpe.Tokenizer
	cfg config
	// special holds the ids of the tokens the prompt is built from.
	special map[string]int64
	// before and after are what the tokenizer's post-processor puts around
	// a text (bpe.Tokenizer.Template).
	before, after []int64
	vision        inference.Session
	embed         inference.Session
	dec           *decoder
}

// config is what config.json, processor_config.json and
// generation_config.json say.
type config struct {
	ModelType    string `json:"model_type"`
	ImageTokenID int64  `json:"image_token_id"`
	Text         struct {
		MaxPositions int `json:"max_position_embeddings"`
		Hidden       int `json:"hidden_size"`
	} `json:"text_config"`
	ImageSeqLen int `json:"image_seq_len"`
	// EOS is generation_config.json's eos_token_id (a number or a list).
	EOS json.RawMessage `json:"eos_token_id"`
	eos []int64
}

// Model types transformers.js maps to this code (models/registry.js).
var modelTypes = map[string]bool{"idefics3": true, "smolvlm": true}

// IsModel reports whether dir holds an Idefics3 or SmolVLM model: its
// config.json says so.
func IsModel(dir string) bool { return modelTypes[inference.ModelType(dir)] }

// Check returns nil when dir holds a whole model: the configs, the
// tokenizer and one variant of each of the three graphs. Otherwise it
// returns an error wrapping inference.ErrNoModel (not such a folder) or
// inference.ErrBadModel naming the first file missing.
func Check(dir string) error {
	if !IsModel(dir) {
		return fmt.Errorf("%w: %s holds no SmolVLM config.json", inference.ErrNoModel, dir)
	}
	return inference.CheckFolder(dir, []string{"generation_config.json", "preprocessor_config.json", "processor_config.json", "tokenizer.json"}, graphNames[:])
}

// Load opens the SmolVLM folder dir (the Hugging Face layout).
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
	if m.pre, err = LoadPreprocessor(filepath.Join(dir, "preprocessor_config.json")); err != nil {
		return m, err
	}
	if m.cfg, err = loadConfig(dir); err != nil {
		return m, err
	}
	if m.tok, err = bpe.LoadTokenizer(dir); err != nil {
		return m, err
	}
	if m.before, m.after, err = m.tok.Template(); err != nil {
		return m, err
	}
	if m.special, err = specialIDs(m.tok, m.cfg.ImageTokenID); err != nil {
		return m, fmt.Errorf("smolvlm: %s: %w", filepath.Join(dir, "tokenizer.json"), err)
	}
	return m, m.open(dir, open, opt)
}

// open opens the three graphs.
func (m *Model) open(dir string, open inference.SessionOpener, opt Options) error {
	for _, name := range graphNames {
		path, err := inference.GraphFile(dir, name, opt.Quantized)
		if err != nil {
			return err
		}
		opener := open
		if opt.Generate != nil && name != "vision_encoder" {
			opener = opt.Generate
		}
		s, err := opener(path)
		if err != nil {
			return fmt.Errorf("smolvlm: open %s: %w", filepath.Base(path), err)
		}
		switch name {
		case "vision_encoder":
			m.vision = s
		case "embed_tokens":
			m.embed = s
		default:
			if m.dec, err = newDecoder(s); err != nil {
				s.Close()
				return err
			}
		}
	}
	return nil
}

// loadConfig reads the three config files.
func loadConfig(dir string) (config, error) {
	var c config
	for _, f := range []string{"config.json", "processor_config.json", "generation_config.json"} {
		if err := readJSON(filepath.Join(dir, f), &c); err != nil {
			return c, err
		}
	}
	var one int64
	if json.Unmarshal(c.EOS, &one) == nil {
		c.eos = []int64{one}
	} else if err := json.Unmarshal(c.EOS, &c.eos); err != nil {
		c.eos = nil
	}
	if c.ImageTokenID <= 0 || c.ImageSeqLen <= 0 || c.Text.MaxPositions <= 0 || len(c.eos) == 0 {
		return c, fmt.Errorf("smolvlm: %s: want image_token_id, text_config.max_position_embeddings, image_seq_len (processor_config.json) and eos_token_id (generation_config.json)", dir)
	}
	return c, nil
}

// readJSON decodes the JSON file path into v.
func readJSON(path string, v any) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("smolvlm: %w", err)
	}
	if err := json.Unmarshal(data, v); err != nil {
		return fmt.Errorf("smolvlm: %s is damaged: %w", path, err)
	}
	return nil
}

// isEOS reports whether id ends an answer.
func (m *Model) isEOS(id int64) bool {
	for _, e := range m.cfg.eos {
		if e == id {
			return true
		}
	}
	return false
}

// Close releases the sessions.
func (m *Model) Close() error {
	var errs []error
	for _, s := range []inference.Session{m.vision, m.embed} {
		if s != nil {
			errs = append(errs, s.Close())
		}
	}
	if m.dec != nil {
		errs = append(errs, m.dec.sess.Close())
	}
	return errors.Join(errs...)
}

// Splits reports whether preprocessor_config.json asks for tiles
// (do_image_splitting), transformers.js' default.
func (m *Model) Splits() bool { return m.pre.Split }
