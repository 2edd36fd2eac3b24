package app_test

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/describer/describer/app"
)

// An entry found in the kept history comes with its thumbnail, so
// Revisit has an image to ask about.
func TestSearchedEntryHasItsThumbnail(t *testing.T) {
	h := &app.History{Path: filepath.Join(t.TempDir(), "history.db")}
	defer h.Close()
	h.Add(app.Entry{Time: time.Unix(1, 0), Source: "screen", Short: "budget", Full: "Quarterly budget", Thumb: texty(120)})
	h.Wait()
	found, total, err := h.Search("budget", 10)
	if err != nil || total != 1 || len(found) != 1 {
		t.Fatalf("search: %d of %d, %v", len(found), total, err)
	}
	if th := found[0].Thumb; th == nil || th.Bounds().Dx() != 120 {
		t.Errorf("found %+v without its thumbnail", found[0])
	}
}

// A history kept in memory alone splits the query into words as the
// database does: punctuation typed after a word does not hide it.
func TestSearchInMemorySplitsWordsAsTheDatabase(t *testing.T) {
	h := &app.History{}
	h.Add(app.Entry{Time: time.Unix(1, 0), Full: "Quarterly budget, approved"})
	h.Add(app.Entry{Time: time.Unix(2, 0), Full: "An e-mail from Köln"})
	for _, tc := range []struct {
		query string
		want  string
	}{
		{"budget,", "Quarterly budget, approved"},
		{"(QUARTERLY) appr", "Quarterly budget, approved"},
		{"e-mail", "An e-mail from Köln"},
		{"köln!", "An e-mail from Köln"},
	} {
		found, total, err := h.Search(tc.query, 10)
		if err != nil || total != 1 || len(found) != 1 || found[0].Full != tc.want {
			t.Errorf("search %q: %+v (total %d), %v; want %q", tc.query, found, total, err, tc.want)
		}
	}
	if found, total, _ := h.Search(" ,.; ", 10); total != 0 || len(found) != 0 {
		t.Errorf("a query without words found %d", total)
	}
}
