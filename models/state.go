package models

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/describer/describer/internal/filehash"
)

// State is how much of a set is installed.
type State int

// States of a set.
const (
	// Missing: none of the set's required files is there.
	Missing State = iota
	// Partial: some required files are missing.
	Partial
	// Installed: every required file is there with the right size (and,
	// after a verify, the right hash).
	Installed
	// Bad: a file is there but is not the published one.
	Bad
)

func (s State) String() string {
	switch s {
	case Missing:
		return "missing"
	case Partial:
		return "partial"
	case Installed:
		return "installed"
	}
	return "bad"
}

// FileStatus is what was found for one file.
type FileStatus struct {
	// File is the catalog entry; Path where it was looked for (or the
	// alternative that stands in for it).
	File File
	Path string
	// Present is true when the file (or an alternative) exists.
	Present bool
	// OK is true when it is present and, as far as was checked, right.
	OK bool
	// Problem says what is wrong, as a clause ("has 12 bytes, not 40").
	Problem string
}

// SetStatus is what was found for one set.
type SetStatus struct {
	// Set is the catalog entry; Dir the folder looked in.
	Set Set
	Dir string
	// State sums up Files.
	State State
	// Files has one entry per catalog file.
	Files []FileStatus
	// Need is the bytes still to download for the files that are not OK
	// (known sizes only; see Unknown).
	Need int64
	// Unknown counts the files to download whose size is not known.
	Unknown int
}

// Bad returns the statuses of files that are present but wrong.
func (s SetStatus) Bad() []FileStatus {
	var out []FileStatus
	for _, f := range s.Files {
		if f.Present && !f.OK {
			out = append(out, f)
		}
	}
	return out
}

// Status checks the set s in the data folder by file sizes only (quick);
// [Verify] re-hashes.
func Status(s Set) SetStatus { return StatusAt(s, Dir(s), false) }

// Verify checks the set s in the data folder by size and SHA-256: against
// the catalog's pinned hash, or for unpinned files the hash recorded when
// they were installed.
func Verify(s Set) SetStatus { return StatusAt(s, Dir(s), true) }

// StatusAt checks the set s in dir (its folder, which --model may point
// elsewhere), hashing the files when hash is true.
func StatusAt(s Set, dir string, hash bool) SetStatus {
	st := SetStatus{Set: s, Dir: dir}
	rec := readRecord(dir, s.Name)
	present, okRequired, required, bad := 0, 0, 0, false
	for _, f := range s.Files {
		fs := checkFile1(dir, f, rec, hash)
		st.Files = append(st.Files, fs)
		if !f.Optional {
			required++
		}
		if fs.Present {
			present++
			if !fs.OK {
				bad = true
			} else if !f.Optional {
				okRequired++
			}
		}
		if !fs.OK {
			st.Need += f.Size
			if f.Size == 0 {
				st.Unknown++
			}
		}
	}
	switch {
	case bad:
		st.State = Bad
	case okRequired == required:
		st.State = Installed
	case present == 0:
		st.State = Missing
	default:
		st.State = Partial
	}
	return st
}

