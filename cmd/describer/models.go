package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/describer/describer/models"
	"github.com/describer/describer/models/modelscli"
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

// modelsCommands prints to m's streams, with a progress bar when standard
// error is a terminal.
func (m *Main) modelsCommands(model string) *modelscli.Commands {
	c := &modelscli.Commands{Stdout: m.Stdout, Stderr: m.Stderr, Model: model, Sentence: sentence}
	if f, ok := m.Stderr.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		c.Bar = m.progressBar
	}
	return c
}

// progressBar draws a pull's progress on the terminal.
func (m *Main) progressBar(total int64) (func(models.Progress), func()) {
	if total <= 0 {
		total = -1
	}
	bar := progressbar.NewOptions64(total, progressbar.OptionSetWriter(m.Stderr), progressbar.OptionShowBytes(true),
		progressbar.OptionSetDescription("Downloading"), progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionSetPredictTime(true), progressbar.OptionClearOnFinish())
	return func(p models.Progress) { bar.Set64(p.Done) }, func() { bar.Finish() }
}

// lookupSets resolves set names for this platform.
func lookupSets(names []string) ([]models.Set, error) {
	sets, err := modelscli.Lookup(names)
	if err != nil {
		return nil, usageError{err.Error()}
	}
	return sets, nil
}

func (m *Main) modelsList(args []string) error {
	fs := flag.NewFlagSet("models list", flag.ContinueOnError)
	all := fs.Bool("all", false, "also list the runtime sets of other platforms")
	model := fs.String("model", "", "model folder (caption or question) to check instead of the default")
	rest, err := parseInterspersed(fs, args, m.Stdout)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return usageError{fmt.Sprintf("models list takes no arguments, got %q", strings.Join(rest, " "))}
	}
	return m.modelsCommands(*model).List(*all)
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
	opt := models.Options{AllowUnpinned: *unpinned}
	if *firstRun {
		return m.modelsCommands("").FirstRun(ctx, sets, opt)
	}
	return m.modelsCommands("").Pull(ctx, sets, opt)
}

func (m *Main) modelsVerify(args []string) error {
	fs := flag.NewFlagSet("models verify", flag.ContinueOnError)
	model := fs.String("model", "", "model folder (caption or question) to check instead of the default")
	names, err := parseInterspersed(fs, args, m.Stdout)
	if err != nil {
		return err
	}
	sets, err := lookupSets(names)
	if err != nil {
		return err
	}
	if m.modelsCommands(*model).Verify(sets) > 0 {
		return failedError{exitFailure}
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
		return usageError{"models remove needs the sets to remove; the sets are " + modelscli.SetNames()}
	}
	sets, err := lookupSets(names)
	if err != nil {
		return err
	}
	return m.modelsCommands("").Remove(sets)
}
