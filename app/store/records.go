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
	r, err := scanOne(d.db.QueryRow(`SELECT `+columns+` FROM entries WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return r, fmt.Errorf("%w: %d", ErrNotFound, id)
	}
	if err != nil {
		return r, fmt.Errorf("store: get %d: %w", id, err)
	}
	r.Thumb, err = d.Thumb(id)
	return r, err
}

// Thumb returns the thumbnail of record id, or nil when it has none.
func (d *DB) Thumb(id int64) ([]byte, error) {
	var png []byte
	err := d.db.QueryRow(`SELECT png FROM thumbs WHERE id = ?`, id).Scan(&png)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("store: thumbnail of %d: %w", id, err)
	}
	return png, nil
}

// List returns up to limit records, newest first (the order they were
// added in), after skipping offset.
func (d *DB) List(limit, offset int) ([]Record, error) {
	rows, err := d.db.Query(`SELECT `+columns+` FROM entries ORDER BY id DESC LIMIT ? OFFSET ?`, limit, offset)
	if err != nil {
		return nil, fmt.Errorf("store: list: %w", err)
	}
	return scanAll(rows)
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
// in all, up to MaxCount. A query without words finds nothing.
func (d *DB) Search(query string, limit int) ([]Record, int, error) {
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
	rows, err := d.db.Query(`SELECT `+columns+` FROM entries WHERE id IN
		(SELECT rowid FROM entries_fts WHERE entries_fts MATCH ? ORDER BY rowid DESC LIMIT ?) ORDER BY id DESC`, match, limit)
	if err != nil {
		return nil, 0, fmt.Errorf("store: search: %w", err)
	}
	recs, err := scanAll(rows)
	return recs, total, err
}

// matchExpr turns typed words into an FTS5 query: each word quoted (so
// nothing typed is read as FTS5 syntax) as a prefix, all required.
func matchExpr(query string) string {
	words := strings.FieldsFunc(query, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsNumber(r) })
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

type scanner interface{ Scan(dest ...any) error }

func scanOne(s scanner) (Record, error) {
	var r Record
	var ns int64
	err := s.Scan(&r.ID, &ns, &r.Source, &r.Caption, &r.EnglishCaption, &r.Detail, &r.Model, &r.Text, &r.Question,
		&r.Answer, &r.EnglishAnswer, &r.Language, &r.Spoken, &r.Full)
	r.Time = time.Unix(0, ns)
	return r, err
}

func scanAll(rows *sql.Rows) ([]Record, error) {
	defer rows.Close()
	var out []Record
	for rows.Next() {
		r, err := scanOne(rows)
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
