package captioneval

import (
	"bufio"
	"os"
	"slices"
	"strings"
	"testing"
)

func TestTokenize(t *testing.T) {
	tests := []struct {
		name, caption, want string
	}{
		{"lower-cased, full stop dropped", "A man riding a wave.", "a man riding a wave"},
		{"n't", "A dog doesn't want to go outside; it's raining!", "a dog does n't want to go outside it 's raining"},
		{"ca n't and wo n't", "I can't believe we won't go", "i ca n't believe we wo n't go"},
		{"'s 're 've 'd 'm", "It's they're we've we'd I'm", "it 's they 're we 've we 'd i 'm"},
		{"possessives", "A dog's bone and the dogs' bowls.", "a dog 's bone and the dogs bowls"},
		{"cannot and gonna split", "A man cannot ride; I'm gonna eat, wanna share?", "a man can not ride i 'm gon na eat wan na share"},
		{"numbers stay whole", "It's 3,000.50 dollars at 5:30 p.m.", "it 's 3,000.50 dollars at 5:30 p.m."},
		{"fractions and dates", "1/2 of a sandwich on 12/25/2015", "1/2 of a sandwich on 12/25/2015"},
		{"hyphenated words", "A well-known 2-year-old kid's x-ray", "a well-known 2-year-old kid 's x-ray"},
		{"quotes dropped", "A sign that says \"STOP\" and 'go'", "a sign that says stop and go"},
		{"brackets stay as -lrb- -rrb-", "A dog (brown) [big]", "a dog -lrb- brown -rrb- -lsb- big -rsb-"},
		{"dashes and ellipsis dropped", "Two dogs--playing... in the snow - no.", "two dogs playing in the snow no"},
		{"abbreviations keep the stop", "Mr. Smith on Main St.", "mr. smith on main st."},
		{"acronyms keep the stop", "A U.S. flag in the U.K.", "a u.s. flag in the u.k."},
		{"symbols", "A 50% sale for $5 & #1 @ home", "a 50 % sale for $ 5 & # 1 @ home"},
		{"smart quotes and em dash", "“Smart” ‘quotes’ — here", "smart quotes here"},
		{"untokenizable dropped", "A cat 😀 here", "a cat here"},
		{"?! is not one of the punctuation tokens", "?!...", "?!"},
		{"only punctuation", ". ? ! ...", ""},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := strings.Join(Tokenize(tt.caption), " "); got != tt.want {
				t.Errorf("Tokenize(%q) = %q, want %q", tt.caption, got, tt.want)
			}
		})
	}
}

// TestTokenizeAllLooksPastLines checks that a line's tokens can depend on
// the next line, as in one run of PTBTokenizer.
func TestTokenizeAllLooksPastLines(t *testing.T) {
	got := TokenizeAll([]string{"Vitamin C.", "A man", "Vitamin C.", "a man", "Vitamin C."})
	want := [][]string{{"vitamin", "c"}, {"a", "man"}, {"vitamin", "c."}, {"a", "man"}, {"vitamin", "c."}}
	if !slices.EqualFunc(got, want, slices.Equal) {
		t.Errorf("TokenizeAll = %q, want %q", got, want)
	}
}

// TestTokenizeMatchesCoreNLP checks every caption of ptb_cases.txt against
// what pycocoevalcap's PTBTokenizer (CoreNLP 3.4.1) gave for it.
func TestTokenizeMatchesCoreNLP(t *testing.T) {
	captions, want := readLines(t, "testdata/ptb_cases.txt"), readLines(t, "testdata/ptb_cases.tokens")
	if len(captions) != len(want) || len(captions) < 100 {
		t.Fatalf("%d captions but %d tokenised lines", len(captions), len(want))
	}
	for i, toks := range TokenizeAll(captions) {
		if got := strings.Join(toks, " "); got != want[i] {
			t.Errorf("line %d %q: got %q, CoreNLP %q", i+1, captions[i], got, want[i])
		}
	}
}

// TestTokenizeRStrip checks the end of a line is stripped as Python's
// rstrip does, no-break spaces included: an SGML tag that spans two
// captions keeps its spaces as no-break spaces.
func TestTokenizeRStrip(t *testing.T) {
	got := TokenizeAll([]string{"<a b='x ", "y'>"})
	if want := [][]string{{"<a\u00a0b='x"}, {"y'>"}}; !slices.EqualFunc(got, want, slices.Equal) {
		t.Errorf("got %q, want %q", got, want)
	}
}

func readLines(t *testing.T, name string) []string {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var lines []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		lines = append(lines, sc.Text())
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return lines
}

func FuzzTokenize(f *testing.F) {
	f.Add("A dog doesn't want to go outside; it's raining!", "Vitamin C.")
	f.Add("<a b='x ", "y'>")
	f.Add("“Smart” (quotes) — 3,000.50 1 1/2 U.S. St.", "")
	f.Fuzz(func(t *testing.T, a, b string) {
		lines := TokenizeAll([]string{a, b})
		if len(lines) != 2 {
			t.Fatalf("%d lines for 2 captions", len(lines))
		}
		for _, line := range lines {
			for _, tok := range line {
				if tok == "" || strings.ContainsAny(tok, " \n") || slices.Contains(punctuation, tok) {
					t.Fatalf("token %q", tok)
				}
			}
		}
	})
}
