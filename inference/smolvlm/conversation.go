package smolvlm

import (
	"context"
	"errors"
	"fmt"
	"image"
	"runtime/debug"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/describer/describer/inference"
	"github.com/describer/describer/inference/imaging"
)

// MaxQuestion is the longest question accepted, in characters.
const MaxQuestion = 1000

// BlankAnswer is the answer about an image with nothing in it: no model
// runs, so nothing is invented.
const BlankAnswer = "The image appears blank."

// Errors for questions that cannot be asked.
var (
	ErrEmptyQuestion = errors.New("the question is empty: type a question about the image")
	ErrLongQuestion  = fmt.Errorf("the question is longer than %d characters: ask it in fewer words", MaxQuestion)
)

// Answer is one generated answer.
type Answer struct {
	Question string
	// Text is the decoded answer, trimmed.
	Text string
	// Tokens are the generated ids, the end token included when generated.
	Tokens []int64
	// Finished is false when the length limit cut the answer short.
	Finished bool
	// Blank is set when the image is blank and no model ran.
	Blank bool
	// Restarted is set when the conversation outgrew the model's context
	// and this answer began afresh on the same image.
	Restarted bool
	// PromptTokens is the prompt's length; Reused of them came from the
	// cache of earlier turns.
	PromptTokens, Reused int
	// Tiles is the number of 512×512 tiles the image was cut into.
	Tiles   int
	Timings Timings
}

// Timings are where an answer's time went.
type Timings struct {
	// Vision is preprocessing and the vision encoder (0 on a follow-up).
	Vision time.Duration
	// Prefill is the prompt's run through the decoder.
	Prefill time.Duration
	// FirstToken is from the question to the first answer token.
	FirstToken time.Duration
	// Total is the whole answer.
	Total time.Duration
}

// Conversation is a run of questions about one image.
type Conversation struct {
	m     *Model
	img   image.Image
	split bool
	blank bool
	turns []Turn
	// Encoded once, on the first question.
	pixels Pixels
	feats  []float32 // image_features rows, [tokens, hidden]
	cache  cache
}

// Conversation starts a conversation about img; split cuts it into tiles
// (finer detail, several times slower), else it is one 512×512 tile.
func (m *Model) Conversation(img image.Image, split bool) *Conversation {
	blank, _ := imaging.IsBlank(img)
	return &Conversation{m: m, img: img, split: split, blank: blank}
}

// Turns returns the questions asked so far with their answers.
func (c *Conversation) Turns() []Turn { return append([]Turn(nil), c.turns...) }

// Ask answers q about the image, given the earlier turns. onText, when
// set, receives the answer as it is generated, piece by piece. maxNew
// bounds the answer in tokens (DefaultMaxNewTokens when 0).
func (c *Conversation) Ask(ctx context.Context, q string, maxNew int, onText func(string)) (Answer, error) {
	start := time.Now()
	q = strings.TrimSpace(c.m.clean(q))
	switch {
	case q == "":
		return Answer{}, ErrEmptyQuestion
	case utf8.RuneCountInString(q) > MaxQuestion:
		return Answer{}, ErrLongQuestion
	}
	if maxNew <= 0 {
		maxNew = DefaultMaxNewTokens
	}
	a := Answer{Question: q}
	if c.blank {
		a.Text, a.Blank, a.Finished = BlankAnswer, true, true
		c.turns = append(c.turns, Turn{Question: q, Answer: a.Text})
		return a, nil
	}
	if err := c.encode(ctx, &a); err != nil {
		return a, err
	}
	ids, err := c.prompt(q, maxNew, &a)
	if err != nil {
		return a, err
	}
	if err := c.generate(ctx, ids, maxNew, start, onText, &a); err != nil {
		return a, err
	}
	a.Timings.Total = time.Since(start)
	c.turns = append(c.turns, Turn{Question: q, Answer: a.Text})
	return a, nil
}

// prompt returns the token ids for q after the earlier turns, starting
// the conversation afresh on the same image when they would outgrow the
// model's positions.
func (c *Conversation) prompt(q string, maxNew int, a *Answer) ([]int64, error) {
	for {
		segs := expand(chat(c.turns, q), c.pixels.Rows, c.pixels.Cols, c.m.cfg.ImageSeqLen)
		ids, err := c.m.tokens(segs)
		if err != nil {
			return nil, err
		}
		if len(ids)+maxNew <= c.m.cfg.Text.MaxPositions {
			a.PromptTokens = len(ids)
			return ids, nil
		}
		if len(c.turns) == 0 {
			return nil, fmt.Errorf("the image and question take %d of the model's %d positions, leaving no room for an answer of %d tokens", len(ids), c.m.cfg.Text.MaxPositions, maxNew)
		}
		c.turns, a.Restarted = nil, true
		c.cache.trim(0)
	}
}

