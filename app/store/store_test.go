package store

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

var t0 = time.Date(2026, 12, 5, 9, 0, 0, 0, time.UTC)

func openTemp(t *testing.T) *DB {
	t.Helper()
	db, setAside, err := Open(filepath.Join(t.TempDir(), "history.db"))
	if err != nil || setAside != "" {
		t.Fatalf("open: %v (set aside %q)", err, setAside)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func add(t *testing.T, db *DB, r Record) int64 {
	t.Helper()
	id, err := db.Add(r)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func ids(recs []Record) []int64 {
	var out []int64
	for _, r := range recs {
		out = append(out, r.ID)
	}
	return out
}

// A record comes back as written; lists are newest first.
func TestAddGetList(t *testing.T) {
	db := openTemp(t)
	want := Record{Time: t0, Source: "screen", Caption: "Ein rotes Auto.", EnglishCaption: "A red car.", Detail: "brief",
		Model: "florence2", Text: "Budget 2026\nApproved", Language: "de", Spoken: "Ein rotes Auto.",
		Full: "Ein rotes Auto.\nText auf dem Bildschirm:\nBudget 2026\nApproved", Thumb: []byte{0x89, 'P', 'N', 'G'}}
	id := add(t, db, want)
	second := add(t, db, Record{Time: t0.Add(time.Minute), Source: "clipboard", Question: "What?", Answer: "A cat.", Full: "Q/A"})
	got, err := db.Get(id)
	want.ID = id
	if err != nil || fmt.Sprint(got) != fmt.Sprint(want) || !got.Time.Equal(t0) {
		t.Errorf("get: %+v, %v\nwant %+v", got, err, want)
	}
	list, err := db.List(10, 0)
	if err != nil || !slices.Equal(ids(list), []int64{second, id}) || list[1].Thumb != nil {
		t.Errorf("list: %v (thumb %v), %v; want newest first, no thumbnails", ids(list), list[1].Thumb, err)
	}
	if _, err := db.Get(999); err == nil {
		t.Error("get of a missing id: no error")
	}
	if n, err := db.Count(); n != 2 || err != nil {
		t.Errorf("count %d, %v", n, err)
	}
}

// Search finds every word, as a prefix, whatever the case and accents,
// in what was said and in the models' English; typed FTS5 syntax is text.
func TestSearch(t *testing.T) {
	db := openTemp(t)
	a := add(t, db, Record{Time: t0, Full: "Quarterly budget approved", Spoken: "Quarterly budget approved"})
	b := add(t, db, Record{Time: t0.Add(time.Minute), Full: "Ein Café in Köln", EnglishCaption: "A café in Cologne"})
	c := add(t, db, Record{Time: t0.Add(2 * time.Minute), Full: "Budget meeting at noon"})
	for _, tc := range []struct {
		query string
		want  []int64
	}{
		{"budget", []int64{c, a}},
		{"BUDG", []int64{c, a}},
		{"budget approved", []int64{a}},
		{"cafe", []int64{b}},
		{"koln", []int64{b}},
		{"cologne", []int64{b}},
		{"budget OR café", nil},
		{`"budget*)(`, []int64{c, a}},
		{"", nil},
		{"   ...  ", nil},
		{"giraffe", nil},
	} {
		got, total, err := db.Search(tc.query, 10)
		if err != nil || !slices.Equal(ids(got), tc.want) || total != len(tc.want) {
			t.Errorf("search %q: %v (total %d), %v; want %v", tc.query, ids(got), total, err, tc.want)
		}
	}
	if got, total, _ := db.Search("budget", 1); len(got) != 1 || got[0].ID != c || total != 2 {
		t.Errorf("search with limit 1: %v of %d", ids(got), total)
	}
}

// ListThumbs and SearchThumbs read each record's thumbnail with it; a
// record without one has none.
func TestListAndSearchWithThumbnails(t *testing.T) {
	db := openTemp(t)
	png := []byte{0x89, 'P', 'N', 'G'}
	a := add(t, db, Record{Time: t0, Full: "budget, with a picture", Thumb: png})
	b := add(t, db, Record{Time: t0.Add(time.Minute), Full: "budget alone"})
	list, err := db.ListThumbs(10)
	if err != nil || !slices.Equal(ids(list), []int64{b, a}) || list[0].Thumb != nil || !slices.Equal(list[1].Thumb, png) {
		t.Errorf("list: %v, %v", list, err)
	}
	found, total, err := db.SearchThumbs("budget", 10)
	if err != nil || total != 2 || !slices.Equal(ids(found), []int64{b, a}) || found[0].Thumb != nil ||
		!slices.Equal(found[1].Thumb, png) || found[1].Full != "budget, with a picture" {
		t.Errorf("search: %v (total %d), %v", found, total, err)
	}
	if got, err := db.Get(b); err != nil || got.Thumb != nil {
		t.Errorf("get without a thumbnail: %+v, %v", got, err)
	}
}

// Words splits at anything but letters and numbers, as Search does.
func TestWords(t *testing.T) {
	if got := Words("Budget, e-mail: Köln 2026!"); !slices.Equal(got, []string{"Budget", "e", "mail", "Köln", "2026"}) {
		t.Errorf("Words = %q", got)
	}
}

// Prune keeps the newest N and drops the old; Clear drops all, and their
// words leave the index.
func TestPruneAndClear(t *testing.T) {
	db := openTemp(t)
	var all []int64
	for i := range 5 {
		all = append(all, add(t, db, Record{Time: t0.Add(time.Duration(i) * time.Hour), Full: fmt.Sprintf("entry%d common", i), Thumb: []byte{1}}))
	}
	if n, err := db.Prune(3, 0, t0); n != 2 || err != nil {
		t.Fatalf("prune to 3: %d, %v", n, err)
	}
	if got, total, _ := db.Search("common", 10); total != 3 || !slices.Equal(ids(got), []int64{all[4], all[3], all[2]}) {
		t.Errorf("after pruning to 3: %v (%d)", ids(got), total)
	}
	if n, err := db.Prune(0, 90*time.Minute, t0.Add(4*time.Hour)); n != 1 || err != nil { // the one from 2 h
		t.Errorf("prune older than 90 minutes: %d, %v", n, err)
	}
	if err := db.Clear(); err != nil {
		t.Fatal(err)
	}
	if n, _ := db.Count(); n != 0 {
		t.Errorf("%d entries after clear", n)
	}
	if _, total, _ := db.Search("common", 10); total != 0 {
		t.Errorf("the index still finds %d after clear", total)
	}
	var thumbs int
	db.db.QueryRow(`SELECT count(*) FROM thumbs`).Scan(&thumbs)
	if thumbs != 0 || db.Check() != nil {
		t.Errorf("%d thumbnails left; check %v", thumbs, db.Check())
	}
}

// The file is the user's alone; reopening keeps the records; a schema from
// a newer Describer is refused; the old history is imported once.
func TestReopenAndImport(t *testing.T) {
	path := filepath.Join(t.TempDir(), "history.db")
	db, _, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	recs := []Record{{Time: t0, Full: "old one"}, {Time: t0.Add(time.Second), Full: "old two"}}
	if done, err := db.ImportOnce("history.json", recs); !done || err != nil {
		t.Fatalf("first import: %v, %v", done, err)
	}
	if done, err := db.ImportOnce("history.json", recs); done || err != nil {
		t.Fatalf("second import: %v, %v; want skipped", done, err)
	}
	db.Close()
	if st, err := os.Stat(path); err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, %v; want 0600", st.Mode().Perm(), err)
	}
	db, setAside, err := Open(path)
	if err != nil || setAside != "" {
		t.Fatalf("reopen: %v %q", err, setAside)
	}
	if n, _ := db.Count(); n != 2 {
		t.Errorf("%d records after reopening, want 2", n)
	}
	db.db.Exec(`PRAGMA user_version = 99`)
	db.Close()
	if _, _, err := Open(path); err == nil {
		t.Error("a schema from a newer Describer was opened")
	}
}

// A file that is not a database, or a damaged one, is set aside and a new
// history started.
func TestDamagedFileIsSetAside(t *testing.T) {
	dir := t.TempDir()
	for name, data := range map[string][]byte{
		"garbage":   []byte("this is not a database at all, just some text that happens to be here"),
		"truncated": nil, // a real database cut short: filled below
	} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(dir, name+".db")
			if data == nil {
				db, _, err := Open(path)
				if err != nil {
					t.Fatal(err)
				}
				for i := range 200 {
					add(t, db, Record{Time: t0, Full: fmt.Sprintf("entry %d with some words to fill pages", i)})
				}
				db.Close()
				whole, _ := os.ReadFile(path)
				data = append(whole[:len(whole)/2:len(whole)/2], make([]byte, 4096)...)
				for i := 100; i < len(data); i += 7 {
					data[i] ^= 0x5a
				}
			}
			if err := os.WriteFile(path, data, 0o600); err != nil {
				t.Fatal(err)
			}
			db, setAside, err := Open(path)
			if err != nil || setAside == "" {
				t.Fatalf("open: %v, set aside %q; want a new history and the old file kept aside", err, setAside)
			}
			defer db.Close()
			if kept, err := os.ReadFile(setAside); err != nil || string(kept) != string(data) {
				t.Errorf("the set-aside file differs from the damaged one (%v)", err)
			}
			if n, err := db.Count(); n != 0 || err != nil {
				t.Errorf("new history: %d entries, %v", n, err)
			}
			add(t, db, Record{Time: t0, Full: "fresh"})
		})
	}
}

