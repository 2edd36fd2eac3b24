package models

import (
	"archive/tar"
	"archive/zip"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// defaultMemberLimit caps an archive member that Pick does not cap.
const defaultMemberLimit = 4 << 30

// Pick decides, for one archive member, whether to extract it and how
// many bytes it may hold (0: the default cap, 4 GiB).
type Pick func(name string) (limit int64, ok bool)

// ExtractTarGz extracts the members of a gzip-compressed tar archive that
// pick selects (every member when pick is nil) into dir, keeping their
// relative paths, and returns their names. The whole archive is refused,
// with an error matching [ErrUnsafeArchive], if any member's name is
// absolute or climbs out with "..", or a link points out of dir; device
// files and the like are skipped. A member bigger than its limit fails
// with [ErrTooLarge]. On failure, the files written so far stay in dir:
// extract into a fresh folder.
func ExtractTarGz(r io.Reader, dir string, pick Pick) ([]string, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("models: extract: not a gzip file: %w", err)
	}
	defer zr.Close()
	return ExtractTar(zr, dir, pick)
}

// ExtractTar is [ExtractTarGz] for an uncompressed tar stream.
func ExtractTar(r io.Reader, dir string, pick Pick) ([]string, error) {
	tr := tar.NewReader(r)
	var done []string
	links := map[string]string{} // symbolic links made so far → their targets
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return done, nil
		}
		if err != nil {
			return done, fmt.Errorf("models: extract: read tar: %w", err)
		}
		name, err := memberName(h.Name)
		if err != nil {
			return done, err
		}
		if name == "" {
			continue // the archive's root folder
		}
		if !resolvesInside(path.Dir(name), links) {
			return done, fmt.Errorf("models: extract: %q goes through a link out of the folder: %w", name, ErrUnsafeArchive)
		}
		limit, ok := picked(pick, name)
		switch h.Typeflag {
		case tar.TypeSymlink, tar.TypeLink:
			hard := h.Typeflag == tar.TypeLink
			if err := checkLink(name, h.Linkname, hard); err != nil {
				return done, err
			}
			// Links to links, or through them, could climb out of dir step
			// by step (a/b/c/u → ../.., then v → a/b/c/u/../../..): follow
			// the target as the system would.
			target := h.Linkname
			if !hard {
				target = path.Dir(name) + "/" + h.Linkname
			}
			if !resolvesInside(target, links) {
				return done, fmt.Errorf("models: extract: link %q → %q leads out of the folder: %w", name, h.Linkname, ErrUnsafeArchive)
			}
			if !hard {
				links[name] = h.Linkname
			}
			if ok {
				if err := writeLink(dir, name, h.Linkname, h.Typeflag == tar.TypeLink); err != nil {
					return done, err
				}
				done = append(done, name)
			}
		case tar.TypeReg:
			if !ok {
				continue
			}
			if h.Size > limit {
				return done, fmt.Errorf("models: extract %s: %d bytes: %w", name, h.Size, ErrTooLarge)
			}
			if err := writeMember(dir, name, tr, limit); err != nil {
				return done, err
			}
			done = append(done, name)
		case tar.TypeDir:
			if ok {
				if err := os.MkdirAll(filepath.Join(dir, filepath.FromSlash(name)), 0o755); err != nil {
					return done, fmt.Errorf("models: extract %s: %w", name, err)
				}
			}
		}
	}
}

// ExtractZip is [ExtractTarGz] for a zip file.
func ExtractZip(file string, dir string, pick Pick) ([]string, error) {
	zr, err := zip.OpenReader(file)
	if err != nil {
		return nil, fmt.Errorf("models: extract: not a zip file: %w", err)
	}
	defer zr.Close()
	var done []string
	for _, f := range zr.File {
		name, err := memberName(f.Name)
		if err != nil {
			return done, err
		}
		if f.Mode()&os.ModeSymlink != 0 {
			return done, fmt.Errorf("models: extract %s: links in zip files are not supported: %w", name, ErrUnsafeArchive)
		}
		limit, ok := picked(pick, name)
		if name == "" || !ok || f.FileInfo().IsDir() {
			continue
		}
		if f.UncompressedSize64 > uint64(limit) {
			return done, fmt.Errorf("models: extract %s: %d bytes: %w", name, f.UncompressedSize64, ErrTooLarge)
		}
		rc, err := f.Open()
		if err != nil {
			return done, fmt.Errorf("models: extract %s: %w", name, err)
		}
		err = writeMember(dir, name, rc, limit)
		rc.Close()
		if err != nil {
			return done, err
		}
		done = append(done, name)
	}
	return done, nil
}

