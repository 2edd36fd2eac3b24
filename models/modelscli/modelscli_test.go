package modelscli

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/describer/describer/models"
)

func hash(s string) string { sum := sha256.Sum256([]byte(s)); return hex.EncodeToString(sum[:]) }

// tiny is a one-file set of three bytes, "abc".
func tiny(name string) models.Set {
	return models.Set{Name: name, Kind: models.KindOCR, Title: "Tiny", Licence: "MIT", Folder: name,
		Files: []models.File{{Path: "a.bin", Size: 3, SHA256: hash("abc"), Licence: "MIT",
			Sources: []models.Source{{URL: "https://example.invalid/a.bin"}}}}}
}

// install writes the set's file with content into the data folder.
func install(t *testing.T, s models.Set, content string) string {
	t.Helper()
	p := filepath.Join(models.Dir(s), s.Files[0].Path)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// commands prints into buffers, with an empty data folder.
func commands(t *testing.T) (*Commands, *bytes.Buffer, *bytes.Buffer) {
	t.Helper()
	t.Setenv(models.EnvHome, t.TempDir())
	var out, errs bytes.Buffer
	return &Commands{Stdout: &out, Stderr: &errs}, &out, &errs
}

func TestLookup(t *testing.T) {
	sets, err := Lookup([]string{"caption", "ocr"})
	if err != nil || len(sets) != 2 || sets[0].Name != "caption" || sets[1].Name != "ocr" {
		t.Fatalf("Lookup(caption, ocr) = %v, %v", sets, err)
	}
	_, err = Lookup([]string{"caption", "nosuch"})
	if !errors.Is(err, models.ErrUnknownSet) || !strings.HasPrefix(err.Error(), `no model set "nosuch" for `) ||
		!strings.HasSuffix(err.Error(), "; the sets are "+SetNames()) {
		t.Errorf("unknown set: %v", err)
	}
	if !strings.HasPrefix(SetNames(), "caption, caption-small, question, ocr, ") {
		t.Errorf("SetNames() = %q", SetNames())
	}
}

func TestList(t *testing.T) {
	c, out, _ := commands(t)
	if err := c.List(false); err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`(?m)^SET +STATE +SIZE +LICENCE +WHAT\ncaption +missing +[0-9.]+ MB +MIT +onnx-community/Florence-2-base-ft `).MatchString(out.String()) {
		t.Errorf("list does not start with the header and the caption set:\n%s", out)
	}
	for _, want := range []string{
		"not installed (opt-in)", "Files live in " + models.DataDir() + ".\n",
		"Run \"describer models pull\" to fetch the missing default sets.\n"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("list lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out.String(), "other platform") {
		t.Errorf("list shows other platforms' sets without --all:\n%s", out)
	}
	out.Reset()
	if err := c.List(true); err != nil || !strings.Contains(out.String(), "other platform") {
		t.Errorf("list --all: %v\n%s", err, out)
	}
}

// TestListModelFolder: --model points the caption set that the folder
// holds (told by its config.json) elsewhere; List checks sizes only, so
// files of the right length count as installed.
func TestListModelFolder(t *testing.T) {
	for _, tc := range []struct {
		set       models.Set
		modelType string
		other     string
	}{{models.Caption, "florence2", "caption-small"}, {models.CaptionSmall, "vision-encoder-decoder", "caption"}} {
		c, out, _ := commands(t)
		c.Model = t.TempDir()
		for _, f := range tc.set.Files {
			p := filepath.Join(c.Model, filepath.FromSlash(f.Path))
			var data []byte
			if f.Path == "config.json" { // padded with spaces to its size
				data = []byte(`{"model_type": "` + tc.modelType + `"}`)
				data = append(data, bytes.Repeat([]byte(" "), max(0, int(f.Size)-len(data)))...)
			}
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, data, 0o644); err != nil || (f.Size > 0 && os.Truncate(p, f.Size) != nil) {
				t.Fatal(err)
			}
		}
		re := regexp.MustCompile(`(?m)^` + tc.set.Name + ` +installed .*\n(?s:.*)^` + tc.other + ` +missing `)
		if tc.set.Name == "caption-small" {
			re = regexp.MustCompile(`(?m)^caption +missing .*\n^caption-small +installed `)
		}
		if err := c.List(false); err != nil || !re.MatchString(out.String()) {
			t.Errorf("list --model with %s: %v\n%s", tc.set.Name, err, out)
		}
	}
}

