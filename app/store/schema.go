package store

import "fmt"

// migrations bring the schema from version i to i+1 (PRAGMA user_version):
// append, never edit one that has shipped.
var migrations = []string{
	// 1: entries, their thumbnails apart (so lists and searches read no
	// image data), and the full-text index over what was said and the
	// models' English.
	`CREATE TABLE entries (
		id INTEGER PRIMARY KEY,
		time INTEGER NOT NULL,
		source TEXT NOT NULL DEFAULT '',
		caption TEXT NOT NULL DEFAULT '', english_caption TEXT NOT NULL DEFAULT '',
		detail TEXT NOT NULL DEFAULT '', model TEXT NOT NULL DEFAULT '',
		text TEXT NOT NULL DEFAULT '',
		question TEXT NOT NULL DEFAULT '', answer TEXT NOT NULL DEFAULT '', english_answer TEXT NOT NULL DEFAULT '',
		language TEXT NOT NULL DEFAULT '',
		spoken TEXT NOT NULL DEFAULT '', full TEXT NOT NULL DEFAULT ''
	);
	CREATE INDEX entries_time ON entries(time);
	CREATE TABLE thumbs (id INTEGER PRIMARY KEY REFERENCES entries(id) ON DELETE CASCADE, png BLOB NOT NULL);
	CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
	CREATE VIRTUAL TABLE entries_fts USING fts5(full, english, content='', contentless_delete=1,
		tokenize='unicode61 remove_diacritics 2');`,
}

// migrate applies the migrations the database has not had, each in one
// transaction with its new version.
func (d *DB) migrate() error {
	var version int
	if err := d.db.QueryRow(`PRAGMA user_version`).Scan(&version); err != nil {
		return err
	}
	if version > len(migrations) {
		return fmt.Errorf("the history was written by a newer Describer (schema %d; this one knows %d)", version, len(migrations))
	}
	for v := version; v < len(migrations); v++ {
		tx, err := d.db.Begin()
		if err != nil {
			return err
		}
		if _, err := tx.Exec(migrations[v]); err != nil {
			tx.Rollback()
			return fmt.Errorf("schema %d: %w", v+1, err)
		}
		if _, err := tx.Exec(fmt.Sprintf(`PRAGMA user_version = %d`, v+1)); err != nil {
			tx.Rollback()
			return err
		}
		if err := tx.Commit(); err != nil {
			return err
		}
	}
	return nil
}
