package store

import (
	"bytes"
	"fmt"
	"path/filepath"
	"testing"
	"time"
)

// bigHistory writes a history of n records, each a plausible description
// with one word shared by a tenth of them and one of its own, and thumb
// as its thumbnail (nil: none).
func bigHistory(b *testing.B, n int, thumb []byte) string {
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
		recs[i] = Record{Time: time.Unix(int64(i), 0), Source: "screen", Spoken: full[:40], Full: full, Thumb: thumb}
	}
	if _, err := db.ImportOnce("bench", recs); err != nil {
		b.Fatal(err)
	}
	return path
}

// BenchmarkSearch searches a 100,000-entry history for a word in a tenth
// of it (the count and the newest 50) and for a word of one entry.
func BenchmarkSearch(b *testing.B) {
	path := bigHistory(b, 100_000, nil)
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

// benchThumb is a thumbnail's worth of bytes (a 160-pixel PNG of a
// screenshot is a few kilobytes); the store does not decode it.
var benchThumb = bytes.Repeat([]byte{0x89, 'P', 'N', 'G'}, 1024)

// BenchmarkOpen opens a history and reads its newest 100 entries with
// their thumbnails, as the app does at start (History.Load): with
// 100,000 entries and with none.
func BenchmarkOpen(b *testing.B) {
	for _, n := range []int{0, 100_000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			path := bigHistory(b, n, benchThumb)
			start := time.Now()
			for b.Loop() {
				db, _, err := Open(path)
				if err != nil {
					b.Fatal(err)
				}
				if _, err := db.ListThumbs(100); err != nil {
					b.Fatal(err)
				}
				db.Close()
			}
			b.ReportMetric(float64(time.Since(start).Microseconds())/1000/float64(b.N), "ms/open")
		})
	}
}
