package inference

import (
	"context"
	"image"
)

// CaptionNoCache captions img with the reference loop that re-feeds the
// whole sequence at every step through the decoder's no-past branch.
func (m *VitGPT2) CaptionNoCache(ctx context.Context, img image.Image) (Caption, error) {
	return m.caption(ctx, img, true)
}
