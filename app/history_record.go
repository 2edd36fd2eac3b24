package app

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"image/png"
	"os"
	"slices"

	"github.com/describer/describer/app/store"
	"github.com/describer/describer/inference"
)

// record is e as the history database keeps it.
func record(e Entry) store.Record {
	d := e.Description
	r := store.Record{Time: e.Time, Source: e.Source, Caption: d.Caption, EnglishCaption: d.EnglishCaption,
		Question: d.Question, Answer: d.Answer, EnglishAnswer: d.EnglishAnswer, Language: d.Language,
		Model: d.Model, Spoken: e.Short, Full: e.Full}
	if details := inference.DetailNames(); d.Levels > 1 && d.Level >= 0 && d.Level < len(details) {
		r.Detail = details[d.Level]
	}
	if d.Lines != nil {
		r.Text = d.Text()
	}
	if e.Thumb != nil {
		var buf bytes.Buffer
		if png.Encode(&buf, e.Thumb) == nil {
			r.Thumb = buf.Bytes()
		}
	}
	return r
}

// entry is the Entry of a record read back.
func entry(r store.Record) Entry {
	e := Entry{Time: r.Time, Source: r.Source, Short: r.Spoken, Full: r.Full,
		Description: Description{Source: r.Source, Caption: r.Caption, EnglishCaption: r.EnglishCaption,
			Question: r.Question, Answer: r.Answer, EnglishAnswer: r.EnglishAnswer, Language: r.Language}}
	if len(r.Thumb) > 0 {
		if img, err := png.Decode(bytes.NewReader(r.Thumb)); err == nil {
			e.Thumb = img
		}
	}
	return e
}

// entries are the Entries of records read back.
func entries(recs []store.Record) []Entry {
	out := make([]Entry, len(recs))
	for i, r := range recs {
		out[i] = entry(r)
	}
	return out
}

// legacyEntry is an entry of the JSON history of earlier versions,
// thumbnail as PNG.
type legacyEntry struct {
	Entry
	Thumb []byte `json:"thumb,omitempty"`
}

// importLegacy imports the Legacy JSON history into db once, then removes
// the file (the database holds it now; one copy of private text). A
// damaged one is left where it is and said.
func (h *History) importLegacy(db *store.DB) error {
	if h.Legacy == "" {
		return nil
	}
	data, err := os.ReadFile(h.Legacy)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("history: %w", err)
	}
	var saved []legacyEntry
	if err := json.Unmarshal(data, &saved); err != nil {
		return fmt.Errorf("history: %s is damaged: %w", h.Legacy, err)
	}
	recs := make([]store.Record, len(saved))
	for i, s := range saved {
		recs[i] = store.Record{Time: s.Time, Source: s.Source, Spoken: s.Short, Full: s.Full, Thumb: s.Thumb}
	}
	slices.Reverse(recs) // the file is newest first; the database adds oldest first
	if _, err := db.ImportOnce("history.json", recs); err != nil {
		return fmt.Errorf("history: import %s: %w", h.Legacy, err)
	}
	if err := os.Remove(h.Legacy); err != nil {
		return fmt.Errorf("history: %w", err)
	}
	return nil
}
