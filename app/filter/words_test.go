package filter

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// mustLoad builds a Filter from word files given as name → contents.
func mustLoad(tb testing.TB, files map[string]string) *Filter {
	tb.Helper()
	f, err := load(mapFS(files))
	if err != nil {
		tb.Fatal(err)
	}
	return f
}

// mapFS puts files under words/ in a file system.
func mapFS(files map[string]string) fstest.MapFS {
	fsys := fstest.MapFS{}
	for name, text := range files {
		fsys["words/"+name] = &fstest.MapFile{Data: []byte(text)}
	}
	return fsys
}

// masks is the smallest valid head of a word file.
const masks = "mask slur (bad)\nmask sexual (rude)\n"

func TestExpand(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []string
	}{
		{"word", []string{"word"}},
		{"word{,s}", []string{"word", "words"}},
		{"niqu{e,é}", []string{"nique", "niqué"}},
		{"{a,b}c{,s}", []string{"ac", "acs", "bc", "bcs"}},
		{"a{}", []string{"a"}},
	} {
		t.Run(c.in, func(t *testing.T) {
			if got, err := expand(c.in); err != nil || !slices.Equal(got, c.want) {
				t.Errorf("expand(%q) = %q, %v; want %q", c.in, got, err, c.want)
			}
		})
	}
}

func TestExpandErrors(t *testing.T) {
	for _, in := range []string{"a{", "a}", "a{b{c}}", "a,b", "a}{b}", "{a,b}{c,d}{e,f}{g,h}{i,j}{k,l}{m,n}{o,p}{q,r}"} {
		t.Run(in, func(t *testing.T) {
			if got, err := expand(in); err == nil {
				t.Errorf("expand(%q) = %q; want an error", in, got)
			}
		})
	}
}

func TestLoadErrors(t *testing.T) {
	for _, c := range []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"no English", map[string]string{"de.txt": masks}, "no English"},
		{"unknown kind", map[string]string{"en.txt": masks + "rude word\n"}, "en.txt:3: unknown kind"},
		{"no pattern", map[string]string{"en.txt": masks + "slur\n"}, "want KIND PATTERN"},
		{"two patterns", map[string]string{"en.txt": masks + "slur a b\n"}, "want KIND PATTERN"},
		{"two categories", map[string]string{"en.txt": masks + "slur abc\nsexual abc\n"}, "two categories"},
		{"short word", map[string]string{"en.txt": masks + "slur ab\n"}, "shorter than"},
		{"long word", map[string]string{"en.txt": masks + "slur " + strings.Repeat("a", 65) + "\n"}, "longer than"},
		{"two words", map[string]string{"en.txt": masks + "slur l'abc\n"}, "not one word"},
		{"braces", map[string]string{"en.txt": masks + "slur abc{\n"}, "unbalanced"},
		{"no mask", map[string]string{"en.txt": "mask slur (bad)\n"}, "no mask"},
		{"second mask", map[string]string{"en.txt": masks + "mask slur (worse)\n"}, "second mask"},
		{"mask category", map[string]string{"en.txt": masks + "mask rude (worse)\n"}, "unknown category"},
		{"mask text", map[string]string{"en.txt": masks + "mask slur\n"}, "want mask"},
		{"mask listed", map[string]string{"en.txt": masks + "sexual rude\n"}, "holds a listed word"},
		{"allow unlisted", map[string]string{"en.txt": masks, "de.txt": masks + "allow abc\n"}, "not in the English list"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if _, err := load(mapFS(c.files)); err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("load = %v; want an error with %q", err, c.want)
			}
		})
	}
}

func TestFoldMatches(t *testing.T) {
	f := mustLoad(t, map[string]string{"en.txt": masks + "sexual scheiße\nslur pédé\n"})
	for _, in := range []string{"scheiße", "Scheisse", "SCHEISSE", "SCHEIẞE", "PÉDÉ", "pe\u0301de\u0301", "Pédé"} {
		t.Run(in, func(t *testing.T) {
			if out, _ := f.Apply(in, "en"); out != "(rude)" && out != "(bad)" {
				t.Errorf("Apply(%q) = %q; want it masked", in, out)
			}
		})
	}
	for _, in := range []string{"schele", "pede", "Pedé", "scheißer", "scheiß"} {
		t.Run(in, func(t *testing.T) {
			if out, changed := f.Apply(in, "en"); changed {
				t.Errorf("Apply(%q) = %q; want it unchanged", in, out)
			}
		})
	}
}

func TestAllowKeepsEnglishWord(t *testing.T) {
	f := mustLoad(t, map[string]string{
		"en.txt": masks + "slur retard{,s}\n",
		"fr.txt": masks + "allow retard\n",
	})
	for _, c := range []struct{ lang, in, want string }{
		{"en", "retard", "(bad)"},
		{"fr", "retard", "retard"},
		{"fr", "retards", "(bad)"},
	} {
		if out, _ := f.Apply(c.in, c.lang); out != c.want {
			t.Errorf("Apply(%q, %q) = %q; want %q", c.in, c.lang, out, c.want)
		}
	}
}

func TestDefaultLists(t *testing.T) {
	f, err := load(wordFiles)
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"en", "de", "fr", "es"} {
		t.Run(lang, func(t *testing.T) {
			l := mustParse(t, lang)
			if len(l.words) < 20 {
				t.Errorf("words/%s.txt lists %d words; want at least 20", lang, len(l.words))
			}
			t.Logf("words/%s.txt: %d words", lang, len(l.words))
			for w, c := range l.words {
				if out, _ := f.Apply(w, lang); out != f.tables[lang].masks[c] {
					t.Errorf("Apply(%q, %q) = %q; want %q", w, lang, out, f.tables[lang].masks[c])
				}
			}
		})
	}
}

// mustParse parses the embedded word file for lang.
func mustParse(tb testing.TB, lang string) list {
	tb.Helper()
	name := "words/" + lang + ".txt"
	data, err := wordFiles.ReadFile(name)
	if err != nil {
		tb.Fatal(err)
	}
	l, err := parse(name, data)
	if err != nil {
		tb.Fatal(err)
	}
	return l
}

func FuzzParse(f *testing.F) {
	for _, lang := range []string{"en", "de", "fr", "es"} {
		data, _ := wordFiles.ReadFile("words/" + lang + ".txt")
		f.Add(data)
	}
	f.Add([]byte("slur {a,b}{c,d}{e,f}x\nmask slur  ( x )  # y\nallow Straße{,n}"))
	f.Fuzz(func(t *testing.T, data []byte) {
		l, err := parse("fuzz.txt", data)
		if err != nil {
			return
		}
		for w := range l.words {
			if start, end := nextWord(w, 0); start != 0 || end != len(w) || fold(w) != w {
				t.Errorf("listed %q is not one folded word", w)
			}
		}
	})
}
