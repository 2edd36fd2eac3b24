//go:build cgo

package espeak_test

import (
	"os/exec"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/describer/describer/speech/espeak"
)

// TestPhonemize checks the exact IPA and clause ends libespeak-ng 1.51 gives.
// The phonemes were checked clause for clause against espeak-ng -q --ipa -v
// VOICE (the same library); where the two differ (the CLI gives a clause's
// lone or first word primary stress after an ellipsis or when it stands
// alone) the comment says so and the library's answer is kept, as Piper's
// phonemizer calls the same function. The terminators were worked out by
// hand from the text. TestPhonemizeMatchesCLI repeats the comparison with
// the CLI for the sentences where the two agree.
func TestPhonemize(t *testing.T) {
	type c = espeak.Clause
	for _, tc := range []struct {
		voice, text string
		want        []c
	}{
		{"en-us", "Hello world.", []c{{"həlˈoʊ wˈɜːld", ".", true}}},
		{"", "Hello world.", []c{{"həlˈoʊ wˈɜːld", ".", true}}},
		{"en-us", "Is it 3.5?", []c{{"ɪz ɪt θɹˈiː pɔɪnt fˈaɪv", "?", true}}},
		{"en-us", "The cat sat on the mat. It was happy!", []c{
			{"ðə kˈæt sˈæt ɔnðə mˈæt", ".", true},
			{"ɪt wʌz hˈæpi", "!", true},
		}},
		{"en-us", "One, two; three: four! Five", []c{
			{"wˈʌn", ",", false},
			{"tˈuː", ";", false},
			{"θɹˈiː", ":", false},
			{"fˈoːɹ", "!", true},
			{"fˈaɪv", "", true}, // the end of the text ends the sentence
		}},
		// An ellipsis pauses without a terminator; the library (unlike the
		// CLI) gives "what" secondary stress after it.
		{"en-us", "Wait... what?", []c{{"wˈeɪt", "", false}, {"wˌʌt", "?", true}}},
		// eSpeak NG counts en and em dashes as semicolons.
		{"en-us", "A — B. C – D", []c{
			{"ˈeɪ", ";", false}, {"bˈiː", ".", true}, {"sˈiː", ";", false}, {"dˈiː", "", true},
		}},
		// Closing quotes and brackets after the full stop.
		{"en-us", `He said "Hi." Then (he) left.`, []c{{"hiː sˈɛd hˈaɪ", ".", true}, {"ðˈɛn hiː lˈɛft", ".", true}}},
		{"en-us", `Hello world."`, []c{{"həlˈoʊ wˈɜːld", ".", true}}},
		// A blank line ends a paragraph: a sentence end with no terminator.
		{"en-us", "Hello\n\nWorld", []c{{"həlˈoʊ", "", true}, {"wˈɜːld", "", true}}},
		{"en-us", "x: y", []c{{"ˈɛks", ":", false}, {"wˈaɪ", "", true}}},
		// Full-width punctuation maps to ASCII terminators.
		{"en-us", "一。二", []c{{"tʃˈaɪniːzlˌɛɾɚ", ".", true}, {"tʃˈaɪniːzlˌɛɾɚ", "", true}}},
		// NFD: ç (U+00E7) becomes c and a combining cedilla (U+0327). (The
		// CLI stresses the lone word: ˈɪç.)
		{"de", "ich", []c{{"ɪc\u0327", "", true}}},
		// Language-switch flags, "(en)wˈɪndəʊz(ru)" from eSpeak NG, are dropped.
		{"ru", "Привет Windows", []c{{"prʲivʲˈet wˈɪndəʊz", "", true}}},
		{"en-gb", "Hello.", []c{{"həlˈəʊ", ".", true}}},
		{"en-us", "", nil},
	} {
		t.Run(tc.voice+" "+tc.text, func(t *testing.T) {
			got, err := espeak.Phonemize(tc.voice, tc.text)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("got  %+v\nwant %+v", got, tc.want)
			}
		})
	}
}

// TestPhonemizeMatchesCLI compares Phonemize with the espeak-ng command
// line, which prints one line of IPA per clause.
func TestPhonemizeMatchesCLI(t *testing.T) {
	cli, err := exec.LookPath("espeak-ng")
	if err != nil {
		t.Skip("skipping: the espeak-ng command is not installed (Debian package espeak-ng)")
	}
	for _, text := range []string{
		"Hello world.",
		"Is it 3.5?",
		"The cat sat on the mat. It was happy!",
		"One, two; three: four! Five",
		"A red square on a white table, next to a cup of coffee.",
		`He said "Hi." Then left.`,
	} {
		out, err := exec.Command(cli, "-q", "--ipa", "-v", "en-us", text).Output()
		if err != nil {
			t.Fatalf("espeak-ng %q: %v", text, err)
		}
		var want []string
		for line := range strings.Lines(string(out)) {
			if line = strings.TrimSpace(line); line != "" {
				want = append(want, norm.NFD.String(line))
			}
		}
		clauses, err := espeak.Phonemize("en-us", text)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, c := range clauses {
			got = append(got, c.Phonemes)
		}
		if !slices.Equal(got, want) {
			t.Errorf("%q:\nPhonemize %q\nCLI       %q", text, got, want)
		}
	}
}

func TestPhonemizeUnknownVoice(t *testing.T) {
	_, err := espeak.Phonemize("no-such-voice", "Hello.")
	if err == nil || err.Error() != `espeak: eSpeak NG has no voice named "no-such-voice"` {
		t.Errorf("got %v; want the unknown-voice sentence", err)
	}
}

// FuzzPhonemize feeds Phonemize arbitrary text: it must not fail or hang,
// and what it returns must be NFD IPA with Piper's terminators.
func FuzzPhonemize(f *testing.F) {
	for _, s := range []string{"Hello world.", "Is it 3.5?", "Wait... what?!", "一。二", "x: y\n\nz", "\xff\x00", "(((", "))).", "😀, 👍!"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if len(text) > 2000 {
			return
		}
		clauses, err := espeak.Phonemize("en-us", text)
		if err != nil {
			t.Fatal(err)
		}
		for i, c := range clauses {
			if !utf8.ValidString(c.Phonemes) || !norm.NFD.IsNormalString(c.Phonemes) {
				t.Errorf("clause %d phonemes %q are not valid NFD", i, c.Phonemes)
			}
			if !slices.Contains([]string{"", ".", ",", "?", "!", ":", ";"}, c.Terminator) {
				t.Errorf("clause %d terminator %q", i, c.Terminator)
			}
			if c.Phonemes == "" && c.Terminator == "" {
				t.Errorf("clause %d is empty", i)
			}
		}
		if n := len(clauses); n > 0 && !clauses[n-1].SentenceEnd {
			t.Errorf("the last clause does not end a sentence: %+v", clauses)
		}
	})
}
