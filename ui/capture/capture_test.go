package capture

import (
	"image"
	"testing"
)

func TestDisplayAt(t *testing.T) {
	ds := []image.Rectangle{image.Rect(0, 0, 1920, 1080), image.Rect(1920, -200, 3200, 824), image.Rect(-1280, 0, 0, 1024)}
	tests := []struct {
		p    image.Point
		want int
	}{
		{image.Pt(10, 10), 0},
		{image.Pt(1920, 0), 1},
		{image.Pt(3000, -100), 1},
		{image.Pt(-1, 500), 2},
		{image.Pt(5000, 5000), 0}, // nowhere: the primary display
	}
	for _, tt := range tests {
		if got := displayAt(ds, tt.p); got != ds[tt.want] {
			t.Errorf("displayAt(%v) = %v, want %v", tt.p, got, ds[tt.want])
		}
	}
}
