package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// marianFixture is the tiny MarianMT with the real export's contract.
var marianFixture, _ = filepath.Abs("../../inference/marian/testdata/tiny")

// describer translate prints transformers.js' translation with --beams 1,
// and --json its ids; standard input works as text.
func TestTranslate(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(marianFixture, "..", "reference_transformersjs.json"))
	if err != nil {
		t.Fatal(err)
	}
	var ref struct {
		Cases []struct {
			Text        string  `json:"text_in"`
			Dtype       string  `json:"dtype"`
			Translation string  `json:"text"`
			IDs         []int64 `json:"generated_ids"`
		} `json:"cases"`
	}
	if err := json.Unmarshal(data, &ref); err != nil {
		t.Fatal(err)
	}
	lib := ortLib(t)
	c := ref.Cases[2]
	for _, cc := range ref.Cases {
		if cc.Dtype == "q8" && strings.Contains(cc.Text, "station") {
			c = cc
		}
	}
	r := run(t, nil, nil, "translate", "--ort-lib", lib, "--model", marianFixture, "--beams", "1", "--max-new-tokens", "40", c.Text)
	if r.code != 0 || r.stdout != c.Translation+"\n" || r.stderr != "" {
		t.Errorf("plain: exit %d, %q %q; want %q", r.code, r.stdout, r.stderr, c.Translation)
	}
	r = run(t, []byte(c.Text+"\n"), nil, "translate", "--json", "--ort-lib", lib, "--model", marianFixture, "--beams", "1", "--max-new-tokens", "40", "-")
	var got translateResult
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil || r.code != 0 {
		t.Fatalf("--json: %v, exit %d, %q %q", err, r.code, r.stdout, r.stderr)
	}
	if got.Source != c.Text || got.Translation != c.Translation || !slices.Equal(got.TokenIDs, c.IDs) || got.Model != marianFixture || got.Lang != "de" {
		t.Errorf("--json %+v; want %q %v", got, c.Translation, c.IDs)
	}
}

// Bad input to translate gets one sentence and exit status 2.
func TestTranslateBadInput(t *testing.T) {
	lib := ortLib(t)
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"no text", []string{"--model", marianFixture}, "needs the English text"},
		{"no model", []string{"Hello"}, "needs --model DIR"},
		{"not a model", []string{"--model", t.TempDir(), "Hello"}, "not a whole MarianMT model folder"},
		{"too many beams", []string{"--model", marianFixture, "--beams", "99", "Hello"}, "--beams"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := run(t, nil, nil, append([]string{"translate", "--ort-lib", lib}, tc.args...)...)
			if r.code != 2 {
				t.Errorf("exit %d, want 2; stderr %q", r.code, r.stderr)
			}
			checkOneSentence(t, r.stderr, tc.want)
		})
	}
}