func picked(pick Pick, name string) (int64, bool) {
	limit, ok := int64(0), true
	if pick != nil {
		limit, ok = pick(name)
	}
	if limit <= 0 {
		limit = defaultMemberLimit
	}
	return limit, ok
}

// memberName cleans an archive member's name ("./a/b/" → "a/b") and
// refuses names that are absolute or climb out of the archive.
func memberName(raw string) (string, error) {
	n := strings.TrimSuffix(strings.TrimPrefix(raw, "./"), "/")
	if n == "" || n == "." {
		return "", nil
	}
	if strings.ContainsAny(n, "\\:\x00") || path.IsAbs(n) {
		return "", fmt.Errorf("models: extract: member %q: %w", raw, ErrUnsafeArchive)
	}
	for _, el := range strings.Split(n, "/") {
		if el == ".." {
			return "", fmt.Errorf("models: extract: member %q: %w", raw, ErrUnsafeArchive)
		}
	}
	return path.Clean(n), nil
}

// resolvesInside follows p (relative to the archive's root) one name at a
// time, as the system would, through the symbolic links made so far, and
// reports whether it stays inside the root. ".." is applied after a link
// is followed, never before (path cleaning would hide a climb through a
// link).
func resolvesInside(p string, links map[string]string) bool {
	var at []string // the resolved names so far
	rest := strings.Split(p, "/")
	for hops := 0; len(rest) > 0; {
		el := rest[0]
		rest = rest[1:]
		switch el {
		case "", ".":
			continue
		case "..":
			if len(at) == 0 {
				return false
			}
			at = at[:len(at)-1]
			continue
		}
		at = append(at, el)
		target, ok := links[strings.Join(at, "/")]
		if !ok {
			continue
		}
		if hops++; hops > 40 || path.IsAbs(target) {
			return false
		}
		at = at[:len(at)-1] // the link's folder: its target is relative to it
		rest = append(strings.Split(target, "/"), rest...)
	}
	return true
}

// checkLink refuses a link whose target leaves the archive's folder. A
// symbolic link's target is relative to the link's folder; a hard link's
// to the archive's root.
func checkLink(name, target string, hard bool) error {
	if target == "" || path.IsAbs(target) || strings.ContainsAny(target, "\\\x00") {
		return fmt.Errorf("models: extract: link %q → %q: %w", name, target, ErrUnsafeArchive)
	}
	resolved := target
	if !hard {
		resolved = path.Join(path.Dir(name), target)
	}
	resolved = path.Clean(resolved)
	if resolved == ".." || strings.HasPrefix(resolved, "../") || resolved == "." {
		return fmt.Errorf("models: extract: link %q → %q: %w", name, target, ErrUnsafeArchive)
	}
	return nil
}

func writeLink(dir, name, target string, hard bool) error {
	dst := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return fmt.Errorf("models: extract %s: %w", name, err)
	}
	var err error
	if hard {
		err = os.Link(filepath.Join(dir, filepath.FromSlash(path.Clean(target))), dst)
	} else {
		err = os.Symlink(filepath.FromSlash(target), dst)
	}
	if err != nil {
		return fmt.Errorf("models: extract %s: %w", name, err)
	}
	return nil
}

// writeMember copies at most limit bytes of r into dir/name.
func writeMember(dir, name string, r io.Reader, limit int64) error {
	dst := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return fmt.Errorf("models: extract %s: %w", name, err)
	}
	// O_EXCL: an earlier member (or link) of the same name is never
	// written through.
	f, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return fmt.Errorf("models: extract %s: %w", name, err)
	}
	n, err := io.Copy(f, io.LimitReader(r, limit+1))
	err = errors.Join(err, f.Close())
	if err == nil && n > limit {
		err = ErrTooLarge
	}
	if err != nil {
		return fmt.Errorf("models: extract %s: %w", name, err)
	}
	return nil
}
