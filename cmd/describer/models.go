package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"runtime"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/describer/describer/models"
)

func init() {
	synopses["models list"] = "models list [--all] [--model DIR]"
	synopses["models pull"] = "models pull [--allow-unpinned] [--first-run] [SET...]   (no SET: the default sets)"
	synopses["models verify"] = "models verify [--model DIR] [SET...]   (no SET: every set that is installed)"
	synopses["models remove"] = "models remove SET..."
}

const modelsUsage = `models needs a command: list, pull, verify or remove; run "describer help" for them`

// models runs "describer models list|pull|verify|remove".
func (m *Main) models(ctx context.Context, args []string) error {
	if err := models.CatalogError(); err != nil {
		return err
	}
	if len(args) == 0 {
		return usageError{modelsUsage}
	}
	switch args[0] {
	case "list":
		return m.modelsList(args[1:])
	case "pull":
		return m.modelsPull(ctx, args[1:])
	case "verify":
		return m.modelsVerify(args[1:])
	case "remove":
		return m.modelsRemove(args[1:])
	}
	return usageError{fmt.Sprintf("unknown models command %q; %s", args[0], strings.TrimPrefix(modelsUsage, "models needs a command: "))}
}

// lookupSets resolves set names for this platform.
func lookupSets(names []string) ([]models.Set, error) {
	var out []models.Set
	for _, n := range names {
		s, ok := models.Lookup(n)
		if !ok {
			return nil, usageError{fmt.Sprintf("no model set %q for %s/%s; the sets are %s", n, runtime.GOOS, runtime.GOARCH, setNames())}
		}
		out = append(out, s)
	}
	return out, nil
}

func setNames() string {
	var names []string
	for _, s := range models.ForPlatform(runtime.GOOS, runtime.GOARCH) {
		names = append(names, s.Name)
	}
	return strings.Join(names, ", ")
}

// setDir is where the set lives: its folder in the data folder, or DIR
// from --model for the caption model.
func setDir(s models.Set, model string) string {
	if model != "" && s.Kind == models.KindCaption {
		return model
	}
	return models.Dir(s)
}

// sizeOf renders a set's download size, saying when part of it is not
// known in advance.
func sizeOf(s models.Set) string {
	size := models.FormatBytes(s.Size())
	for _, f := range s.Files {
		if f.Size == 0 && !f.Optional {
			if s.Size() == 0 {
				return "size not known"
			}
			return "at least " + size
		}
	}
	return size
}

func (m *Main) modelsList(args []string) error {
	fs := flag.NewFlagSet("models list", flag.ContinueOnError)
	all := fs.Bool("all", false, "also list the runtime sets of other platforms")
	model := fs.String("model", "", "caption model folder to check instead of the default")
	rest, err := parseInterspersed(fs, args, m.Stdout)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return usageError{fmt.Sprintf("models list takes no arguments, got %q", strings.Join(rest, " "))}
	}
	sets := models.ForPlatform(runtime.GOOS, runtime.GOARCH)
	if *all {
		sets = models.Sets
	}
	tw := tabwriter.NewWriter(m.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "SET\tSTATE\tSIZE\tLICENCE\tWHAT")
	missing := false
	for _, s := range sets {
		state := "other platform"
		if s.For(runtime.GOOS, runtime.GOARCH) {
			st := models.StatusAt(s, setDir(s, *model), false)
			state = st.State.String()
			if st.State != models.Installed && s.Default {
				missing = true
			}
			if s.OptIn && st.State == models.Missing {
				state = "not installed (opt-in)"
			}
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", s.Name, state, sizeOf(s), s.Licence, s.Title)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "Files live in %s.\n", models.DataDir())
	if missing {
		fmt.Fprintln(m.Stdout, `Run "describer models pull" to fetch the missing default sets.`)
	}
	return nil
}

func (m *Main) modelsPull(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("models pull", flag.ContinueOnError)
	unpinned := fs.Bool("allow-unpinned", false, "install large files whose SHA-256 the catalog does not pin (their hash is recorded for verify)")
	firstRun := fs.Bool("first-run", false, "fetch what is missing of the default sets, and when a set cannot be fetched say so once and exit 0")
	names, err := parseInterspersed(fs, args, m.Stdout)
	if err != nil {
		return err
	}
	sets, err := lookupSets(names)
	if err != nil {
		return err
	}
	if len(sets) == 0 {
		sets = models.Defaults()
	}
	opt := models.Options{AllowUnpinned: *unpinned}
	if *firstRun {
		return m.firstRun(ctx, sets, opt)
	}
	plan, err := models.PlanPull(sets, opt)
	if err != nil {
		return err
	}
	if plan.Files == 0 {
		fmt.Fprintf(m.Stdout, "%s already installed in %s.\n", joinNames(setNamesOf(sets)), models.DataDir())
		return nil
	}
	return m.pull(ctx, plan, opt)
}

// pull fetches plan with a progress bar on a terminal, or a line at every
// quarter elsewhere (screen readers, logs).
func (m *Main) pull(ctx context.Context, plan models.Plan, opt models.Options) error {
	size := models.FormatBytes(plan.Bytes)
	if plan.Unknown > 0 {
		size = "at least " + size
	}
	fmt.Fprintf(m.Stdout, "Fetching %s: %s, %s, into %s.\n", joinNames(plan.Sets), plural(plan.Files, "file", "files"), size, models.DataDir())
	start := time.Now()
	finish := m.progress(plan.Bytes, &opt)
	err := models.PullPlan(ctx, plan, opt)
	finish()
	if err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "Installed %s in %.1f seconds; every file matched its SHA-256.\n", joinNames(plan.Sets), time.Since(start).Seconds())
	return nil
}

