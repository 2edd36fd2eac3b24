package store

import (
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"
)

// columns are the entries' columns a Record is read from, in scan order.
const columns = `id, time, source, caption, english_caption, detail, model, text, question, answer,
	english_answer, language, spoken, full`

// Add writes r in one transaction (its row, its thumbnail and its words
// in the index) and returns its ID.
func (d *DB) Add(r Record) (int64, error) {
	tx, err := d.db.Begin()
	if err != nil {
		return 0, fmt.Errorf("store: add: %w", err)
	}
	defer tx.Rollback() // after Commit, a no-op
	id, err := insertID(tx, r)
	if err == nil {
		err = tx.Commit()
	}
	if err != nil {
		return 0, fmt.Errorf("store: add: %w", err)
	}
	return id, nil
}

// insertID writes r's row, thumbnail and words within tx and returns its
// ID.
func insertID(tx *sql.Tx, r Record) (int64, error) {
	res, err := tx.Exec(`INSERT INTO entries (time, source, caption, english_caption, detail, model, text, question,
		answer, english_answer, language, spoken, full) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)`,
		r.Time.UnixNano(), r.Source, r.Caption, r.EnglishCaption, r.Detail, r.Model, r.Text, r.Question,
		r.Answer, r.EnglishAnswer, r.Language, r.Spoken, r.Full)
	if err != nil {
		return 0, err
	}
	id, err := res.LastInsertId()
	if err == nil && len(r.Thumb) > 0 {
		_, err = tx.Exec(`INSERT INTO thumbs (id, png) VALUES (?, ?)`, id, r.Thumb)
	}
	if err == nil {
		_, err = tx.Exec(`INSERT INTO entries_fts (rowid, full, english) VALUES (?, ?, ?)`, id, r.Full,
			strings.TrimSpace(r.EnglishCaption+"\n"+r.EnglishAnswer))
	}
	return id, err
}

// Get returns the record id, with its thumbnail.
func (d *DB) Get(id int64) (Record, error) {
	r, err := scanOne(d.db.QueryRow(selectRecords(true)+` WHERE id = ?`, id), true)
	if errors.Is(err, sql.ErrNoRows) {
		return r, fmt.Errorf("%w: %d", ErrNotFound, id)
	}
	if err != nil {
		return r, fmt.Errorf("store: get %d: %w", id, err)
	}
	return r, nil
}

// List returns up to limit records, newest first (the order they were
// added in), after skipping offset; without their thumbnails.
func (d *DB) List(limit, offset int) ([]Record, error) {
	return d.list(limit, offset, false)
}

// ListThumbs returns the newest limit records, newest first, each with
// its thumbnail, in one query: what the app shows at start.
func (d *DB) ListThumbs(limit int) ([]Record, error) {
	return d.list(limit, 0, true)
}

// list is List, with the thumbnails when thumbs is set.
func (d *DB) list(limit, offset int, thumbs bool) ([]Record, error) {
	rows, err := d.db.Query(selectRecords(thumbs)+` ORDER BY id DESC LIMIT ? OFFSET ?`, limit, offset)
	if err != nil {
		return nil, fmt.Errorf("store: list: %w", err)
	}
	return scanAll(rows, thumbs)
}

// Count returns how many records there are.
func (d *DB) Count() (int, error) {
	var n int
	err := d.db.QueryRow(`SELECT count(*) FROM entries`).Scan(&n)
	return n, err
}

// MaxCount bounds the number of matches Search counts: a total of
// MaxCount means at least that many.
const MaxCount = 1000

// Search finds the records that hold every word of query (each word also
// as the start of a longer one: "budg" finds "budget"; letters' accents
// and case do not matter), newest first, up to limit, and how many match
// in all, up to MaxCount; without their thumbnails. A query without words
// finds nothing.
func (d *DB) Search(query string, limit int) ([]Record, int, error) {
	return d.search(query, limit, false)
}

// SearchThumbs is Search with each record's thumbnail, read in the same
// query.
func (d *DB) SearchThumbs(query string, limit int) ([]Record, int, error) {
	return d.search(query, limit, true)
}

// search is Search, with the thumbnails when thumbs is set.
func (d *DB) search(query string, limit int, thumbs bool) ([]Record, int, error) {
	match := matchExpr(query)
	if match == "" {
		return nil, 0, nil
	}
	var total int
	err := d.db.QueryRow(`SELECT count(*) FROM (SELECT rowid FROM entries_fts WHERE entries_fts MATCH ? LIMIT ?)`,
		match, MaxCount).Scan(&total)
	if err != nil {
		return nil, 0, fmt.Errorf("store: search: %w", err)
	}
	// Newest first is highest ID first (records are added as they are
	// made), which the index walks in order without sorting its matches.
	rows, err := d.db.Query(selectRecords(thumbs)+` WHERE id IN
		(SELECT rowid FROM entries_fts WHERE entries_fts MATCH ? ORDER BY rowid DESC LIMIT ?) ORDER BY id DESC`, match, limit)
	if err != nil {
		return nil, 0, fmt.Errorf("store: search: %w", err)
	}
	recs, err := scanAll(rows, thumbs)
	return recs, total, err
}

