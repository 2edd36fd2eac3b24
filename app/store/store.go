// Package store keeps the history of descriptions in an SQLite database:
// one row per description, written in one transaction, with FTS5
// full-text search over everything that was said.
//
// The driver is modernc.org/sqlite, SQLite translated to Go: no C
// library to ship or build for each platform (Describer's own cgo is ONNX
// Runtime's loader alone), FTS5 compiled in, and no WebAssembly runtime
// between the app and the database as github.com/ncruces/go-sqlite3 has.
//
// The database is in WAL mode: a write that the app's death interrupts is
// rolled back when the database is next opened, so no entry is ever half
// written. A file that is not a database, or a damaged one, is set aside
// under a new name and a new database started.
package store

import (
	"database/sql"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	_ "modernc.org/sqlite" // the "sqlite" driver
)

// Record is one description in the history.
type Record struct {
	// ID is the record's number, given by Add.
	ID int64
	// Time is when the description finished.
	Time time.Time
	// Source names what was described: "screen", a file's name, …
	Source string
	// Caption is the caption as said (translated when Language is set),
	// EnglishCaption the model's own when it was translated; Detail its
	// level of detail ("brief", …), Model the caption model.
	Caption, EnglishCaption, Detail, Model string
	// Text is the text read from the image, lines joined by newlines.
	Text string
	// Question and Answer are set for an answer about the image;
	// EnglishAnswer is the model's own when the answer was translated.
	Question, Answer, EnglishAnswer string
	// Language is the language Caption and Answer were translated into;
	// "" for the models' English.
	Language string
	// Spoken is what was said first (the short form); Full everything.
	Spoken, Full string
	// Thumb is a small PNG of the image; nil for none. Search and List
	// leave it out; Get, ListThumbs and SearchThumbs read it.
	Thumb []byte
}

// DB is an open history database. Its methods are safe for concurrent
// use.
type DB struct {
	db *sql.DB
}

// ErrNotFound means there is no record with the ID asked for.
var ErrNotFound = errors.New("store: no such entry in the history")

// Open opens the history database at path, creating it (readable by the
// user alone: descriptions can hold private text) or bringing its schema
// up to date. A file that is damaged or not a database is renamed to
// setAside, and a new database started in its place.
func Open(path string) (db *DB, setAside string, err error) {
	db, err = openRetrying(path)
	if err == nil || !damaged(err) {
		return db, "", err
	}
	setAside = fmt.Sprintf("%s.damaged-%s", path, time.Now().Format("20060102-150405"))
	if err := os.Rename(path, setAside); err != nil {
		return nil, "", fmt.Errorf("store: set aside the damaged history %s: %w", path, err)
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		_ = os.Rename(path+suffix, setAside+suffix)
	}
	db, err = openRetrying(path)
	return db, setAside, err
}

// openRetrying is open, tried again while another process holds the
// database (turning a new one to WAL mode, or creating its tables: SQLite
// answers "database is locked" without waiting), for up to five seconds.
func openRetrying(path string) (*DB, error) {
	deadline := time.Now().Add(5 * time.Second)
	for {
		db, err := open(path)
		if err == nil || !strings.Contains(err.Error(), "SQLITE_BUSY") || time.Now().After(deadline) {
			return db, err
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// open opens and migrates path.
func open(path string) (*DB, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|os.O_CREATE, 0o600) // so SQLite does not make it world-readable
	if err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	f.Close()
	// Transactions take the write lock when they begin (_txlock), so two
	// processes opening a new history cannot both create its tables, and
	// a reader never has to upgrade its lock mid-way.
	sdb, err := sql.Open("sqlite", "file:"+path+"?_txlock=immediate&_pragma=busy_timeout(5000)"+
		"&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)&_pragma=foreign_keys(1)")
	if err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	d := &DB{db: sdb}
	if err := d.migrate(); err != nil {
		sdb.Close()
		return nil, fmt.Errorf("store: %s: %w", path, err)
	}
	return d, nil
}

// damaged reports whether err says the file is not a (whole) database.
func damaged(err error) bool {
	msg := strings.ToLower(err.Error())
	return strings.Contains(msg, "file is not a database") || strings.Contains(msg, "malformed") ||
		strings.Contains(msg, "corrupt")
}

// Close closes the database.
func (d *DB) Close() error { return d.db.Close() }

// Check runs SQLite's integrity check and returns an error unless it
// says "ok".
func (d *DB) Check() error {
	var res string
	if err := d.db.QueryRow(`PRAGMA integrity_check`).Scan(&res); err != nil {
		return fmt.Errorf("store: integrity check: %w", err)
	}
	if res != "ok" {
		return fmt.Errorf("store: integrity check: %s", res)
	}
	return nil
}
