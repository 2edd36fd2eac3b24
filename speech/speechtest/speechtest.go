// Package speechtest holds test doubles for the speech package's
// interfaces, for tests and benchmarks of real engines.
package speechtest

import (
	"context"
	"sync/atomic"
)

// Discard is a speech.Player that accepts audio at Rate and drops it at
// once, counting the samples.
type Discard struct {
	// Rate is the sample rate it claims to play.
	Rate int
	// Samples counts what it was given.
	Samples atomic.Int64
}

// SampleRate returns d.Rate.
func (d *Discard) SampleRate() int { return d.Rate }

// Play drops samples, or returns ctx's error if ctx is done.
func (d *Discard) Play(ctx context.Context, samples []int16) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	d.Samples.Add(int64(len(samples)))
	return nil
}

// Close does nothing.
func (d *Discard) Close() error { return nil }
