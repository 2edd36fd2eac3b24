package speech

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestSplit(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"empty", "", nil},
		{"spaces only", " \t\n ", nil},
		{"one sentence", "A dog on a beach.", []string{"A dog on a beach."}},
		{"no terminator", "a dog on a beach", []string{"a dog on a beach"}},
		{"two sentences", "A dog. A cat.", []string{"A dog.", "A cat."}},
		{"question and exclamation", "Is it a dog? Yes! It is.", []string{"Is it a dog?", "Yes!", "It is."}},
		{"titles", "Mr. Smith met Dr. Jones at St. Paul's.", []string{"Mr. Smith met Dr. Jones at St. Paul's."}},
		{"e.g. and i.e.", "Fruit, e.g. Apples, i.e. Red ones. Next.", []string{"Fruit, e.g. Apples, i.e. Red ones.", "Next."}},
		{"etc. mid sentence", "Apples, pears, etc. are fruit.", []string{"Apples, pears, etc. are fruit."}},
		{"etc. at end", "Apples, pears, etc. Then bread.", []string{"Apples, pears, etc.", "Then bread."}},
		{"vs.", "Cats vs. Dogs is a film.", []string{"Cats vs. Dogs is a film."}},
		{"U.S. mid sentence", "He moved to the U.S. in 1990. Then he left.", []string{"He moved to the U.S. in 1990.", "Then he left."}},
		{"U.S. at end", "He lives in the U.S.", []string{"He lives in the U.S."}},
		{"decimal", "It costs 3.5 dollars. Cheap.", []string{"It costs 3.5 dollars.", "Cheap."}},
		{"thousands", "Pay 1,000.25 now. Thanks.", []string{"Pay 1,000.25 now.", "Thanks."}},
		{"version", "Use version 1.2.3 today. It works.", []string{"Use version 1.2.3 today.", "It works."}},
		{"number ends sentence", "It was 1999. Then came 2000.", []string{"It was 1999.", "Then came 2000."}},
		{"URL", "See https://example.com/a.b?c=d for more. Bye.", []string{"See https://example.com/a.b?c=d for more.", "Bye."}},
		{"URL at end", "Visit www.x.org. It is free.", []string{"Visit www.x.org.", "It is free."}},
		{"email", "Write to a.b@mail.example.org today. Bye.", []string{"Write to a.b@mail.example.org today.", "Bye."}},
		{"ellipsis unicode", "Wait… What was that?", []string{"Wait…", "What was that?"}},
		{"ellipsis dots", "Hmm... Okay then.", []string{"Hmm...", "Okay then."}},
		{"ellipsis carries on", "Wait... what was that?", []string{"Wait... what was that?"}},
		{"lone ellipsis joins", "Hello. ... Bye.", []string{"Hello. ...", "Bye."}},
		{"quote after period, lower case", `"Hi." she said.`, []string{`"Hi." she said.`}},
		{"quote after period, upper case", `He said "Stop." Then he left.`, []string{`He said "Stop."`, "Then he left."}},
		{"exclamation then lower case", `"Hi!" she said. Go!`, []string{`"Hi!" she said.`, "Go!"}},
		{"bracket after terminator", "(It rained!) We stayed in.", []string{"(It rained!)", "We stayed in."}},
		{"curly quotes", "“Go.” She went.", []string{"“Go.”", "She went."}},
		{"initials", "J. R. R. Tolkien wrote it.", []string{"J. R. R. Tolkien wrote it."}},
		{"No. before number", "Room No. 5 is here. Go.", []string{"Room No. 5 is here.", "Go."}},
		{"list number", "1. First item", []string{"1. First item"}},
		{"newline", "Line one\nLine two", []string{"Line one", "Line two"}},
		{"blank lines", "Para one.\n\n\nPara two.", []string{"Para one.", "Para two."}},
		{"CRLF", "One\r\nTwo", []string{"One", "Two"}},
		{"German", "Das ist gut. Über alles.", []string{"Das ist gut.", "Über alles."}},
		{"Greek", "Καλημέρα. Τι κάνεις;", []string{"Καλημέρα.", "Τι κάνεις;"}},
		{"Chinese", "你好。我是一只猫！真的吗？", []string{"你好。", "我是一只猫！", "真的吗？"}},
		{"Japanese quote", "「はい。」いいえ。", []string{"「はい。」", "いいえ。"}},
		{"Spanish", "¿Qué es? ¡Un perro!", []string{"¿Qué es?", "¡Un perro!"}},
		{"emoji joins", "Hello 😀. 😀😀", []string{"Hello 😀. 😀😀"}},
		{"only punctuation", "...", []string{"..."}},
		{"only emoji", "😀😀", []string{"😀😀"}},
		{"leading unspeakable", "*** Title", []string{"*** Title"}},
		{"leading unspeakable line", "***\nTitle", []string{"*** Title"}},
		{"multiple spaces kept", "A  dog.   A cat.", []string{"A  dog.", "A cat."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Split(tt.in)
			if !slices.Equal(got, tt.want) {
				t.Errorf("Split(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestSplitLongSentence(t *testing.T) {
	clause := "the quick brown fox jumps over the lazy dog"
	long := strings.Repeat(clause+", ", 30) + "and that is all."
	parts := Split(long)
	if len(parts) < 3 {
		t.Fatalf("a %d-character sentence gave %d parts; want it cut at commas", len(long), len(parts))
	}
	for _, p := range parts[:len(parts)-1] {
		if n := utf8.RuneCountInString(p); n < ClauseLength || n > ClauseLength+len(clause)+3 {
			t.Errorf("part of %d characters, want between %d and %d: %q", n, ClauseLength, ClauseLength+len(clause)+3, p)
		}
		if !strings.HasSuffix(p, ",") {
			t.Errorf("part does not end at a comma: %q", p)
		}
	}
	if got := strings.Join(parts, " "); got != strings.TrimSpace(long) {
		t.Errorf("joined parts differ from the input")
	}
}

func TestSplitNoPunctuation(t *testing.T) {
	words := strings.Repeat("word ", 1000)
	for _, p := range Split(words) {
		if n := utf8.RuneCountInString(p); n > hardLength+5 {
			t.Errorf("part of %d characters, want at most about %d", n, hardLength)
		}
	}
	blob := strings.Repeat("x", 5000)
	parts := Split(blob)
	if len(parts) < 5000/hardLength {
		t.Errorf("a 5000-character word gave %d parts; want it cut every %d", len(parts), hardLength)
	}
	if strings.Join(parts, "") != blob {
		t.Errorf("cutting a long word lost characters")
	}
}

func TestSpeakable(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"", false},
		{"   \n\t", false},
		{"...", false},
		{"!?…—", false},
		{"😀😀", false},
		{"👍🏽", false},
		{"$%&*+=<>", false},
		{"→ ★ ♪", false},
		{"\xff\xfe", false},
		{"a", true},
		{"5", true},
		{"½", true},
		{"😀 hi", true},
		{"你好", true},
		{"Ω", true},
		{"$5", true},
	}
	for _, tt := range tests {
		if got := Speakable(tt.in); got != tt.want {
			t.Errorf("Speakable(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

// wordRunes keeps the letters and numbers of s, in order.
func wordRunes(s string) []rune {
	var out []rune
	for _, r := range s {
		if isWordRune(r) {
			out = append(out, r)
		}
	}
	return out
}

func FuzzSplit(f *testing.F) {
	for _, s := range []string{
		"", "A dog. A cat.", "Mr. Smith paid 1,000.25 at https://example.com/a.b?c=d.",
		"Wait… what?! \"Hi.\" she said.\n\nNext (line).", "你好。我是猫！", "😀...😀", "e.g. i.e. U.S. etc.",
		strings.Repeat("a, ", 200), "\xff\xfe. x", "1. 2. 3.",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		parts := Split(s)
		for _, p := range parts {
			if strings.TrimSpace(p) == "" || p != strings.TrimSpace(p) {
				t.Fatalf("Split(%q) gave an empty or untrimmed part %q", s, p)
			}
		}
		if got, want := wordRunes(strings.Join(parts, " ")), wordRunes(s); !slices.Equal(got, want) {
			t.Fatalf("Split(%q) = %q lost or changed letters: %q, want %q", s, parts, string(got), string(want))
		}
	})
}
