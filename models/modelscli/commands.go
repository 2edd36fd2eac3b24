// Package modelscli carries out "describer models list|pull|verify|remove"
// and words what they print: the table of sets, a pull's progress by
// quarters, the verify report and the first-run note. It stands apart
// from package models, which knows the catalog and fetches and checks the
// files but says nothing on a terminal, and from cmd/describer, which only
// parses the flags and draws a progress bar on a real terminal: so the
// commands' output is plain Go, tested without a terminal, cgo or network.
package modelscli

import (
	"context"
	"fmt"
	"io"
	"runtime"
	"strings"
	"text/tabwriter"

	"github.com/describer/describer/inference/captioner"
	"github.com/describer/describer/inference/smolvlm"
	"github.com/describer/describer/internal/usererr"
	"github.com/describer/describer/models"
)

// Commands carries out the models commands, printing what "describer
// models" prints. Stdout and Stderr must be set; the other fields may be
// left zero.
type Commands struct {
	// Stdout receives the report; Stderr one line per problem, each
	// starting "describer: ".
	Stdout, Stderr io.Writer
	// Model is the model folder from --model (a caption or question
	// model) that List and Verify check for the set it holds; empty means
	// the sets' folders in the data folder.
	Model string
	// Bar, when set, shows a pull's progress (a bar on a terminal): it
	// gets the bytes to fetch (0 when not known) and returns the callback
	// for the progress and a function that ends the display. Nil prints a
	// line at every quarter instead, for screen readers and logs.
	Bar func(total int64) (progress func(models.Progress), finish func())
	// Sentence renders an error as the one line printed after
	// "describer: "; nil prints the error's text.
	Sentence func(error) string
	// Fetch downloads a planned pull; nil means [models.PullPlan].
	Fetch func(ctx context.Context, plan models.Plan, opt models.Options) error
}

// Lookup returns the sets called names on this platform. An unknown name
// gives an error that names the sets there are and wraps
// [models.ErrUnknownSet]: a mistake in the command line.
func Lookup(names []string) ([]models.Set, error) {
	var out []models.Set
	for _, n := range names {
		s, ok := models.Lookup(n)
		if !ok {
			return nil, usererr.Newf(models.ErrUnknownSet, nil, "no model set %q for %s/%s; the sets are %s",
				n, runtime.GOOS, runtime.GOARCH, SetNames())
		}
		out = append(out, s)
	}
	return out, nil
}

// SetNames lists the names of this platform's sets, as "caption, ocr,
// voice".
func SetNames() string {
	return strings.Join(names(models.ForPlatform(runtime.GOOS, runtime.GOARCH)), ", ")
}

// names returns the sets' names.
func names(sets []models.Set) []string {
	var out []string
	for _, s := range sets {
		out = append(out, s.Name)
	}
	return out
}

// dir is where the set lives: its folder in the data folder, or Model for
// the set that folder holds.
func (c *Commands) dir(s models.Set) string {
	if c.Model != "" && s.Name == modelSet(c.Model).Name {
		return c.Model
	}
	return models.Dir(s)
}

// modelSet is the catalog set of the model in dir: the question model
// (SmolVLM), else the caption set its config.json names.
func modelSet(dir string) models.Set {
	if smolvlm.IsModel(dir) {
		return models.Question
	}
	return captioner.Set(dir)
}

// List prints the table of this platform's sets (all: every platform's)
// with their state, size, licence and title, where the files live and,
// when a default set is not installed, the command that fetches it.
func (c *Commands) List(all bool) error {
	sets := models.ForPlatform(runtime.GOOS, runtime.GOARCH)
	if all {
		sets = models.Sets
	}
	tw := tabwriter.NewWriter(c.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "SET\tSTATE\tSIZE\tLICENCE\tWHAT")
	missing := false
	for _, s := range sets {
		state, defaultMissing := c.listState(s)
		missing = missing || defaultMissing
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", s.Name, state, s.SizeText(), s.Licence, s.Title)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(c.Stdout, "Files live in %s.\n", models.DataDir())
	if missing {
		fmt.Fprintf(c.Stdout, "Run %q to fetch the missing default sets.\n", models.PullCommand())
	}
	return nil
}

// listState is the state List shows for s, and whether s is a default set
// that is not installed.
func (c *Commands) listState(s models.Set) (state string, defaultMissing bool) {
	if !s.For(runtime.GOOS, runtime.GOARCH) {
		return "other platform", false
	}
	st := models.StatusAt(s, c.dir(s), false)
	defaultMissing = st.State != models.Installed && s.Default
	if s.OptIn && st.State == models.Missing {
		return "not installed (opt-in)", defaultMissing
	}
	return st.State.String(), defaultMissing
}

// Remove deletes each set, saying what it freed, or that it was not
// installed.
func (c *Commands) Remove(sets []models.Set) error {
	for _, s := range sets {
		if st := models.Status(s); st.State == models.Missing {
			fmt.Fprintf(c.Stdout, "%s is not installed.\n", s.Name)
			continue
		}
		freed, err := models.Remove(s)
		if err != nil {
			return err
		}
		fmt.Fprintf(c.Stdout, "Removed %s (%s) from %s.\n", s.Name, models.FormatBytes(freed), models.Dir(s))
	}
	return nil
}
