package smolvlm

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"image"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/describer/describer/inference/imaging/imagingtest"
	"github.com/describer/describer/inference/ort/orttest"
)

const testdata = "testdata"

// tiny is the random-weight fixture with the real export's contract.
var tiny = filepath.Join(testdata, "tiny")

// reference is reference_transformersjs.json, the parts the tests read.
type reference struct {
	MaxNew struct {
		MaxNewTokens int `json:"max_new_tokens"`
	} `json:"generate"`
	Cases         []refTurn `json:"cases"`
	Conversations []struct {
		Image string               `json:"image"`
		Split bool                 `json:"do_image_splitting"`
		Turns map[string][]refTurn `json:"turns"`
	} `json:"conversations"`
}

// refTurn is one question on one image and what transformers.js made of it.
type refTurn struct {
	Image       string  `json:"image"`
	Split       bool    `json:"do_image_splitting"`
	Rows        int     `json:"rows"`
	Cols        int     `json:"cols"`
	Tiles       int     `json:"tiles"`
	Question    string  `json:"question"`
	Prompt      string  `json:"prompt"`
	InputIDs    []int64 `json:"input_ids"`
	PixelValues struct {
		Dims   []int64 `json:"dims"`
		SHA256 string  `json:"sha256"`
	} `json:"pixel_values"`
	Results map[string]struct {
		IDs    []int64 `json:"generated_ids"`
		Answer string  `json:"answer"`
	} `json:"results"`
}

func readReference(tb testing.TB) reference {
	tb.Helper()
	data, err := os.ReadFile(filepath.Join(testdata, "reference_transformersjs.json"))
	if err != nil {
		tb.Fatal(err)
	}
	var r reference
	if err := json.Unmarshal(data, &r); err != nil {
		tb.Fatal(err)
	}
	return r
}

func loadPNG(tb testing.TB, name string) image.Image {
	return imagingtest.LoadPNG(tb, filepath.Join(testdata, "images", name))
}

// loadTiny loads the fixture, fp32 or q8.
func loadTiny(tb testing.TB, quantized bool) *Model {
	tb.Helper()
	m, err := Load(tiny, orttest.Runtime(tb).Opener(), Options{Quantized: quantized})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		if err := m.Close(); err != nil {
			tb.Error(err)
		}
	})
	return m
}

