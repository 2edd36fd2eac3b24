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
// transaction with its new version. The version is read again inside the
// transaction: another process may have migrated meanwhile.
func (d *DB) migrate() error {
	for {
		done, err := d.migrateOne()
		if done || err != nil {
			return err
		}
	}
}

// migrateOne applies the next migration, or reports that none is left.
func (d *DB) migrateOne() (done bool, err error) {
	tx, err := d.db.Begin()
	if err != nil {
		return false, err
	}
	defer tx.Rollback()
	var version int
	if err := tx.QueryRow(`PRAGMA user_version`).Scan(&version); err != nil {
		return false, err
	}
	switch {
	case version > len(migrations):
		return false, fmt.Errorf("the history was written by a newer Describer (schema %d; this one knows %d)", version, len(migrations))
	case version == len(migrations):
		return true, nil
	}
	if _, err := tx.Exec(migrations[version]); err != nil {
		return false, fmt.Errorf("schema %d: %w", version+1, err)
	}
	if _, err := tx.Exec(fmt.Sprintf(`PRAGMA user_version = %d`, version+1)); err != nil {
		return false, err
	}
	return false, tx.Commit()
}
