package store

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// writerEnv names the database a re-run of this test binary writes to
// until it is killed.
const writerEnv = "DESCRIBER_STORE_WRITER"

// TestMain runs the writer when asked to, instead of the tests.
func TestMain(m *testing.M) {
	if path := os.Getenv(writerEnv); path != "" {
		write(path)
		return
	}
	os.Exit(m.Run())
}

// write adds records to path as fast as it can, forever: each with its own
// word, a thumbnail and enough text to span pages.
func write(path string) {
	db, _, err := Open(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	filler := strings.Repeat("words on the screen that were read aloud ", 40)
	for i := 0; ; i++ {
		full := fmt.Sprintf("marker%dx%dz %s", os.Getpid(), i, filler) // a word of its own
		if _, err := db.Add(Record{Time: time.Now(), Source: "screen", Full: full, Spoken: full[:20],
			Thumb: bytes.Repeat([]byte{byte(i)}, 8000)}); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
}

// TestKilledWhileWriting: the writer is killed (SIGKILL) while adding
// records, again and again; each time the database opens, passes
// SQLite's integrity check, and every record in it is whole (its
// thumbnail there, its word in the index).
func TestKilledWhileWriting(t *testing.T) {
	path := filepath.Join(t.TempDir(), "history.db")
	for round := range 12 {
		w := exec.Command(os.Args[0], "-test.run=^$")
		w.Env = append(os.Environ(), writerEnv+"="+path)
		var stderr bytes.Buffer
		w.Stderr = &stderr
		if err := w.Start(); err != nil {
			t.Fatal(err)
		}
		before := count(t, path)
		// Kill it after a growing number of its records, so the kill lands
		// at a different point of a write each round.
		waitFor(t, func() bool { return count(t, path) >= before+1+round*3 })
		w.Process.Kill()
		w.Wait()
		if strings.TrimSpace(stderr.String()) != "" {
			t.Fatalf("round %d: the writer failed: %s", round, stderr.String())
		}
		checkWhole(t, path, round)
	}
}

// count returns how many records path holds now (another process may be
// writing).
func count(t *testing.T, path string) int {
	t.Helper()
	db, _, err := Open(path)
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

// checkWhole opens path after a kill and checks it and each record.
func checkWhole(t *testing.T, path string, round int) {
	t.Helper()
	db, setAside, err := Open(path)
	if err != nil || setAside != "" {
		t.Fatalf("round %d: open after the kill: %v (set aside %q)", round, err, setAside)
	}
	defer db.Close()
	if err := db.Check(); err != nil {
		t.Fatalf("round %d: %v", round, err)
	}
	recs, err := db.List(1<<20, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range recs {
		word, _, _ := strings.Cut(r.Full, " ")
		found, total, err := db.Search(word, 2)
		full, _ := db.Get(r.ID)
		if err != nil || total != 1 || found[0].ID != r.ID || len(full.Thumb) != 8000 {
			t.Fatalf("round %d: record %d (%s) is not whole: found %d by its word, thumbnail %d bytes, %v",
				round, r.ID, word, total, len(full.Thumb), err)
		}
	}
	t.Logf("round %d: %d records, all whole", round, len(recs))
}

func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("timed out")
		}
		time.Sleep(2 * time.Millisecond)
	}
}
