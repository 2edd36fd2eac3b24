package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// askFixture is the tiny SmolVLM with the real export's contract, and its
// transformers.js reference.
var askFixture, _ = filepath.Abs("../../inference/smolvlm/testdata/tiny")

// askRef reads transformers.js' answer to question about image, with
// splitting on or off, fp32, and the two-turn conversations.
type askReference struct {
	Cases []struct {
		Image    string `json:"image"`
		Split    bool   `json:"do_image_splitting"`
		Question string `json:"question"`
		Results  map[string]struct {
			IDs    []int64 `json:"generated_ids"`
			Answer string  `json:"answer"`
		} `json:"results"`
	} `json:"cases"`
	Conversations []struct {
		Image string `json:"image"`
		Split bool   `json:"do_image_splitting"`
		Turns map[string][]struct {
			Question string `json:"question"`
			Results  map[string]struct {
				IDs    []int64 `json:"generated_ids"`
				Answer string  `json:"answer"`
			} `json:"results"`
		} `json:"turns"`
	} `json:"conversations"`
}

func readAskReference(t *testing.T) askReference {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(askFixture, "..", "reference_transformersjs.json"))
	if err != nil {
		t.Fatal(err)
	}
	var r askReference
	if err := json.Unmarshal(data, &r); err != nil {
		t.Fatal(err)
	}
	return r
}

func askImage(name string) string { return filepath.Join(askFixture, "..", "images", name) }

// describer ask IMAGE QUESTION prints transformers.js' answer; --json
// prints the ids, the model and timings; --split follows the flag.
func TestAskOnTheCommandLine(t *testing.T) {
	lib := ortLib(t)
	ref := readAskReference(t)
	seen := map[bool]bool{}
	for _, c := range ref.Cases {
		if c.Image == "blank_640x480.png" || seen[c.Split] {
			continue
		}
		seen[c.Split] = true
		want := c.Results["fp32"]
		split := map[bool]string{true: "on", false: "off"}[c.Split]
		r := run(t, nil, nil, "ask", "--ort-lib", lib, "--model", askFixture, "--split", split, "--max-new-tokens", "24", askImage(c.Image), c.Question)
		if r.code != 0 || r.stdout != strings.TrimSpace(want.Answer)+"\n" || r.stderr != "" {
			t.Errorf("%s split %s: exit %d, stdout %q, stderr %q; want %q", c.Image, split, r.code, r.stdout, r.stderr, want.Answer)
		}
		r = run(t, nil, nil, "ask", "--json", "--ort-lib", lib, "--model", askFixture, "--split", split, "--max-new-tokens", "24", askImage(c.Image), c.Question)
		var got askAnswer
		if err := json.Unmarshal([]byte(r.stdout), &got); err != nil || r.code != 0 {
			t.Fatalf("--json: %v, exit %d, %q %q", err, r.code, r.stdout, r.stderr)
		}
		if !slices.Equal(got.TokenIDs, want.IDs) || got.Question != c.Question || got.Answer != strings.TrimSpace(want.Answer) ||
			got.Model != askFixture || got.Split != c.Split || got.Timings.Total <= 0 || got.Timings.FirstToken <= 0 {
			t.Errorf("--json %+v; want ids %v", got, want.IDs)
		}
	}
}

// Without a question, each line of standard input is the next question of
// one conversation: the answers are transformers.js' for the rebuilt
// prompts, one line each.
func TestAskReadsQuestionsFromStandardInput(t *testing.T) {
	lib := ortLib(t)
	ref := readAskReference(t)
	cv := ref.Conversations[0]
	turns := cv.Turns["fp32"]
	var in, want strings.Builder
	for _, tn := range turns {
		in.WriteString(tn.Question + "\n\n") // blank lines are skipped
		want.WriteString(strings.TrimSpace(tn.Results["fp32"].Answer) + "\n")
	}
	split := map[bool]string{true: "on", false: "off"}[cv.Split]
	r := run(t, []byte(in.String()), nil, "ask", "--ort-lib", lib, "--model", askFixture, "--split", split, "--max-new-tokens", "24", askImage(cv.Image))
	if r.code != 0 || r.stdout != want.String() {
		t.Errorf("exit %d, stdout %q, stderr %q; want %q", r.code, r.stdout, r.stderr, want.String())
	}
}

// Bad input to ask gets one sentence and exit status 2.
func TestAskBadInput(t *testing.T) {
	lib := ortLib(t)
	dir := t.TempDir()
	img := askImage("square_400x400.png")
	long := strings.Repeat("why ", 300)
	for _, tc := range []struct {
		name  string
		stdin string
		args  []string
		want  string
	}{
		{"no image", "", nil, "needs an image"},
		{"empty question", "", []string{img, "  "}, "question is empty"},
		{"long question", "", []string{img, long}, "longer than 1000"},
		{"long line on standard input", long + "\n", []string{img}, "longer than 1000"},
		{"bad split", "", []string{"--split", "maybe", img, "what?"}, "--split"},
		{"no max tokens", "", []string{"--max-new-tokens", "0", img, "what?"}, "--max-new-tokens"},
		{"missing image", "", []string{filepath.Join(dir, "none.png"), "what?"}, "no such file"},
		{"image on stdin without a question", "", []string{"-"}, "question on the command line"},
		{"not a model folder", "", []string{"--model", dir, img, "what?"}, "not a whole SmolVLM model folder"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			args := append([]string{"ask", "--ort-lib", lib, "--model", askFixture}, tc.args...)
			r := run(t, []byte(tc.stdin), nil, args...)
			if r.code != 2 {
				t.Errorf("exit %d, want 2; stderr %q", r.code, r.stderr)
			}
			checkOneSentence(t, r.stderr, tc.want)
		})
	}
	// Without --model and nothing installed, it says how to get the model.
	r := run(t, nil, nil, "ask", "--ort-lib", lib, img, "what?")
	if r.code != 2 {
		t.Errorf("no model: exit %d", r.code)
	}
	checkOneSentence(t, r.stderr, "describer models pull question")
}

// A blank image is answered as blank, without the model inventing.
func TestAskBlankImage(t *testing.T) {
	r := run(t, nil, nil, "ask", "--ort-lib", ortLib(t), "--model", askFixture, askImage("blank_640x480.png"), "What is written here?")
	if r.code != 0 || r.stdout != "The image appears blank.\n" {
		t.Errorf("exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
}