// checkFile1 looks for f (or an alternative) in dir.
func checkFile1(dir string, f File, rec map[string]string, hash bool) FileStatus {
	p := filepath.Join(dir, filepath.FromSlash(f.Path))
	info, err := os.Stat(p)
	if errors.Is(err, fs.ErrNotExist) {
		for _, a := range f.Alternatives {
			ap := filepath.Join(dir, filepath.FromSlash(a))
			if ai, err := os.Stat(ap); err == nil && ai.Mode().IsRegular() {
				return FileStatus{File: f, Path: ap, Present: true, OK: true}
			}
		}
		return FileStatus{File: f, Path: p, Problem: "is missing"}
	}
	fst := FileStatus{File: f, Path: p, Present: true}
	switch {
	case err != nil:
		fst.Problem = "cannot be read: " + err.Error()
	case !info.Mode().IsRegular():
		fst.Problem = "is not a regular file"
	case f.Size > 0 && info.Size() != f.Size:
		fst.Problem = fmt.Sprintf("has %d bytes, not %d", info.Size(), f.Size)
	case f.Size == 0 && info.Size() > f.MaxSize:
		fst.Problem = fmt.Sprintf("has %d bytes, more than the %d allowed", info.Size(), f.MaxSize)
	default:
		fst.OK = true
	}
	if !fst.OK || !hash {
		return fst
	}
	want := f.SHA256
	if want == "" {
		want = rec[f.Path]
	}
	got, err := filehash.SHA256(p)
	switch {
	case err != nil:
		fst.OK, fst.Problem = false, "cannot be read: "+err.Error()
	case want == "":
		fst.Problem = "has no pinned or recorded hash to check"
	case got != want:
		fst.OK, fst.Problem = false, fmt.Sprintf("has SHA-256 %s, not %s", got, want)
	}
	return fst
}

// recordName is the file, in the set's folder, that lists the SHA-256 of
// every file installed, in sha256sum's format.
func recordName(set string) string { return ".describer-" + set + ".sha256" }

// readRecord reads the hashes recorded when the set was installed.
func readRecord(dir, set string) map[string]string {
	out := map[string]string{}
	f, err := os.Open(filepath.Join(dir, recordName(set)))
	if err != nil {
		return out
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		sum, name, ok := strings.Cut(sc.Text(), "  ")
		if ok && hexHash.MatchString(sum) && safeRelPath(name) {
			out[name] = sum
		}
	}
	return out
}

// writeRecord merges sums into the set's record, atomically.
func writeRecord(dir, set string, sums map[string]string) error {
	all := readRecord(dir, set)
	for k, v := range sums {
		all[k] = v
	}
	names := make([]string, 0, len(all))
	for k := range all {
		names = append(names, k)
	}
	sort.Strings(names)
	var b strings.Builder
	for _, n := range names {
		fmt.Fprintf(&b, "%s  %s\n", all[n], n)
	}
	return writeFileAtomic(filepath.Join(dir, recordName(set)), []byte(b.String()))
}

// writeFileAtomic writes data to p through a temporary file and a rename.
func writeFileAtomic(p string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(p), ".tmp-*")
	if err != nil {
		return fmt.Errorf("models: write %s: %w", p, err)
	}
	_, err = tmp.Write(data)
	err = errors.Join(err, tmp.Close())
	if err == nil {
		err = os.Rename(tmp.Name(), p)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("models: write %s: %w", p, err)
	}
	return nil
}

// Remove deletes the set's files (and alternatives, and any partial
// downloads) from its folder in the data folder, then the folders left
// empty, and returns the bytes freed.
func Remove(s Set) (int64, error) { return RemoveAt(s, Dir(s)) }

// RemoveAt is [Remove] for the set's folder dir.
func RemoveAt(s Set, dir string) (int64, error) {
	var freed int64
	var errs []error
	names := []string{recordName(s.Name)}
	for _, f := range s.Files {
		names = append(names, f.Path, f.Path+".part")
		names = append(names, f.Alternatives...)
	}
	for _, n := range names {
		p := filepath.Join(dir, filepath.FromSlash(n))
		info, err := os.Lstat(p)
		if err != nil {
			continue
		}
		if err := os.Remove(p); err != nil {
			errs = append(errs, err)
			continue
		}
		freed += info.Size()
		// Drop the folders this left empty, up to the set's folder.
		for d := filepath.Dir(p); len(d) > len(dir); d = filepath.Dir(d) {
			if os.Remove(d) != nil {
				break
			}
		}
	}
	if s.Folder != "" {
		os.Remove(dir) // only if empty
	}
	if err := errors.Join(errs...); err != nil {
		return freed, fmt.Errorf("models: remove %s: %w", s.Name, err)
	}
	return freed, nil
}
