package inference

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// ErrNoModel means the model folder does not exist.
var ErrNoModel = errors.New("caption model not found")

// ErrBadModel means the model folder exists but is incomplete or damaged.
var ErrBadModel = errors.New("caption model incomplete or damaged")

// ErrBadOption means a caption option does not suit the model, such as a
// maximum length beyond the decoder's positions.
var ErrBadOption = errors.New("caption option out of range")

// MaxBeams is the widest beam search allowed.
const MaxBeams = 16

// CaptionOptions override the model's generation settings; zero fields keep
// what generation_config.json says.
type CaptionOptions struct {
	// NumBeams is the beam width (1 = greedy).
	NumBeams int
	// MaxLength bounds the caption, counting the decoder start token.
	MaxLength int
}

// Caption is a generated caption with its confidence and timings.
type Caption struct {
	// Text is the decoded caption.
	Text string
	// Tokens are the generated ids, without start and end tokens.
	Tokens []int64
	// MeanLogProb is the mean log-probability per generated token.
	MeanLogProb float64
	// Confidence is exp(MeanLogProb): the geometric-mean token probability,
	// in [0, 1].
	Confidence float64
	// Finished is false when the length limit cut the caption short.
	Finished bool
	// Timings says where the time went.
	Timings Timings
}

// Timings are the durations of one caption's stages.
type Timings struct {
	// Preprocess is resizing and normalising the image.
	Preprocess time.Duration
	// Encode is the image encoder's run.
	Encode time.Duration
	// Decode is the whole token-by-token generation.
	Decode time.Duration
	// Total is the whole caption, from image to text.
	Total time.Duration
	// ORT is the time spent inside Session.Run, summed over all runs.
	ORT time.Duration
	// Steps counts decoder runs.
	Steps int
}

// Check refuses a beam width over MaxBeams and a maximum length
// beyond a decoder's positions (when the model's config gives them; 0 means
// unknown).
func (o CaptionOptions) Check(positions int) error {
	if o.NumBeams > MaxBeams {
		return fmt.Errorf("%w: %d beams is more than the %d allowed", ErrBadOption, o.NumBeams, MaxBeams)
	}
	if positions > 0 && o.MaxLength > positions {
		return fmt.Errorf("%w: a maximum length of %d is more than this model's %d positions", ErrBadOption, o.MaxLength, positions)
	}
	return nil
}

// TimedSession is a Session that adds up the time spent in Run and counts
// the runs, for a Caption's Timings.
type TimedSession struct {
	Session
	// Total is the time spent in Run since the last Reset.
	Total time.Duration
	// Runs counts the calls to Run since the last Reset.
	Runs int
}

// Reset zeroes Total and Runs.
func (t *TimedSession) Reset() { t.Total, t.Runs = 0, 0 }

// Run runs the session and adds its time to Total.
func (t *TimedSession) Run(ctx context.Context, in map[string]Tensor) (map[string]Tensor, error) {
	start := time.Now()
	out, err := t.Session.Run(ctx, in)
	t.Total += time.Since(start)
	t.Runs++
	return out, err
}
