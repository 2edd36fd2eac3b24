package modelscli

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/describer/describer/models"
)

// Pull fetches what is missing of sets (none: the default sets), or says
// that they are already installed.
func (c *Commands) Pull(ctx context.Context, sets []models.Set, opt models.Options) error {
	if len(sets) == 0 {
		sets = models.Defaults()
	}
	plan, err := models.PlanPull(sets, opt)
	if err != nil {
		return err
	}
	if plan.Files == 0 {
		fmt.Fprintf(c.Stdout, "%s already installed in %s.\n", joinAnd(names(sets)), models.DataDir())
		return nil
	}
	return c.pull(ctx, plan, opt)
}

// FirstRun fetches each missing set of sets (none: the default sets) on
// its own, so one that cannot be fetched does not stop the others, and
// then says once what is missing and the command that fetches it. It
// fails only when ctx is cancelled: the app starts without the models.
func (c *Commands) FirstRun(ctx context.Context, sets []models.Set, opt models.Options) error {
	if len(sets) == 0 {
		sets = models.Defaults()
	}
	var missing []models.Set
	var firstErr error
	for _, s := range sets {
		plan, err := models.PlanPull([]models.Set{s}, opt)
		if err == nil && plan.Files == 0 {
			continue
		}
		if err == nil {
			err = c.pull(ctx, plan, opt)
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
		fmt.Fprintf(c.Stderr, "describer: %s\n", c.sentence(errors.New(MissingNote(missing, firstErr))))
	}
	return nil
}

// pull fetches plan, saying what it fetches, its progress and what it
// installed.
func (c *Commands) pull(ctx context.Context, plan models.Plan, opt models.Options) error {
	size := models.FormatBytes(plan.Bytes)
	if plan.Unknown > 0 {
		size = "at least " + size
	}
	fmt.Fprintf(c.Stdout, "Fetching %s: %s, %s, into %s.\n", joinAnd(plan.Sets), plural(plan.Files, "file", "files"), size, models.DataDir())
	start := time.Now()
	var finish func()
	opt.Progress, finish = c.progress(plan.Bytes)
	err := c.fetch(ctx, plan, opt)
	finish()
	if err != nil {
		return err
	}
	fmt.Fprintf(c.Stdout, "Installed %s in %.1f seconds; every file matched its SHA-256.\n", joinAnd(plan.Sets), time.Since(start).Seconds())
	return nil
}

// fetch downloads plan with Fetch, or with models.PullPlan.
func (c *Commands) fetch(ctx context.Context, plan models.Plan, opt models.Options) error {
	if c.Fetch != nil {
		return c.Fetch(ctx, plan, opt)
	}
	return models.PullPlan(ctx, plan, opt)
}

// progress returns Bar's display, or one that prints a line at each
// quarter of the bytes reached, and the function that ends it.
func (c *Commands) progress(total int64) (func(models.Progress), func()) {
	if c.Bar != nil {
		return c.Bar(total)
	}
	quarter := 0
	return func(p models.Progress) {
		if p.Total <= 0 {
			return
		}
		for quarter < 4 && p.Done*4 >= p.Total*int64(quarter+1) {
			quarter++
			fmt.Fprintf(c.Stdout, "%d%% of %s.\n", quarter*25, models.FormatBytes(p.Total))
		}
	}, func() {}
}

// sentence renders err as Sentence does, or as its text.
func (c *Commands) sentence(err error) string {
	if c.Sentence != nil {
		return c.Sentence(err)
	}
	return err.Error()
}
