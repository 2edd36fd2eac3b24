package store

import (
	"fmt"
	"path/filepath"
	"testing"
	"time"
)

// bigHistory writes a history of n records, each a plausible description
// with one word shared by a tenth of them and one of its own.
func bigHistory(b *testing.B, n int) string {
	b.Helper()
	path := filepath.Join(b.TempDir(), "history.db")
	db, _, err := Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	recs := make([]Record, n)
	for i := range recs {
		full := fmt.Sprintf("A screenshot of a settings window with a list of options, entry%dz. "+
			"Text on screen: Quarterly report %d, budget approved, group%d", i, i%997, i%10)
		recs[i] = Record{Time: time.Unix(int64(i), 0), Source: "screen", Spoken: full[:40], Full: full}
	}
	if _, err := db.ImportOnce("bench", recs); err != nil {
		b.Fatal(err)
	}
	return path
}

// BenchmarkSearch searches a 100,000-entry history for a word in a tenth
// of it (the count and the newest 50) and for a word of one entry.
func BenchmarkSearch(b *testing.B) {
	path := bigHistory(b, 100_000)
	db, _, err := Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	for _, q := range []string{"group3", "entry54321z", "quarterly budget"} {
		b.Run(q, func(b *testing.B) {
			start := time.Now()
			for b.Loop() {
				if _, _, err := db.Search(q, 50); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(time.Since(start).Microseconds())/1000/float64(b.N), "ms/search")
		})
	}
}

// BenchmarkOpen opens a history and lists its newest 100 entries, as the
// app does at start: with 100,000 entries and with none.
func BenchmarkOpen(b *testing.B) {
	for _, n := range []int{0, 100_000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			path := bigHistory(b, n)
			start := time.Now()
			for b.Loop() {
				db, _, err := Open(path)
				if err != nil {
					b.Fatal(err)
				}
				if _, err := db.List(100, 0); err != nil {
					b.Fatal(err)
				}
				db.Close()
			}
			b.ReportMetric(float64(time.Since(start).Microseconds())/1000/float64(b.N), "ms/open")
		})
	}
}