// encode runs the vision encoder once per conversation.
func (c *Conversation) encode(ctx context.Context, a *Answer) error {
	if c.feats != nil {
		a.Tiles = c.pixels.Tiles()
		return nil
	}
	start := time.Now()
	c.pixels = c.m.pre.Tensor(c.img, c.split)
	a.Tiles = c.pixels.Tiles()
	// Resizing a screenshot leaves tens of megabytes of garbage; handed
	// back now, it is not resident beside the vision encoder's own memory
	// (the peak). A collection costs a few milliseconds here.
	debug.FreeOSMemory()
	out, err := c.m.vision.Run(ctx, map[string]inference.Tensor{
		"pixel_values": c.pixels.Values, "pixel_attention_mask": c.pixels.Mask(),
	})
	if err != nil {
		return fmt.Errorf("smolvlm: vision encoder: %w", err)
	}
	f := out["image_features"]
	want := a.Tiles * c.m.cfg.ImageSeqLen
	if len(f.Shape) < 2 || f.Float32s() == nil || len(f.Float32s()) != f.Len() || f.Len() != want*int(f.Shape[len(f.Shape)-1]) {
		return fmt.Errorf("smolvlm: the vision encoder returned image features of shape %v for %d tiles", f.Shape, a.Tiles)
	}
	c.feats = f.Float32s()
	a.Timings.Vision = time.Since(start)
	return nil
}

// generate runs the prompt's new tokens through the decoder, then decodes
// greedily until the end token or maxNew tokens.
func (c *Conversation) generate(ctx context.Context, ids []int64, maxNew int, start time.Time, onText func(string), a *Answer) error {
	p := commonPrefix(c.cache.ids, ids)
	if p == len(ids) {
		p-- // the last token must run to give the next one's logits
	}
	c.cache.trim(p)
	a.Reused = p
	prefill := time.Now()
	emb, err := c.embed(ctx, ids, p)
	if err != nil {
		return err
	}
	logits, err := c.m.dec.run(ctx, &c.cache, emb, ids)
	if err != nil {
		return err
	}
	a.Timings.Prefill = time.Since(prefill)
	stream := streamer{tok: c.m.tok, out: onText}
	for {
		id := argmax(logits)
		a.Tokens = append(a.Tokens, id)
		if len(a.Tokens) == 1 {
			a.Timings.FirstToken = time.Since(start)
		}
		if a.Finished = c.m.isEOS(id); a.Finished {
			break
		}
		stream.add(id)
		if len(a.Tokens) >= maxNew {
			break
		}
		if logits, err = c.step(ctx, id); err != nil {
			return err
		}
	}
	a.Text, err = stream.finish()
	return err
}

// step feeds one generated token.
func (c *Conversation) step(ctx context.Context, id int64) ([]float32, error) {
	ids := append(c.cache.ids, id)
	emb, err := c.embed(ctx, ids, len(c.cache.ids))
	if err != nil {
		return nil, err
	}
	return c.m.dec.run(ctx, &c.cache, emb, ids)
}

// embed returns the embeddings of ids[from:], with the image's features
// in place of its image tokens (transformers.js'
// default_merge_input_ids_with_features: the i-th image token takes the
// i-th feature row).
func (c *Conversation) embed(ctx context.Context, ids []int64, from int) (inference.Tensor, error) {
	fresh := ids[from:]
	out, err := c.m.embed.Run(ctx, map[string]inference.Tensor{
		"input_ids": inference.NewInt64([]int64{1, int64(len(fresh))}, fresh),
	})
	if err != nil {
		return inference.Tensor{}, fmt.Errorf("smolvlm: embed tokens: %w", err)
	}
	e := out["inputs_embeds"]
	data := e.Float32s()
	if len(e.Shape) != 3 || e.Shape[1] != int64(len(fresh)) || len(data) != e.Len() {
		return inference.Tensor{}, fmt.Errorf("smolvlm: embed tokens returned shape %v", e.Shape)
	}
	hidden, imageID := int(e.Shape[2]), c.m.cfg.ImageTokenID
	row := count(ids[:from], imageID)
	for i, id := range fresh {
		if id != imageID {
			continue
		}
		if (row+1)*hidden > len(c.feats) {
			return inference.Tensor{}, fmt.Errorf("smolvlm: the prompt has more image tokens than the image has features (%d)", len(c.feats)/hidden)
		}
		copy(data[i*hidden:(i+1)*hidden], c.feats[row*hidden:])
		row++
	}
	return e, nil
}

func count(ids []int64, v int64) (n int) {
	for _, id := range ids {
		if id == v {
			n++
		}
	}
	return n
}

func commonPrefix(a, b []int64) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}