// pixelHash is the SHA-256 of pixel_values as little-endian float32.
func pixelHash(v []float32) string {
	b := make([]byte, 4*len(v))
	for i, f := range v {
		binary.LittleEndian.PutUint32(b[4*i:], math.Float32bits(f))
	}
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// pixelsMatch reports whether p is exactly transformers.js' pixel_values:
// the same shape and the same SHA-256 of the values.
func pixelsMatch(c refTurn, p Pixels) bool {
	pv := c.PixelValues
	return slices.Equal(p.Values.Shape, pv.Dims) && pixelHash(p.Values.Float32s()) == pv.SHA256
}

// unblank makes a conversation run the model even on a blank image, to
// compare it with transformers.js (which always runs it).
func unblank(c *Conversation) *Conversation { c.blank = false; return c }

// Every single-question case gives transformers.js' prompt, prompt ids,
// pixel values, tile grid, answer ids and answer text, fp32 and q8, with
// splitting on and off.
func TestAnswersMatchTransformersJS(t *testing.T) {
	ref := readReference(t)
	models := map[string]*Model{"fp32": loadTiny(t, false), "q8": loadTiny(t, true)}
	tiles := map[int]bool{}
	encoded := map[string]*Conversation{} // the first question's, by image, splitting and dtype
	for _, c := range ref.Cases {
		img := loadPNG(t, c.Image)
		for dtype, want := range c.Results {
			m := models[dtype]
			conv := unblank(m.Conversation(img, c.Split))
			key := fmt.Sprint(c.Image, c.Split, dtype)
			if e := encoded[key]; e != nil { // a new conversation on the same features
				conv.pixels, conv.feats = e.pixels, e.feats
			} else {
				encoded[key] = conv
			}
			if got := Render(nil, c.Question); got != c.Prompt {
				t.Errorf("%s: prompt %q, transformers.js %q", c.Image, got, c.Prompt)
			}
			a, err := conv.Ask(context.Background(), c.Question, ref.MaxNew.MaxNewTokens, nil)
			if err != nil {
				t.Fatalf("%s split=%v %s: %v", c.Image, c.Split, dtype, err)
			}
			if !slices.Equal(conv.cache.ids[:len(c.InputIDs)], c.InputIDs) || a.PromptTokens != len(c.InputIDs) {
				t.Errorf("%s split=%v: prompt ids differ from transformers.js' (%d, %d tokens)", c.Image, c.Split, a.PromptTokens, len(c.InputIDs))
			}
			if conv.pixels.Rows != c.Rows || conv.pixels.Cols != c.Cols || a.Tiles != c.Tiles {
				t.Errorf("%s split=%v: %d×%d grid, %d tiles; transformers.js %d×%d, %d", c.Image, c.Split,
					conv.pixels.Rows, conv.pixels.Cols, a.Tiles, c.Rows, c.Cols, c.Tiles)
			}
			if !pixelsMatch(c, conv.pixels) {
				t.Errorf("%s split=%v: pixel values differ from transformers.js'", c.Image, c.Split)
			}
			if !slices.Equal(a.Tokens, want.IDs) || a.Text != strings.TrimSpace(want.Answer) {
				t.Errorf("%s split=%v %s %q: %v %q; transformers.js %v %q", c.Image, c.Split, dtype, c.Question,
					a.Tokens, a.Text, want.IDs, want.Answer)
			}
			tiles[c.Tiles] = true
		}
	}
	for _, n := range []int{1, 5, 9, 13, 17} {
		if !tiles[n] {
			t.Errorf("no case with %d tiles", n)
		}
	}
}

// A two-turn conversation, its second question asked in the same
// Conversation (reusing the first turn's cache), gives the ids that
// transformers.js gives when it rebuilds the whole prompt with the first
// answer as the assistant's turn.
func TestConversationsMatchTransformersJS(t *testing.T) {
	ref := readReference(t)
	models := map[string]*Model{"fp32": loadTiny(t, false), "q8": loadTiny(t, true)}
	for _, cv := range ref.Conversations {
		for dtype, turns := range cv.Turns {
			conv := unblank(models[dtype].Conversation(loadPNG(t, cv.Image), cv.Split))
			for i, want := range turns {
				a, err := conv.Ask(context.Background(), want.Question, ref.MaxNew.MaxNewTokens, nil)
				if err != nil {
					t.Fatal(err)
				}
				if got := Render(conv.Turns()[:i], want.Question); got != want.Prompt {
					t.Errorf("%s turn %d: prompt %q, transformers.js %q", cv.Image, i+1, got, want.Prompt)
				}
				if !slices.Equal(conv.cache.ids[:len(want.InputIDs)], want.InputIDs) {
					t.Errorf("%s turn %d: prompt ids differ from transformers.js'", cv.Image, i+1)
				}
				r := want.Results[dtype]
				if !slices.Equal(a.Tokens, r.IDs) || a.Text != strings.TrimSpace(r.Answer) {
					t.Errorf("%s %s turn %d: %v %q; transformers.js %v %q", cv.Image, dtype, i+1, a.Tokens, a.Text, r.IDs, r.Answer)
				}
				if i == 1 && (a.Reused == 0 || a.Timings.Vision != 0) {
					t.Errorf("%s turn 2 reused %d cached tokens and ran the vision encoder for %v", cv.Image, a.Reused, a.Timings.Vision)
				}
			}
		}
	}
}

// copyTiny copies the fixture to a temporary folder, with edit applied
// to its config.json.
func copyTiny(t *testing.T, edit func(map[string]any)) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(tiny)); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "config.json")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var c map[string]any
	if err := json.Unmarshal(data, &c); err != nil {
		t.Fatal(err)
	}
	edit(c)
	if data, err = json.Marshal(c); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// A conversation that would outgrow the model's positions starts afresh
