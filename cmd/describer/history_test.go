package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/describer/describer/app/store"
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
	if err := json.Unmarshal([]byte(r.stdout), &all); err != nil || len(all) != 2 || all[1].Caption == "" || all[1].Model != "tiny" {
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

// TestHistorySurvivesKillWhileDescribing: describe --history is killed
// (SIGKILL) while it describes and records, again and again; each time
// the history opens, passes SQLite's integrity check, and every entry in
// it is whole: found by a word of what was said, with its source.
func TestHistorySurvivesKillWhileDescribing(t *testing.T) {
	lib := ortLib(t)
	home := t.TempDir()
	dir := t.TempDir()
	var images []string
	for i := range 40 {
		p := filepath.Join(dir, fmt.Sprintf("image%02d.png", i))
		writeGradient(t, p)
		images = append(images, p)
	}
	dbPath := filepath.Join(home, "config", "history.db")
	for round := range 6 {
		before := historyCount(t, dbPath)
		cmd := exec.Command(os.Args[0], append([]string{"describe", "--history", "--no-ocr", "--device", "cpu",
			"--ort-lib", lib, "--model", fixture}, images...)...)
		cmd.Env = append(os.Environ(), "DESCRIBER_BE_MAIN=1", models.EnvHome+"="+home)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Killed after a growing number of its results, so the kill lands
		// at a different point of describing and writing each round.
		waitUntil(t, 60*time.Second, fmt.Sprintf("round %d's results", round), func() bool {
			return historyCount(t, dbPath) >= before+1+round*2
		})
		cmd.Process.Kill()
		if err := cmd.Wait(); err == nil {
			t.Fatalf("round %d: describe ended before the kill, which then proved nothing", round)
		}
		checkHistoryWhole(t, dbPath, round)
	}
}

// historyCount is how many entries the history at path holds (0 before it
// exists), read while another process may write it.
func historyCount(t *testing.T, path string) int {
	t.Helper()
	if _, err := os.Stat(path); err != nil {
		return 0
	}
	db, _, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	n, err := db.Count()
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// checkHistoryWhole opens the history after a kill and checks it whole.
func checkHistoryWhole(t *testing.T, path string, round int) {
	t.Helper()
	db, setAside, err := store.Open(path)
	if err != nil || setAside != "" {
		t.Fatalf("round %d: open after the kill: %v (set aside %q)", round, err, setAside)
	}
	defer db.Close()
	if err := db.Check(); err != nil {
		t.Fatalf("round %d: %v", round, err)
	}
	recs, err := db.List(1<<20, 0)
	if err != nil || len(recs) == 0 {
		t.Fatalf("round %d: %d entries, %v", round, len(recs), err)
	}
	for _, r := range recs {
		words := strings.Fields(r.Full)
		found, _, err := db.Search(words[len(words)-1], 1<<20)
		if err != nil || r.Caption == "" || !strings.HasPrefix(filepath.Base(r.Source), "image") ||
			!slices.ContainsFunc(found, func(f store.Record) bool { return f.ID == r.ID }) {
			t.Fatalf("round %d: entry %d is not whole: %+v (%v)", round, r.ID, r, err)
		}
	}
	t.Logf("round %d: %d entries, all whole", round, len(recs))
}
