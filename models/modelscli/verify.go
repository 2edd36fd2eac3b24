package modelscli

import (
	"fmt"
	"runtime"

	"github.com/describer/describer/models"
)

// Verify re-hashes the files of sets (none: every set of this platform
// that is installed), prints a line for each set checked and one on
// Stderr for each bad or missing file, and returns how many files are bad
// or missing: the command fails when any is.
func (c *Commands) Verify(sets []models.Set) (bad int) {
	explicit := len(sets) > 0
	if !explicit {
		sets = models.ForPlatform(runtime.GOOS, runtime.GOARCH)
	}
	checked := 0
	for _, s := range sets {
		st := models.StatusAt(s, c.dir(s), true)
		if st.State == models.Missing {
			if explicit {
				fmt.Fprintf(c.Stdout, "%s: not installed.\n", s.Name)
			}
			continue
		}
		checked++
		bad += c.verifySet(st)
	}
	if bad > 0 {
		fmt.Fprintf(c.Stderr, "describer: %d bad or missing files; run %q to fetch them again.\n", bad, models.PullCommand())
	}
	if checked == 0 {
		fmt.Fprintln(c.Stdout, "Nothing is installed to verify.")
	}
	return bad
}

// verifySet reports on the files of one set that is at least partly
// installed, and returns how many are bad or missing.
func (c *Commands) verifySet(st models.SetStatus) (bad int) {
	good := 0
	for _, f := range st.Files {
		switch {
		case f.Present && !f.OK:
			fmt.Fprintf(c.Stderr, "describer: bad file %s: it %s.\n", f.Path, f.Problem)
			bad++
		case !f.Present && !f.File.Optional:
			fmt.Fprintf(c.Stderr, "describer: missing file %s.\n", f.Path)
			bad++
		case f.OK && f.Problem != "":
			fmt.Fprintf(c.Stdout, "%s: %s %s.\n", st.Set.Name, f.Path, f.Problem)
		case f.OK:
			good++
		}
	}
	fmt.Fprintf(c.Stdout, "%s: %s.\n", st.Set.Name, plural(good, "file matches its SHA-256", "files match their SHA-256"))
	return bad
}
