package filter

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
)

// A word list file (words/LANG.txt) has one entry a line; "#" starts a
// comment, blank lines are skipped:
//
//	mask slur (offensive word)     what a slur becomes, in this language
//	mask sexual (explicit word)    what a sexually explicit word becomes
//	slur PATTERN                   a slur
//	sexual PATTERN                 a sexually explicit word
//	allow PATTERN                  an English word innocent in this language
//
// A PATTERN is one word, any case, with optional endings in braces,
// expanded like a shell's: "fuck{,s,ed,ing}" lists fuck, fucks, fucked
// and fucking; "{a,b}{,s}" lists a, as, b and bs.

// category is what kind of word a list entry is; none is "not listed".
type category uint8

const (
	none category = iota
	slur
	sexual
	numCategories
)

// categories maps a list file's category names to categories.
var categories = map[string]category{"slur": slur, "sexual": sexual}

const (
	// maxFormBytes bounds one expanded word, folded, in bytes.
	maxFormBytes = 64
	// minFormRunes is the fewest letters a listed word may have.
	minFormRunes = 3
	// maxForms bounds how many words one pattern expands to.
	maxForms = 256
)

// list is one language file, parsed.
type list struct {
	masks [numCategories]string
	words map[string]category // folded word → category
	allow map[string]bool     // folded English words not masked here
}

// parse reads one word list file; name is used in errors only.
func parse(name string, data []byte) (list, error) {
	l := list{words: map[string]category{}, allow: map[string]bool{}}
	n := 0
	for line := range strings.Lines(string(data)) {
		n++
		if err := l.parseLine(line); err != nil {
			return list{}, fmt.Errorf("filter: %s:%d: %w", name, n, err)
		}
	}
	return l, nil
}

// parseLine adds one line's entry to l.
func (l *list) parseLine(line string) error {
	line, _, _ = strings.Cut(line, "#")
	f := strings.Fields(line)
	switch {
	case len(f) == 0:
		return nil
	case f[0] == "mask":
		return l.parseMask(f[1:])
	case len(f) != 2:
		return fmt.Errorf("want KIND PATTERN, got %q", strings.TrimSpace(line))
	case f[0] == "allow":
		return l.add(f[1], none)
	}
	c, ok := categories[f[0]]
	if !ok {
		return fmt.Errorf("unknown kind %q", f[0])
	}
	return l.add(f[1], c)
}

// parseMask sets the mask of the category f[0] to the rest of f.
func (l *list) parseMask(f []string) error {
	if len(f) < 2 {
		return errors.New("want mask CATEGORY TEXT")
	}
	c, ok := categories[f[0]]
	if !ok {
		return fmt.Errorf("unknown category %q", f[0])
	}
	if l.masks[c] != "" {
		return fmt.Errorf("second mask for %s", f[0])
	}
	l.masks[c] = strings.Join(f[1:], " ")
	return nil
}

// add lists every word pattern expands to as c; none means allow.
func (l *list) add(pattern string, c category) error {
	forms, err := expand(pattern)
	if err != nil {
		return fmt.Errorf("pattern %q: %w", pattern, err)
	}
	for _, form := range forms {
		w, err := checkForm(form)
		if err != nil {
			return fmt.Errorf("pattern %q: %w", pattern, err)
		}
		if c == none {
			l.allow[w] = true
			continue
		}
		if old := l.words[w]; old != none && old != c {
			return fmt.Errorf("%q listed in two categories", form)
		}
		l.words[w] = c
	}
	return nil
}

// checkForm returns form folded, or why it cannot be listed: it must be
// one whole word as Apply splits text, of a sensible length.
func checkForm(form string) (string, error) {
	w := fold(form)
	switch {
	case len(w) > maxFormBytes:
		return "", fmt.Errorf("%q longer than %d bytes", form, maxFormBytes)
	case utf8.RuneCountInString(w) < minFormRunes:
		return "", fmt.Errorf("%q shorter than %d letters", form, minFormRunes)
	}
	if start, end := nextWord(w, 0); start != 0 || end != len(w) {
		return "", fmt.Errorf("%q is not one word", form)
	}
	return w, nil
}

// expand returns the words a pattern lists, expanding each brace group
// of comma-separated endings in turn.
func expand(p string) ([]string, error) {
	open := strings.IndexByte(p, '{')
	if open < 0 {
		if strings.ContainsAny(p, "},") {
			return nil, errors.New("unbalanced braces")
		}
		return []string{p}, nil
	}
	end := strings.IndexByte(p[open:], '}')
	if end < 0 {
		return nil, errors.New("unbalanced braces")
	}
	end += open
	head, inner := p[:open], p[open+1:end]
	if strings.ContainsAny(head, "},") || strings.ContainsRune(inner, '{') {
		return nil, errors.New("unbalanced braces")
	}
	rest, err := expand(p[end+1:])
	if err != nil {
		return nil, err
	}
	var out []string
	for _, alt := range strings.Split(inner, ",") {
		for _, r := range rest {
			if len(out) == maxForms {
				return nil, fmt.Errorf("more than %d words", maxForms)
			}
			out = append(out, head+alt+r)
		}
	}
	return out, nil
}
