package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/describer/describer/models"
)

// describe --history keeps each result in the history that the app
// keeps; history lists, finds, shows, exports and clears it.
func TestHistoryCommands(t *testing.T) {
	home := []string{models.EnvHome + "=" + t.TempDir()}
	lib := ortLib(t)
	dir := t.TempDir()
	for _, name := range []string{"first.png", "second.png"} {
		writeGradient(t, filepath.Join(dir, name))
		r := run(t, nil, home, "describe", "--history", "--no-ocr", "--ort-lib", lib, "--model", fixture, filepath.Join(dir, name))
		if r.code != 0 {
			t.Fatalf("describe --history: %d %s", r.code, r.stderr)
		}
	}
	r := run(t, nil, home, "history", "list")
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	if r.code != 0 || len(lines) != 2 || !strings.HasPrefix(lines[0], "2\t") || !strings.Contains(lines[0], "second.png") {
		t.Fatalf("list: %d %q %s", r.code, r.stdout, r.stderr)
	}
	var all []historyEntry
	r = run(t, nil, home, "history", "export", "--json")
	if err := json.Unmarshal([]byte(r.stdout), &all); err != nil || len(all) != 2 || all[1].Caption == "" {
		t.Fatalf("export: %q (%v)", r.stdout, err)
	}
	word := strings.Fields(all[0].Caption)[0]
	r = run(t, nil, home, "history", "search", word)
	if r.code != 0 || !strings.Contains(r.stderr, "2 matches") || strings.Count(r.stdout, "\n") != 2 {
		t.Errorf("search %q: %d %q %q", word, r.code, r.stdout, r.stderr)
	}
	r = run(t, nil, home, "history", "search", "nosuchwordanywhere")
	if r.code != 0 || !strings.Contains(r.stderr, "0 matches") || r.stdout != "" {
		t.Errorf("search for nothing: %d %q %q", r.code, r.stdout, r.stderr)
	}
	r = run(t, nil, home, "history", "show", "1")
	if r.code != 0 || !strings.Contains(r.stdout, "first.png") || !strings.Contains(r.stdout, all[1].Full) {
		t.Errorf("show 1: %d %q", r.code, r.stdout)
	}
	if r = run(t, nil, home, "history", "clear"); r.code != 0 {
		t.Fatalf("clear: %d %s", r.code, r.stderr)
	}
	if r = run(t, nil, home, "history", "list", "--json"); strings.TrimSpace(r.stdout) != "[]" {
		t.Errorf("after clear: %q", r.stdout)
	}
	if _, err := os.Stat(filepath.Join(strings.TrimPrefix(home[0], models.EnvHome+"="), "config", "history.db")); err != nil {
		t.Errorf("the history database is not where the app keeps it: %v", err)
	}
}

// Bad history commands are one sentence and exit status 2.
func TestHistoryBadInput(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{nil, "history needs list"},
		{[]string{"frobnicate"}, "unknown history command"},
		{[]string{"search"}, "needs the words"},
		{[]string{"show"}, "unexpected"},
		{[]string{"show", "x"}, "needs an entry's number"},
		{[]string{"show", "99"}, "has no entry 99"},
		{[]string{"export"}, "give --json"},
		{[]string{"list", "--limit", "0"}, "--limit"},
	} {
		r := run(t, nil, nil, append([]string{"history"}, c.args...)...)
		if r.code != exitUsage || !strings.Contains(r.stderr, c.want) || strings.Count(strings.TrimSpace(r.stderr), "\n") != 0 {
			t.Errorf("history %q: %d %q; want 2 and one line with %q", c.args, r.code, r.stderr, c.want)
		}
	}
}
