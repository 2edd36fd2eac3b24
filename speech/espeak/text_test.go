package espeak

import (
	"strings"
	"testing"
)

func TestClauseEnd(t *testing.T) {
	for _, tc := range []struct {
		consumed string
		last     bool
		term     string
		end      bool
	}{
		{"Hello world. ", false, ".", true},
		{"Is it 3.5?", true, "?", true},
		{"One, ", false, ",", false},
		{"two; ", false, ";", false},
		{"three: ", false, ":", false},
		{"Stop! ", false, "!", true},
		{"Really?! ", false, "!", true},
		{"Wait... ", false, "", false},
		{"Wait… ", false, "", false},
		{"what...?", true, "?", true},
		{`He said "Hi."`, false, ".", true},
		{"(Hello.)", false, ".", true},
		{"A — ", false, ";", false},
		{"C – ", false, ";", false},
		{"一。", false, ".", true},
		{"好吗？", false, "?", true},
		{"Hello\n\n", false, "", true},
		{"Hello\n", false, "", false},
		{"a long clause split by eSpeak NG ", false, "", false},
		{"the end", true, "", true},
		{"", false, "", false},
		{"", true, "", true},
	} {
		term, end := clauseEnd(tc.consumed, tc.last)
		if term != tc.term || end != tc.end {
			t.Errorf("clauseEnd(%q, %v) = %q, %v; want %q, %v", tc.consumed, tc.last, term, end, tc.term, tc.end)
		}
	}
}

func TestStripLanguageFlags(t *testing.T) {
	for in, want := range map[string]string{
		"prʲivʲˈet (en)wˈɪndəʊz(ru)":        "prʲivʲˈet wˈɪndəʊz",
		"(en)wiːkˈɛnd(fr) lə- (en)fˈʊt(fr)": "wiːkˈɛnd lə- fˈʊt",
		"həlˈoʊ": "həlˈoʊ",
		"a (b":   "a (b",
	} {
		if got := stripLanguageFlags(in); got != want {
			t.Errorf("stripLanguageFlags(%q) = %q; want %q", in, got, want)
		}
	}
}

func TestSpeakable(t *testing.T) {
	for text, want := range map[string]bool{
		"": false, " \n": false, "!!!": false, "😀👍": false, "…—": false,
		"a": true, "3": true, "Ça": true, "一": true, "😀 ok": true,
	} {
		if got := Speakable(text); got != want {
			t.Errorf("Speakable(%q) = %v; want %v", text, got, want)
		}
	}
}

func TestCleanText(t *testing.T) {
	long := strings.Repeat("ab.", 70)
	for in, want := range map[string]string{
		"Hello world.":            "Hello world.",
		"nul\x00inside\x01":       "nul inside ",
		"tab\tand\nline\r\n":      "tab\tand\nline\r\n",
		"bad \xff utf-8":          "bad \uFFFD utf-8",
		long:                      long[:64] + " " + long[64:128] + " " + long[128:192] + " " + long[192:],
		strings.Repeat("é", 40):   strings.Repeat("é", 32) + " " + strings.Repeat("é", 8),
		"U.S.A. and e.g. x. y.":   "U.S.A. and e.g. x. y.",
		strings.Repeat("x. ", 20): strings.Repeat("x. ", 16) + " , " + strings.Repeat("x. ", 4),
		strings.Repeat("é.", 20):  strings.Repeat("é.", 16) + " , " + strings.Repeat("é.", 4),
	} {
		if got := cleanText(in); got != want {
			t.Errorf("cleanText(%q) = %q; want %q", in, got, want)
		}
	}
}
