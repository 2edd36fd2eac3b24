package marian

import (
	"slices"
	"testing"
)

// The normaliser makes odd spaces, control characters and compatibility
// forms tokenise as their plain versions do; an empty text is </s>
// alone; unknown characters fuse into one unknown id; decoding drops the
// special tokens and the first piece's space.
func TestTokenizer(t *testing.T) {
	tok, err := LoadTokenizer(tiny)
	if err != nil {
		t.Fatal(err)
	}
	plain := tok.Encode("Where is the train station?")
	for _, odd := range []string{
		"Where\u00a0is\tthe  train\u200bstation?",
		"  Where is the\u0007 train station?\n",
		"Ｗｈｅｒｅ is the train station？",
	} {
		if got := tok.Encode(odd); !slices.Equal(got, plain) {
			t.Errorf("%q: %v, want %v as for the plain text", odd, got, plain)
		}
	}
	if got := tok.Encode(""); !slices.Equal(got, []int64{0}) {
		t.Errorf("empty text: %v, want [</s>]", got)
	}
	one, two := tok.Encode("€"), tok.Encode("€€€")
	if len(one) != 3 || !slices.Equal(one, two) || one[1] != tok.unk {
		t.Errorf("unknown characters: %v and %v, want ▁, one unknown id (%d), </s>", one, two, tok.unk)
	}
	if got := tok.Decode(append([]int64{212}, plain...)); got != "Where is the train station?" {
		t.Errorf("decode: %q", got)
	}
	if _, err := LoadTokenizer(t.TempDir()); err == nil {
		t.Error("a folder without tokenizer.json: no error")
	}
}
