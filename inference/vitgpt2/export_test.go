package vitgpt2

import (
	"context"
	"image"

	"github.com/describer/describer/inference"
)

// TinyModel is the fixture model folder that testdata/gen_fixture.py writes.
const TinyModel = "testdata/tiny"

// CaptionNoCache captions img with the reference loop that re-feeds the
// whole sequence at every step through the decoder's no-past branch.
func (m *Model) CaptionNoCache(ctx context.Context, img image.Image) (inference.Caption, error) {
	return m.caption(ctx, img, true)
}
