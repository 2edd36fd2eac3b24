package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/describer/describer/app/store"
	"github.com/describer/describer/models"
)

// historyPaths are the history database the app and describe --history
// keep, and the JSON history of earlier versions imported into it.
func historyPaths() (db, legacy string) {
	return filepath.Join(models.ConfigDir(), "history.db"), filepath.Join(models.ConfigDir(), "history.json")
}

// historyUsage is the history command's help.
const historyUsage = `usage: describer history list [--limit N] [--json]
       describer history search [--limit N] [--json] WORDS...
       describer history show [--json] ID
       describer history export --json
       describer history clear`

// history runs "describer history SUBCOMMAND".
func (m *Main) history(_ context.Context, args []string) error {
	if len(args) == 0 {
		return usageError{"history needs list, search, show, export or clear; run \"describer history --help\""}
	}
	if args[0] == "-h" || args[0] == "--help" {
		fmt.Fprintln(m.Stdout, historyUsage)
		return nil
	}
	fs := flag.NewFlagSet("history "+args[0], flag.ContinueOnError)
	limit := fs.Int("limit", 20, "how many entries to print")
	asJSON := fs.Bool("json", false, "print JSON")
	rest, err := parseInterspersed(fs, args[1:], m.Stdout)
	if err != nil {
		return err
	}
	if *limit < 1 {
		return usageError{"--limit must be at least 1"}
	}
	h := historyRun{m: m, limit: *limit, asJSON: *asJSON}
	switch args[0] {
	case "list":
		return h.withDB(rest, 0, h.list)
	case "search":
		return h.withDB(rest, -1, h.search)
	case "show":
		return h.withDB(rest, 1, h.show)
	case "export":
		if !*asJSON {
			return usageError{"export writes JSON: give --json"}
		}
		return h.withDB(rest, 0, h.export)
	case "clear":
		return h.withDB(rest, 0, h.clear)
	}
	return usageError{fmt.Sprintf("unknown history command %q; use list, search, show, export or clear", args[0])}
}

// historyRun is one history command.
type historyRun struct {
	m      *Main
	limit  int
	asJSON bool
}

// withDB checks the arguments' count (want: -1 any but none, else exact),
// opens the history and runs fn on it. A history never kept is empty.
func (h historyRun) withDB(args []string, want int, fn func(*store.DB, []string) error) error {
	switch {
	case want < 0 && len(args) == 0:
		return usageError{"history search needs the words to find"}
	case want >= 0 && len(args) != want:
		return usageError{fmt.Sprintf("history: unexpected %q", strings.Join(args, " "))}
	}
	path, _ := historyPaths()
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		path = filepath.Join(os.TempDir(), fmt.Sprintf("describer-empty-history-%d.db", os.Getpid()))
		defer os.Remove(path)
	}
	db, setAside, err := store.Open(path)
	if err != nil {
		return err
	}
	defer db.Close()
	if setAside != "" {
		fmt.Fprintf(h.m.Stderr, "describer: the history was damaged; it was set aside as %s and a new one started.\n", setAside)
	}
	return fn(db, args)
}

// historyEntry is one entry as --json prints it.
type historyEntry struct {
	ID             int64     `json:"id"`
	Time           time.Time `json:"time"`
	Source         string    `json:"source"`
	Caption        string    `json:"caption,omitempty"`
	EnglishCaption string    `json:"english_caption,omitempty"`
	Detail         string    `json:"detail,omitempty"`
	Model          string    `json:"model,omitempty"`
	Text           string    `json:"text,omitempty"`
	Question       string    `json:"question,omitempty"`
	Answer         string    `json:"answer,omitempty"`
	EnglishAnswer  string    `json:"english_answer,omitempty"`
	Language       string    `json:"language,omitempty"`
	Spoken         string    `json:"spoken"`
	Full           string    `json:"full"`
}

func toHistoryEntry(r store.Record) historyEntry {
	return historyEntry{ID: r.ID, Time: r.Time, Source: r.Source, Caption: r.Caption, EnglishCaption: r.EnglishCaption,
		Detail: r.Detail, Model: r.Model, Text: r.Text, Question: r.Question, Answer: r.Answer, EnglishAnswer: r.EnglishAnswer,
		Language: r.Language, Spoken: r.Spoken, Full: r.Full}
}

// print prints recs: one line each ("ID  TIME  SOURCE  FIRST LINE"), or a
// JSON array.
func (h historyRun) print(recs []store.Record) {
	if h.asJSON {
		out := make([]historyEntry, len(recs))
		for i, r := range recs {
			out[i] = toHistoryEntry(r)
		}
		b, _ := json.Marshal(out)
		fmt.Fprintln(h.m.Stdout, string(b))
		return
	}
	for _, r := range recs {
		first, _, _ := strings.Cut(r.Spoken, "\n")
		fmt.Fprintf(h.m.Stdout, "%d\t%s\t%s\t%s\n", r.ID, r.Time.Local().Format("2006-01-02 15:04"), r.Source, first)
	}
}

func (h historyRun) list(db *store.DB, _ []string) error {
	recs, err := db.List(h.limit, 0)
	if err != nil {
		return err
	}
	if len(recs) == 0 && !h.asJSON {
		fmt.Fprintln(h.m.Stderr, "describer: the history is empty (the app keeps it when Settings → Keep history between runs is on; describe --history adds to it).")
	}
	h.print(recs)
	return nil
}

func (h historyRun) search(db *store.DB, words []string) error {
	recs, total, err := db.Search(strings.Join(words, " "), h.limit)
	if err != nil {
		return err
	}
	if !h.asJSON {
		more := ""
		if total >= store.MaxCount {
			more = " or more"
		}
		fmt.Fprintf(h.m.Stderr, "describer: %d%s matches.\n", total, more)
	}
	h.print(recs)
	return nil
}

func (h historyRun) show(db *store.DB, args []string) error {
	id, err := strconv.ParseInt(args[0], 10, 64)
	if err != nil || id < 1 {
		return usageError{fmt.Sprintf("history show needs an entry's number, not %q", args[0])}
	}
	r, err := db.Get(id)
	if errors.Is(err, store.ErrNotFound) {
		return badInputError{fmt.Errorf("the history has no entry %d", id)}
	}
	if err != nil {
		return err
	}
	if h.asJSON {
		b, _ := json.Marshal(toHistoryEntry(r))
		fmt.Fprintln(h.m.Stdout, string(b))
		return nil
	}
	fmt.Fprintf(h.m.Stdout, "%s  %s\n%s\n", r.Time.Local().Format("2006-01-02 15:04:05"), r.Source, r.Full)
	return nil
}

func (h historyRun) export(db *store.DB, _ []string) error {
	recs, err := db.List(1<<31-1, 0)
	if err != nil {
		return err
	}
	h.print(recs)
	return nil
}

func (h historyRun) clear(db *store.DB, _ []string) error {
	if err := db.Clear(); err != nil {
		return err
	}
	fmt.Fprintln(h.m.Stderr, "describer: the history is cleared.")
	return nil
}
