package bpe

import (
	"encoding/binary"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// TinyModel is the ViT-GPT2 test fixture, whose tokenizer is GPT-2's layout.
const TinyModel = "../vitgpt2/testdata/tiny"

func mustTokenizer(tb testing.TB) *Tokenizer {
	tb.Helper()
	tk, err := LoadTokenizer(TinyModel)
	if err != nil {
		tb.Fatal(err)
	}
	return tk
}

// ids looks tokens up in the fixture's vocab.json, so tests name tokens,
// not numbers.
func ids(tb testing.TB, tokens ...string) []int64 {
	tb.Helper()
	data, err := os.ReadFile(filepath.Join(TinyModel, "vocab.json"))
	if err != nil {
		tb.Fatal(err)
	}
	var vocab map[string]int64
	if err := json.Unmarshal(data, &vocab); err != nil {
		tb.Fatal(err)
	}
	out := make([]int64, len(tokens))
	for i, t := range tokens {
		id, ok := vocab[t]
		if !ok {
			tb.Fatalf("token %q not in the fixture vocabulary", t)
		}
		out[i] = id
	}
	return out
}

func TestTokenizerDecode(t *testing.T) {
	tk := mustTokenizer(t)
	eos := ids(t, "<|endoftext|>")[0]
	for _, tc := range []struct {
		name string
		ids  []int64
		want string
	}{
		{"words", ids(t, "a", "Ġred", "Ġsquare"), "a red square"},
		{"special tokens skipped", append(append([]int64{eos}, ids(t, "a", "Ġblue")...), eos), "a blue"},
		{"non-ASCII in one token", ids(t, "a", "ĠcafÃ©"), "a café"},
		// é is two bytes, C3 A9, here in two tokens: joining tokens with
		// spaces (as NVDA's captioner did) would break the character.
		{"character split over tokens", ids(t, "Ġc", "a", "f", "Ã", "©"), "café"},
		{"incomplete character", ids(t, "Ġc", "a", "f", "Ã"), "caf\uFFFD"},
		{"clean-up spaces", ids(t, "a", "Ġred", "Ġsquare", "Ġ", "."), "a red square."},
		{"contraction", ids(t, "a", "Ġ", "'", "s"), "a's"},
		{"out-of-range ids dropped", append([]int64{-1, 1 << 40}, ids(t, "a")...), "a"},
		{"empty", nil, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got, err := tk.Decode(tc.ids); got != tc.want || err != nil {
				t.Errorf("Decode = %q, %v; want %q", got, err, tc.want)
			}
		})
	}
	if !tk.IsSpecial(eos) || tk.IsSpecial(ids(t, "a")[0]) {
		t.Error("IsSpecial is wrong for <|endoftext|> or a")
	}
	if tk.VocabSize() != int(eos)+1 {
		t.Errorf("VocabSize = %d, want %d", tk.VocabSize(), eos+1)
	}
}

func TestTokenizerBadFiles(t *testing.T) {
	for name, content := range map[string]string{
		"malformed":     `{"model": {"type": "BPE", "vocab": {`,
		"not BPE":       `{"version": "1.0", "model": {"type": "Mystery"}}`,
		"no vocabulary": `{"model": {"type": "BPE"}}`,
		"empty object":  `{}`,
		"wrong types":   `{"model": {"type": "BPE", "vocab": [1, 2], "merges": []}}`,
	} {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "tokenizer.json"), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := LoadTokenizer(dir)
		if err == nil || !strings.Contains(err.Error(), "tokenizer.json") {
			t.Errorf("%s: err %v, want one naming tokenizer.json", name, err)
		}
	}
	if _, err := LoadTokenizer(t.TempDir()); err == nil {
		t.Error("missing tokenizer.json: no error")
	}
}

func TestCleanUpTokenizationSpaces(t *testing.T) {
	got := CleanUpTokenizationSpaces("it 's a dog , is n't it ? yes ! we 're here . i 'm ok , we 've")
	want := "it's a dog, isn't it? yes! we're here. i'm ok, we've"
	if got != want {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

func FuzzTokenizerDecode(f *testing.F) {
	tk := mustTokenizer(f)
	f.Add([]byte{0, 0, 0, 0, 0, 0, 1, 3})
	f.Add([]byte{255, 255, 255, 255, 255, 255, 255, 255, 0, 0, 0, 0, 0, 0, 0, 64})
	f.Fuzz(func(t *testing.T, data []byte) {
		var seq []int64
		for len(data) >= 8 {
			seq = append(seq, int64(binary.BigEndian.Uint64(data)))
			data = data[8:]
		}
		for _, b := range data {
			seq = append(seq, int64(b)) // short ids, mostly in range
		}
		s, err := tk.Decode(seq)
		if err != nil {
			t.Fatalf("Decode(%v): %v", seq, err)
		}
		if !utf8.ValidString(s) {
			t.Fatalf("Decode(%v) = %q is not valid UTF-8", seq, s)
		}
		if s != strings.TrimSpace(s) {
			t.Fatalf("Decode(%v) = %q is not trimmed", seq, s)
		}
	})
}
