package app

import (
	"errors"
	"fmt"
	"image"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/describer/describer/app/store"
	"github.com/describer/describer/inference/imaging"
)

// Entry is one finished description, as the window and the history show it.
type Entry struct {
	// Time is when the description finished.
	Time time.Time `json:"time"`
	// Source names what was described: "screen", "window", "clipboard" or
	// the file's name.
	Source string `json:"source"`
	// Short is the spoken form: the caption (unless the image is mostly
	// text) and the first lines of text.
	Short string `json:"short"`
	// Full has every line of text.
	Full string `json:"full"`
	// Thumb is a small copy of the image, at most ThumbSide pixels on its
	// longer side; nil for blank images.
	Thumb image.Image `json:"-"`
	// Image is the image itself, for the window to show at full size;
	// nil for blank images, and not kept in the history.
	Image image.Image `json:"-"`
	// Description is the whole result; not saved.
	Description Description `json:"-"`
}

// ThumbSide bounds the longer side of an Entry's thumbnail.
const ThumbSide = 160

// NewEntry makes the Entry for description d of img, made at t for r.
func NewEntry(t time.Time, r Request, d Description, img image.Image) Entry {
	e := Entry{Time: t, Source: d.Source, Short: d.Sentence(), Full: d.FullText(), Description: d}
	if e.Source == "" {
		e.Source = r.Source.String()
	}
	if img != nil && !d.Blank {
		e.Thumb, e.Image = thumbnail(img), img
	}
	return e
}

// thumbnail scales img down to fit ThumbSide (Pillow-style bilinear).
func thumbnail(img image.Image) image.Image {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	if w <= 0 || h <= 0 {
		return nil
	}
	if w <= ThumbSide && h <= ThumbSide {
		return img
	}
	if w >= h {
		w, h = ThumbSide, max(1, h*ThumbSide/w)
	} else {
		w, h = max(1, w*ThumbSide/h), ThumbSide
	}
	t, err := imaging.ResizeRGB(img, w, h, imaging.Bilinear)
	if err != nil {
		return nil
	}
	return t
}

// History keeps the latest descriptions in memory, newest first, and, when
// it has a path, in the history database there (app/store), each written
// in the background in one transaction as it comes, so a result is shown
// and spoken without waiting for the disk. It is safe for concurrent use.
type History struct {
	// Limit bounds how many entries are kept in memory (default 100).
	Limit int
	// Path, when not empty, is the database file. Set it before use;
	// Keep and Forget change it while jobs run.
	Path string
	// Legacy, when set, is the JSON history of earlier versions: Load
	// imports it into the database once, then removes it.
	Legacy string
	// KeepEntries and MaxAge bound what the database keeps: the newest
	// KeepEntries, none older than MaxAge; 0 means no bound. Set them
	// before use; SetBounds changes them while jobs run.
	KeepEntries int
	MaxAge      time.Duration
	// OnError, when set, hears a background write that failed (a
	// *CrashError when it panicked) and a damaged database set aside
	// (ErrHistorySetAside).
	OnError func(error)
	// ErrorLog receives the details of a write that panicked; nil means
	// standard error.
	ErrorLog io.Writer

	mu      sync.Mutex
	entries []Entry
	dbMu    sync.Mutex // guards db: one open, write or removal at a time
	db      *store.DB
	saves   sync.WaitGroup
}

// ErrHistorySetAside means the history database was damaged: it was
// renamed and a new one started.
var ErrHistorySetAside = errors.New("history: the saved history was damaged; it was set aside and a new one started")

func (h *History) limit() int {
	if h.Limit <= 0 {
		return 100
	}
	return h.Limit
}

// Add puts e first and, when the history is kept, writes it to the
// database in the background.
func (h *History) Add(e Entry) {
	e.Image = nil // the thumbnail is kept, not the whole image
	h.mu.Lock()
	h.entries = append([]Entry{e}, h.entries...)
	if len(h.entries) > h.limit() {
		h.entries = h.entries[:h.limit()]
	}
	keep := h.Path != ""
	h.mu.Unlock()
	if keep {
		h.saves.Add(1)
		go func() {
			defer h.saves.Done()
			if err := h.writeSafely(e); err != nil && h.OnError != nil {
				h.OnError(err)
			}
		}()
	}
}

// writeSafely writes e, with a panic recovered: logged, and returned as a
// *CrashError.
func (h *History) writeSafely(e Entry) (err error) {
	defer func() {
		if e := recovered(recover(), "saving the history", h.ErrorLog); e != nil {
			err = e
		}
	}()
	return h.write([]Entry{e})
}

// write adds entries (oldest first) to the database and applies the
// bounds; without a path it does nothing.
func (h *History) write(entries []Entry) error {
	h.dbMu.Lock()
	defer h.dbMu.Unlock()
	db, err := h.openLocked()
	if db == nil || err != nil {
		return err
	}
	for _, e := range entries {
		if _, err := db.Add(record(e)); err != nil {
			return fmt.Errorf("history: %w", err)
		}
	}
	h.mu.Lock()
	keep, maxAge := h.KeepEntries, h.MaxAge
	h.mu.Unlock()
	if _, err := db.Prune(keep, maxAge, time.Now()); err != nil {
		return fmt.Errorf("history: %w", err)
	}
	return nil
}