func TestVerify(t *testing.T) {
	good, bad, absent := tiny("good"), tiny("bad"), tiny("absent")
	for _, tc := range []struct {
		name      string
		sets      []models.Set
		wantBad   int
		out, errs string
	}{
		{"good", []models.Set{good}, 0, "good: 1 file matches its SHA-256.\n", ""},
		{"not installed", []models.Set{absent}, 0, "absent: not installed.\nNothing is installed to verify.\n", ""},
		{"bad", []models.Set{good, bad}, 1, "good: 1 file matches its SHA-256.\nbad: 0 files match their SHA-256.\n",
			"describer: bad file BAD: it has SHA-256 " + hash("abd") + ", not " + hash("abc") + ".\n" +
				"describer: 1 bad or missing files; run \"describer models pull\" to fetch them again.\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, out, errs := commands(t)
			install(t, good, "abc")
			badPath := install(t, bad, "abd")
			if n := c.Verify(tc.sets); n != tc.wantBad {
				t.Errorf("Verify = %d, want %d", n, tc.wantBad)
			}
			if out.String() != tc.out {
				t.Errorf("stdout %q, want %q", out, tc.out)
			}
			if want := strings.ReplaceAll(tc.errs, "BAD", badPath); errs.String() != want {
				t.Errorf("stderr %q, want %q", errs, want)
			}
		})
	}
}

func TestVerifyNothingInstalled(t *testing.T) {
	c, out, errs := commands(t)
	if n := c.Verify(nil); n != 0 || out.String() != "Nothing is installed to verify.\n" || errs.Len() != 0 {
		t.Errorf("Verify(nil) = %d, stdout %q, stderr %q", n, out, errs)
	}
}

func TestRemove(t *testing.T) {
	c, out, _ := commands(t)
	s := tiny("tiny")
	install(t, s, "abc")
	if err := c.Remove([]models.Set{s, s}); err != nil {
		t.Fatal(err)
	}
	want := "Removed tiny (3 bytes) from " + models.Dir(s) + ".\ntiny is not installed.\n"
	if out.String() != want {
		t.Errorf("stdout %q, want %q", out, want)
	}
}

// fetchInSteps reports progress in steps of a tenth and fails with err.
func fetchInSteps(err error) func(context.Context, models.Plan, models.Options) error {
	return func(_ context.Context, plan models.Plan, opt models.Options) error {
		for done := int64(0); done <= plan.Bytes; done += max(plan.Bytes/10, 1) {
			opt.Progress(models.Progress{Done: done, Total: plan.Bytes})
		}
		return err
	}
}

var installedLine = regexp.MustCompile(`^Installed tiny in [0-9]+\.[0-9] seconds; every file matched its SHA-256\.$`)

func TestPullSaysEachQuarter(t *testing.T) {
	c, out, _ := commands(t)
	c.Fetch = fetchInSteps(nil)
	if err := c.Pull(context.Background(), []models.Set{tiny("tiny")}, models.Options{}); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	want := []string{"Fetching tiny: 1 file, 3 bytes, into " + models.DataDir() + ".",
		"25% of 3 bytes.", "50% of 3 bytes.", "75% of 3 bytes.", "100% of 3 bytes."}
	if len(lines) != len(want)+1 || strings.Join(lines[:len(want)], "\n") != strings.Join(want, "\n") ||
		!installedLine.MatchString(lines[len(want)]) {
		t.Errorf("stdout:\n%s\nwant:\n%s\nInstalled tiny in …", out, strings.Join(want, "\n"))
	}
}