// Search counts matches up to MaxCount and returns the newest.
func TestSearchCountsUpToMaxCount(t *testing.T) {
	db := openTemp(t)
	recs := make([]Record, MaxCount+5)
	for i := range recs {
		recs[i] = Record{Time: t0.Add(time.Duration(i) * time.Second), Full: fmt.Sprintf("common n%dz", i)}
	}
	if _, err := db.ImportOnce("many", recs); err != nil {
		t.Fatal(err)
	}
	got, total, err := db.Search("common", 3)
	if err != nil || total != MaxCount || len(got) != 3 || got[0].Full != fmt.Sprintf("common n%dz", MaxCount+4) {
		t.Errorf("got %d (first %q) of %d, %v; want the newest 3 of %d", len(got), got[0].Full, total, err, MaxCount)
	}
}

// Several openers of a new history at once create it once.
func TestConcurrentOpenCreatesOnce(t *testing.T) {
	for range 10 {
		path := filepath.Join(t.TempDir(), "history.db")
		errs := make(chan error, 4)
		for range 4 {
			go func() {
				db, _, err := Open(path)
				if err == nil {
					_, err = db.Add(Record{Time: t0, Full: "one"})
					db.Close()
				}
				errs <- err
			}()
		}
		for range 4 {
			if err := <-errs; err != nil {
				t.Fatal(err)
			}
		}
	}
}