// openLocked opens the database at Path once; nil when there is no path.
// A damaged one set aside is told to OnError. h.dbMu is held.
func (h *History) openLocked() (*store.DB, error) {
	h.mu.Lock()
	path := h.Path
	h.mu.Unlock()
	if path == "" || h.db != nil {
		return h.db, nil
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("history: %w", err)
	}
	db, setAside, err := store.Open(path)
	if err != nil {
		return nil, fmt.Errorf("history: %w", err)
	}
	if setAside != "" && h.OnError != nil {
		h.OnError(fmt.Errorf("%w (%s)", ErrHistorySetAside, setAside))
	}
	h.db = db
	return db, nil
}

// SetBounds changes KeepEntries and MaxAge; the next write applies them.
func (h *History) SetBounds(keep int, maxAge time.Duration) {
	h.mu.Lock()
	h.KeepEntries, h.MaxAge = keep, maxAge
	h.mu.Unlock()
}

// Wait waits for the background writes started so far.
func (h *History) Wait() { h.saves.Wait() }

// Entries returns a copy of the entries in memory, newest first.
func (h *History) Entries() []Entry {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]Entry(nil), h.entries...)
}

// Keep starts keeping the history in the database at path, writing the
// entries in memory to it now.
func (h *History) Keep(path string) error {
	h.mu.Lock()
	h.Path = path
	entries := append([]Entry(nil), h.entries...)
	h.mu.Unlock()
	slices.Reverse(entries) // oldest first, as they came
	return h.write(entries)
}

// Forget stops keeping the history and deletes the database; the entries
// stay in memory. A write still running finishes first, so the file
// cannot come back after it.
func (h *History) Forget() error {
	h.dbMu.Lock()
	defer h.dbMu.Unlock()
	h.mu.Lock()
	path := h.Path
	h.Path = ""
	h.mu.Unlock()
	var errs []error
	if h.db != nil {
		errs = append(errs, h.db.Close())
		h.db = nil
	}
	if path == "" {
		return errors.Join(errs...)
	}
	for _, p := range []string{path, path + "-wal", path + "-shm", h.Legacy} {
		if err := os.Remove(p); p != "" && err != nil && !errors.Is(err, os.ErrNotExist) {
			errs = append(errs, fmt.Errorf("history: %w", err))
		}
	}
	return errors.Join(errs...)
}

// Close closes the database, after the writes in progress.
func (h *History) Close() error {
	h.Wait()
	h.dbMu.Lock()
	defer h.dbMu.Unlock()
	if h.db == nil {
		return nil
	}
	err := h.db.Close()
	h.db = nil
	return err
}

// Load opens the database at Path (importing the Legacy JSON history the
// first time) and reads its newest entries into memory.
func (h *History) Load() error {
	h.dbMu.Lock()
	defer h.dbMu.Unlock()
	db, err := h.openLocked()
	if db == nil || err != nil {
		return err
	}
	if err := h.importLegacy(db); err != nil {
		return err
	}
	recs, err := db.ListThumbs(h.limit())
	if err != nil {
		return fmt.Errorf("history: %w", err)
	}
	h.mu.Lock()
	h.entries = entries(recs)
	h.mu.Unlock()
	return nil
}

// Search finds the kept entries that hold every word of query, newest
// first, up to limit, and how many match in all (up to store.MaxCount);
// when the history is not kept, it searches the entries in memory.
func (h *History) Search(query string, limit int) ([]Entry, int, error) {
	h.dbMu.Lock()
	db := h.db
	if db == nil {
		h.dbMu.Unlock()
		return h.searchMemory(query, limit)
	}
	defer h.dbMu.Unlock()
	recs, total, err := db.SearchThumbs(query, limit)
	if err != nil {
		return nil, 0, fmt.Errorf("history: %w", err)
	}
	return entries(recs), total, nil
}

// searchMemory is Search over the entries in memory: every word, as the
// start of a word, ignoring case; words as the database splits them.
func (h *History) searchMemory(query string, limit int) ([]Entry, int, error) {
	words := store.Words(strings.ToLower(query))
	if len(words) == 0 {
		return nil, 0, nil
	}
	var out []Entry
	total := 0
	for _, e := range h.Entries() {
		if holdsAll(strings.ToLower(e.Full), words) {
			if total++; len(out) < limit {
				out = append(out, e)
			}
		}
	}
	return out, total, nil
}

// holdsAll reports whether text has a word starting with each of words.
func holdsAll(text string, words []string) bool {
	fields := store.Words(text)
	for _, w := range words {
		if !slices.ContainsFunc(fields, func(f string) bool { return strings.HasPrefix(f, w) }) {
			return false
		}
	}
	return true
}
