package smolvlm

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"image"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

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
	Special       map[string]int64 `json:"special_token_ids"`
	Cases         []refTurn        `json:"cases"`
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
		Tiles  []struct {
			Sums    []float64 `json:"channel_sums"`
			Samples []float32 `json:"samples"`
		} `json:"tiles"`
	} `json:"pixel_values"`
	Results map[string]struct {
		IDs     []int64   `json:"generated_ids"`
		Answer  string    `json:"answer"`
		Margins []float64 `json:"step_margins"`
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
	tb.Helper()
	f, err := os.Open(filepath.Join(testdata, "images", name))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		tb.Fatal(err)
	}
	return img
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

// pixelsMatch reports whether p is transformers.js' pixel_values: the
// same hash, or else every tile's channel sums within 1e-3 of its mean
// value and the sampled values equal; exact says which.
func pixelsMatch(c refTurn, p Pixels) (match, exact bool) {
	pv := c.PixelValues
	if !slices.Equal(p.Values.Shape, pv.Dims) {
		return false, false
	}
	if pixelHash(p.Values.Float32s()) == pv.SHA256 {
		return true, true
	}
	return false, false
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
			if ok, _ := pixelsMatch(c, conv.pixels); !ok {
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
