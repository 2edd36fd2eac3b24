package filter

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"strings"
)

// load builds a Filter, on, from the words/LANG.txt files in fsys; there
// must be an English one.
func load(fsys fs.FS) (*Filter, error) {
	names, err := fs.Glob(fsys, "words/*.txt")
	if err != nil {
		return nil, fmt.Errorf("filter: list word files: %w", err)
	}
	lists := map[string]list{}
	for _, name := range names {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("filter: read %s: %w", name, err)
		}
		if lists[langOf(name)], err = parse(name, data); err != nil {
			return nil, err
		}
	}
	en, ok := lists[english]
	if !ok {
		return nil, errors.New("filter: no English word list (words/en.txt)")
	}
	f := &Filter{tables: map[string]*table{}}
	for lang, l := range lists {
		if f.tables[lang], err = compile(en, l); err != nil {
			return nil, fmt.Errorf("filter: words/%s.txt: %w", lang, err)
		}
	}
	return f, nil
}

// langOf returns the language code a word file is named for.
func langOf(name string) string {
	return strings.TrimSuffix(path.Base(name), ".txt")
}

// compile builds the table for one language: the English words less those
// l allows, then l's own words and masks.
func compile(en, l list) (*table, error) {
	t := &table{words: maps.Clone(en.words), masks: l.masks}
	for w := range l.allow {
		if en.words[w] == none {
			return nil, fmt.Errorf("allow %q: not in the English list", w)
		}
		delete(t.words, w)
	}
	maps.Copy(t.words, l.words)
	for c := none + 1; c < numCategories; c++ {
		if t.masks[c] == "" {
			return nil, fmt.Errorf("no mask for category %d", c)
		}
		if _, changed := t.apply(t.masks[c]); changed {
			return nil, fmt.Errorf("mask %q holds a listed word", t.masks[c])
		}
	}
	return t, nil
}