// progress sets opt.Progress to draw a bar on a terminal or print each
// quarter reached, and returns a function that ends the display.
func (m *Main) progress(total int64, opt *models.Options) func() {
	if f, ok := m.Stderr.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		max := total
		if max <= 0 {
			max = -1
		}
		bar := progressbar.NewOptions64(max, progressbar.OptionSetWriter(m.Stderr), progressbar.OptionShowBytes(true),
			progressbar.OptionSetDescription("Downloading"), progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionSetPredictTime(true), progressbar.OptionClearOnFinish())
		opt.Progress = func(p models.Progress) { bar.Set64(p.Done) }
		return func() { bar.Finish() }
	}
	quarter := 0
	opt.Progress = func(p models.Progress) {
		if p.Total <= 0 {
			return
		}
		for quarter < 4 && p.Done*4 >= p.Total*int64(quarter+1) {
			quarter++
			fmt.Fprintf(m.Stdout, "%d%% of %s.\n", quarter*25, models.FormatBytes(p.Total))
		}
	}
	return func() {}
}

// firstRun fetches each missing default set on its own, so one that
// cannot be fetched does not stop the others, and then says once what is
// missing and the command that fetches it. It fails only when the
// user stops it.
func (m *Main) firstRun(ctx context.Context, sets []models.Set, opt models.Options) error {
	var missing []models.Set
	var firstErr error
	for _, s := range sets {
		plan, err := models.PlanPull([]models.Set{s}, opt)
		if err == nil && plan.Files == 0 {
			continue
		}
		if err == nil {
			err = m.pull(ctx, plan, opt)
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if err != nil {
			missing = append(missing, s)
			if firstErr == nil {
				firstErr = err
			}
		}
	}
	if len(missing) > 0 {
		fmt.Fprintf(m.Stderr, "describer: %s\n", sentence(errors.New(models.MissingNote(missing, firstErr))))
	}
	return nil
}

func (m *Main) modelsVerify(args []string) error {
	fs := flag.NewFlagSet("models verify", flag.ContinueOnError)
	model := fs.String("model", "", "caption model folder to check instead of the default")
	names, err := parseInterspersed(fs, args, m.Stdout)
	if err != nil {
		return err
	}
	sets, err := lookupSets(names)
	if err != nil {
		return err
	}
	explicit := len(sets) > 0
	if !explicit {
		sets = models.ForPlatform(runtime.GOOS, runtime.GOARCH)
	}
	bad, checked := 0, 0
	for _, s := range sets {
		st := models.StatusAt(s, setDir(s, *model), true)
		if st.State == models.Missing {
			if explicit {
				fmt.Fprintf(m.Stdout, "%s: not installed.\n", s.Name)
			}
			continue
		}
		checked++
		n := 0
		for _, f := range st.Files {
			switch {
			case f.Present && !f.OK:
				fmt.Fprintf(m.Stderr, "describer: bad file %s: it %s.\n", f.Path, f.Problem)
				bad++
			case !f.Present && !f.File.Optional:
				fmt.Fprintf(m.Stderr, "describer: missing file %s.\n", f.Path)
				bad++
			case f.OK && f.Problem != "":
				fmt.Fprintf(m.Stdout, "%s: %s %s.\n", s.Name, f.Path, f.Problem)
			case f.OK:
				n++
			}
		}
		fmt.Fprintf(m.Stdout, "%s: %s.\n", s.Name, plural(n, "file matches its SHA-256", "files match their SHA-256"))
	}
	if bad > 0 {
		fmt.Fprintf(m.Stderr, "describer: %d bad or missing files; run \"describer models pull\" to fetch them again.\n", bad)
		return failedError{exitFailure}
	}
	if checked == 0 {
		fmt.Fprintln(m.Stdout, "Nothing is installed to verify.")
	}
	return nil
}

func (m *Main) modelsRemove(args []string) error {
	fs := flag.NewFlagSet("models remove", flag.ContinueOnError)
	names, err := parseInterspersed(fs, args, m.Stdout)
	if err != nil {
		return err
	}
	if len(names) == 0 {
		return usageError{"models remove needs the sets to remove; the sets are " + setNames()}
	}
	sets, err := lookupSets(names)
	if err != nil {
		return err
	}
	for _, s := range sets {
		if st := models.Status(s); st.State == models.Missing {
			fmt.Fprintf(m.Stdout, "%s is not installed.\n", s.Name)
			continue
		}
		freed, err := models.Remove(s)
		if err != nil {
			return err
		}
		fmt.Fprintf(m.Stdout, "Removed %s (%s) from %s.\n", s.Name, models.FormatBytes(freed), models.Dir(s))
	}
	return nil
}

func setNamesOf(sets []models.Set) []string {
	var out []string
	for _, s := range sets {
		out = append(out, s.Name)
	}
	return out
}

// joinNames lists names as "a, b and c".
func joinNames(names []string) string {
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// plural renders n with the singular or plural phrase.
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
