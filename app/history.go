package app

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"image"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"sync"
	"time"

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
		e.Thumb = thumbnail(img)
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
// it has a path, saves them to that file (mode 0600: descriptions can hold
// private text) in the background. It is safe for concurrent use.
type History struct {
	// Limit bounds how many entries are kept (default 100).
	Limit int
	// Path, when not empty, is the file saves write and Load reads. Set it
	// before use; Keep and Forget change it while jobs run.
	Path string
	// OnError, when set, hears a background save that failed (a
	// *CrashError when the save panicked).
	OnError func(error)
	// ErrorLog receives the details of a save that panicked; nil means
	// standard error.
	ErrorLog io.Writer

	mu      sync.Mutex
	entries []Entry
	saveMu  sync.Mutex // one save or removal of the file at a time
	saves   sync.WaitGroup
}

func (h *History) limit() int {
	if h.Limit <= 0 {
		return 100
	}
	return h.Limit
}

// Add puts e first and, when the history is kept on disk, saves it in the
// background, so a result is shown and spoken without waiting for the
// disk.
func (h *History) Add(e Entry) {
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
			if err := h.saveSafely(); err != nil && h.OnError != nil {
				h.OnError(err)
			}
		}()
	}
}

// saveSafely is Save with a panic recovered: logged, and returned as a
// *CrashError.
func (h *History) saveSafely() (err error) {
	defer func() {
		if e := recovered(recover(), "saving the history", h.ErrorLog); e != nil {
			err = e
		}
	}()
	return h.Save()
}

// Wait waits for the background saves started so far.
func (h *History) Wait() { h.saves.Wait() }

// Entries returns a copy of the entries, newest first.
func (h *History) Entries() []Entry {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]Entry(nil), h.entries...)
}

// Keep starts keeping the history on disk at path, saving it now.
func (h *History) Keep(path string) error {
	h.mu.Lock()
	h.Path = path
	h.mu.Unlock()
	return h.Save()
}

// Forget stops keeping the history on disk and removes the file; the
// entries stay in memory. A save still running finishes first, so the file
// cannot come back after it.
func (h *History) Forget() error {
	h.saveMu.Lock()
	defer h.saveMu.Unlock()
	h.mu.Lock()
	path := h.Path
	h.Path = ""
	h.mu.Unlock()
	if path == "" {
		return nil
	}
	if err := os.Remove(path); err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("history: %w", err)
	}
	return nil
}

// savedEntry is an Entry on disk, thumbnail as PNG.
type savedEntry struct {
	Entry
	Thumb []byte `json:"thumb,omitempty"`
}

// Save writes the history to its file atomically, readable by the user
// alone; with no path it does nothing.
func (h *History) Save() error {
	h.saveMu.Lock()
	defer h.saveMu.Unlock()
	h.mu.Lock()
	path := h.Path
	entries := append([]Entry(nil), h.entries...)
	h.mu.Unlock()
	if path == "" {
		return nil
	}
	saved := make([]savedEntry, len(entries))
	for i, e := range entries {
		saved[i].Entry = e
		if e.Thumb != nil {
			var buf bytes.Buffer
			if png.Encode(&buf, e.Thumb) == nil {
				saved[i].Thumb = buf.Bytes()
			}
		}
	}
	data, err := json.MarshalIndent(saved, "", "  ")
	if err != nil {
		return fmt.Errorf("history: %w", err)
	}
	if err := writeFileAtomic(path, data, 0o600); err != nil {
		return fmt.Errorf("history: save %s: %w", path, err)
	}
	return nil
}

// Load reads the history from Path; a missing file is an empty history.
func (h *History) Load() error {
	h.mu.Lock()
	path := h.Path
	h.mu.Unlock()
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("history: %w", err)
	}
	var saved []savedEntry
	if err := json.Unmarshal(data, &saved); err != nil {
		return fmt.Errorf("history: %s is damaged: %w", path, err)
	}
	entries := make([]Entry, len(saved))
	for i, s := range saved {
		entries[i] = s.Entry
		if len(s.Thumb) > 0 {
			if img, err := png.Decode(bytes.NewReader(s.Thumb)); err == nil {
				entries[i].Thumb = img
			}
		}
	}
	h.mu.Lock()
	h.entries = entries[:min(len(entries), h.limit())]
	h.mu.Unlock()
	return nil
}

// writeFileAtomic writes data to a temporary file beside path with mode
// perm, then renames it into place, so path is never half written.
func writeFileAtomic(path string, data []byte, perm os.FileMode) (err error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	f, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".*.part")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	if err = f.Chmod(perm); err != nil {
		return err
	}
	if _, err = f.Write(data); err != nil {
		return err
	}
	if err = f.Sync(); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	return os.Rename(f.Name(), path)
}