// on the same image, says so, and answers as a new conversation would.
func TestConversationStartsAfreshWhenFull(t *testing.T) {
	dir := copyTiny(t, func(c map[string]any) { c["text_config"].(map[string]any)["max_position_embeddings"] = 120 })
	m, err := Load(dir, orttest.Runtime(t).Opener(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	img := loadPNG(t, "wide_800x200.png")
	ctx := context.Background()
	conv := m.Conversation(img, false)
	first, err := conv.Ask(ctx, "What colour is the background?", 24, nil)
	if err != nil || first.Restarted || first.PromptTokens+24 > 120 {
		t.Fatalf("first question: %+v, %v", first, err)
	}
	second, err := conv.Ask(ctx, "What shape is it?", 24, nil)
	if err != nil {
		t.Fatal(err)
	}
	fresh, err := m.Conversation(img, false).Ask(ctx, "What shape is it?", 24, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !second.Restarted || !slices.Equal(second.Tokens, fresh.Tokens) || second.Text != fresh.Text || len(conv.Turns()) != 1 {
		t.Errorf("after the context filled: restarted %v, %v %q; a new conversation says %v %q; %d turns kept",
			second.Restarted, second.Tokens, second.Text, fresh.Tokens, fresh.Text, len(conv.Turns()))
	}
	if _, err := conv.Ask(ctx, "Describe it.", 200, nil); err == nil || !strings.Contains(err.Error(), "positions") {
		t.Errorf("an answer longer than the model's positions: %v", err)
	}
}

// Empty and over-long questions are refused with a sentence; a blank
// image is answered as blank without running the model; the answer
// streams out as it is generated and adds up to the whole.
func TestAskRefusesAndStreams(t *testing.T) {
	m := loadTiny(t, false)
	ctx := context.Background()
	conv := m.Conversation(loadPNG(t, "square_400x400.png"), false)
	for q, want := range map[string]error{" \n ": ErrEmptyQuestion, strings.Repeat("é", MaxQuestion+1): ErrLongQuestion, "<image>": ErrEmptyQuestion} {
		if _, err := conv.Ask(ctx, q, 0, nil); err != want {
			t.Errorf("%.20q: %v, want %v", q, err, want)
		}
	}
	var pieces []string
	a, err := conv.Ask(ctx, "Describe this image.", 24, func(s string) { pieces = append(pieces, s) })
	if err != nil || len(pieces) < 2 || strings.Join(pieces, "") != a.Text {
		t.Errorf("streamed %q, answer %q, %v", pieces, a.Text, err)
	}
	blank, err := m.Conversation(loadPNG(t, "blank_640x480.png"), true).Ask(ctx, "What is written here?", 0, nil)
	if err != nil || !blank.Blank || blank.Text != BlankAnswer || blank.Tokens != nil {
		t.Errorf("blank image: %+v, %v", blank, err)
	}
}

// An answer stopped half way leaves the conversation usable: the next
// question reuses what the cache holds and answers as a new conversation
// would.
func TestStoppedAnswerLeavesTheCacheSound(t *testing.T) {
	m := loadTiny(t, false)
	img := loadPNG(t, "square_400x400.png")
	ctx, cancel := context.WithCancel(context.Background())
	conv := m.Conversation(img, false)
	pieces := 0
	_, err := conv.Ask(ctx, "Describe this image.", 24, func(string) {
		if pieces++; pieces == 3 {
			cancel()
		}
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("stopped answer: %v", err)
	}
	got, err := conv.Ask(context.Background(), "What colour is the background?", 24, nil)
	if err != nil {
		t.Fatal(err)
	}
	want, err := m.Conversation(img, false).Ask(context.Background(), "What colour is the background?", 24, nil)
	if err != nil || !slices.Equal(got.Tokens, want.Tokens) || got.Reused == 0 || len(conv.Turns()) != 1 {
		t.Errorf("after a stopped answer: %v (reused %d, %d turns); a new conversation: %v, %v", got.Tokens, got.Reused, len(conv.Turns()), want.Tokens, err)
	}
}

// A tokenizer whose post-processor adds tokens (a TemplateProcessing
// with a BOS, unlike SmolVLM's) has them around the prompt, as
// transformers.js' processor tokenises it.
func TestPromptKeepsTheTokenizersTemplate(t *testing.T) {
	dir := copyTiny(t, func(map[string]any) {})
	path := filepath.Join(dir, "tokenizer.json")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var tok map[string]any
	if err := json.Unmarshal(data, &tok); err != nil {
		t.Fatal(err)
	}
	tok["post_processor"] = map[string]any{
		"type":           "TemplateProcessing",
		"single":         []any{map[string]any{"SpecialToken": map[string]any{"id": "<|endoftext|>", "type_id": 0}}, map[string]any{"Sequence": map[string]any{"id": "A", "type_id": 0}}},
		"pair":           []any{map[string]any{"Sequence": map[string]any{"id": "A", "type_id": 0}}},
		"special_tokens": map[string]any{"<|endoftext|>": map[string]any{"id": "<|endoftext|>", "ids": []any{0}, "tokens": []any{"<|endoftext|>"}}},
	}
	if data, err = json.Marshal(tok); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	with, err := Load(dir, orttest.Runtime(t).Opener(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer with.Close()
	without := loadTiny(t, false)
	segs := expand(chat(nil, "What colour is it?"), 0, 0, 64)
	a, errA := with.tokens(segs)
	b, errB := without.tokens(segs)
	if errA != nil || errB != nil || a[0] != 0 || !slices.Equal(a[1:], b) {
		t.Errorf("with a BOS template: %v… (%v); without: %v… (%v)", a[:3], errA, b[:3], errB)
	}
}