func TestPullBar(t *testing.T) {
	c, out, _ := commands(t)
	c.Fetch = fetchInSteps(nil)
	var total, last int64
	finished := false
	c.Bar = func(n int64) (func(models.Progress), func()) {
		total = n
		return func(p models.Progress) { last = p.Done }, func() { finished = true }
	}
	if err := c.Pull(context.Background(), []models.Set{tiny("tiny")}, models.Options{}); err != nil {
		t.Fatal(err)
	}
	if total != 3 || last != 3 || !finished || strings.Contains(out.String(), "% of") {
		t.Errorf("bar got total %d, last %d, finished %v; stdout %q", total, last, finished, out)
	}
}

func TestPullAlreadyInstalled(t *testing.T) {
	c, out, _ := commands(t)
	a, b := tiny("a"), tiny("b")
	install(t, a, "abc")
	install(t, b, "abc")
	if err := c.Pull(context.Background(), []models.Set{a, b}, models.Options{}); err != nil {
		t.Fatal(err)
	}
	if want := "a and b already installed in " + models.DataDir() + ".\n"; out.String() != want {
		t.Errorf("stdout %q, want %q", out, want)
	}
}

// TestFirstRun: a set that cannot be fetched does not stop the others;
// what is missing is said once, and only a cancel fails.
func TestFirstRun(t *testing.T) {
	c, out, errs := commands(t)
	c.Sentence = func(err error) string { return err.Error() + "." }
	offline := errors.New("the network is down")
	c.Fetch = func(ctx context.Context, plan models.Plan, opt models.Options) error {
		if plan.Sets[0] == "tiny" {
			return nil
		}
		return offline
	}
	voice := tiny("voice")
	voice.Kind = models.KindVoice
	sets := []models.Set{tiny("broken"), tiny("tiny"), voice}
	if err := c.FirstRun(context.Background(), sets, models.Options{}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "Installed tiny in") {
		t.Errorf("the set after a failed one was not fetched:\n%s", out)
	}
	want := "describer: " + MissingNote([]models.Set{sets[0], voice}, offline) + ".\n"
	if errs.String() != want {
		t.Errorf("stderr %q, want %q", errs, want)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := c.FirstRun(ctx, sets, models.Options{}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled first run: %v", err)
	}
}

func TestMissingNote(t *testing.T) {
	voice := tiny("voice")
	voice.Kind = models.KindVoice
	offline := &models.FetchError{Set: "caption", Source: models.Source{URL: "https://huggingface.co/x"}, Err: models.ErrOffline}
	for _, tc := range []struct {
		name    string
		missing []models.Set
		cause   error
		want    string
	}{
		{"none", nil, nil, ""},
		{"one", []models.Set{voice}, nil,
			`not installed: voice (3 bytes); meanwhile speech uses eSpeak NG; run "describer models pull voice" to fetch them`},
		{"offline", []models.Set{tiny("a"), tiny("b"), voice}, offline,
			"not installed: a (3 bytes), b (3 bytes) and voice (3 bytes), because huggingface.co cannot be reached; " +
				"meanwhile describe --no-ocr still captions images and speech uses eSpeak NG; " +
				`run "describer models pull a b voice" to fetch them`},
		{"other cause", []models.Set{tiny("a")}, errors.New("the disk is full"),
			"not installed: a (3 bytes), because the disk is full; meanwhile describe --no-ocr still captions images; " +
				`run "describer models pull a" to fetch them`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := MissingNote(tc.missing, tc.cause); got != tc.want {
				t.Errorf("got  %q\nwant %q", got, tc.want)
			}
		})
	}
}

func TestPlural(t *testing.T) {
	for n, want := range map[int]string{0: "0 files", 1: "1 file", 2: "2 files"} {
		if got := plural(n, "file", "files"); got != want {
			t.Errorf("plural(%d) = %q, want %q", n, got, want)
		}
	}
	for _, tc := range [][]string{{}, {"a"}, {"a", "b"}, {"a", "b", "c"}} {
		want := map[int]string{0: "", 1: "a", 2: "a and b", 3: "a, b and c"}[len(tc)]
		if got := joinAnd(tc); got != want {
			t.Errorf("joinAnd(%q) = %q, want %q", tc, got, want)
		}
	}
}