// Words splits text into the words Search looks for: the runs of
// letters and numbers; anything else ("budget," "e-mail") separates them.
func Words(text string) []string {
	return strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsNumber(r) })
}

// matchExpr turns typed words into an FTS5 query: each word quoted (so
// nothing typed is read as FTS5 syntax) as a prefix, all required.
func matchExpr(query string) string {
	words := Words(query)
	for i, w := range words {
		words[i] = `"` + w + `"*`
	}
	return strings.Join(words, " AND ")
}

// Prune deletes the records past the newest keep (0: no bound) and those
// older than maxAge (0: no bound), returning how many went.
func (d *DB) Prune(keep int, maxAge time.Duration, now time.Time) (int64, error) {
	var where []string
	var args []any
	if keep > 0 {
		where = append(where, `id NOT IN (SELECT id FROM entries ORDER BY id DESC LIMIT ?)`)
		args = append(args, keep)
	}
	if maxAge > 0 {
		where = append(where, `time < ?`)
		args = append(args, now.Add(-maxAge).UnixNano())
	}
	if len(where) == 0 {
		return 0, nil
	}
	return d.delete(`WHERE `+strings.Join(where, " OR "), args...)
}

// Clear deletes every record.
func (d *DB) Clear() error {
	_, err := d.delete(``)
	return err
}

// delete deletes the entries that where selects, their thumbnails and
// their words, in one transaction.
func (d *DB) delete(where string, args ...any) (int64, error) {
	tx, err := d.db.Begin()
	if err != nil {
		return 0, fmt.Errorf("store: delete: %w", err)
	}
	defer tx.Rollback()
	sel := `SELECT id FROM entries ` + where
	_, err = tx.Exec(`DELETE FROM entries_fts WHERE rowid IN (`+sel+`)`, args...)
	if err == nil {
		_, err = tx.Exec(`DELETE FROM thumbs WHERE id IN (`+sel+`)`, args...)
	}
	var res sql.Result
	if err == nil {
		res, err = tx.Exec(`DELETE FROM entries `+where, args...)
	}
	if err == nil {
		err = tx.Commit()
	}
	if err != nil {
		return 0, fmt.Errorf("store: delete: %w", err)
	}
	return res.RowsAffected()
}

// selectRecords is the SELECT of the records' columns from entries, and
// of their thumbnails (NULL for none) when thumbs is set; a WHERE or an
// ORDER BY may follow.
func selectRecords(thumbs bool) string {
	if thumbs {
		return `SELECT ` + columns + `, thumbs.png FROM entries LEFT JOIN thumbs USING (id)`
	}
	return `SELECT ` + columns + ` FROM entries`
}

type scanner interface{ Scan(dest ...any) error }

// scanOne reads one row of selectRecords(thumbs).
func scanOne(s scanner, thumbs bool) (Record, error) {
	var r Record
	var ns int64
	dest := []any{&r.ID, &ns, &r.Source, &r.Caption, &r.EnglishCaption, &r.Detail, &r.Model, &r.Text, &r.Question,
		&r.Answer, &r.EnglishAnswer, &r.Language, &r.Spoken, &r.Full}
	if thumbs {
		dest = append(dest, &r.Thumb)
	}
	err := s.Scan(dest...)
	r.Time = time.Unix(0, ns)
	return r, err
}

// scanAll reads the rows of selectRecords(thumbs) and closes them.
func scanAll(rows *sql.Rows, thumbs bool) ([]Record, error) {
	defer rows.Close()
	var out []Record
	for rows.Next() {
		r, err := scanOne(rows, thumbs)
		if err != nil {
			return nil, fmt.Errorf("store: read: %w", err)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: read: %w", err)
	}
	return out, nil
}

// ImportOnce adds recs in one transaction unless an import named key was
// done before (the old JSON history is imported once, on upgrade); it
// reports whether it imported.
func (d *DB) ImportOnce(key string, recs []Record) (bool, error) {
	tx, err := d.db.Begin()
	if err != nil {
		return false, fmt.Errorf("store: import: %w", err)
	}
	defer tx.Rollback()
	var done string
	switch err := tx.QueryRow(`SELECT value FROM meta WHERE key = ?`, "import:"+key).Scan(&done); {
	case err == nil:
		return false, nil
	case !errors.Is(err, sql.ErrNoRows):
		return false, fmt.Errorf("store: import: %w", err)
	}
	for _, r := range recs {
		if _, err := insertID(tx, r); err != nil {
			return false, fmt.Errorf("store: import: %w", err)
		}
	}
	if _, err := tx.Exec(`INSERT INTO meta (key, value) VALUES (?, ?)`, "import:"+key, time.Now().UTC().Format(time.RFC3339)); err != nil {
		return false, fmt.Errorf("store: import: %w", err)
	}
	return true, tx.Commit()
}
