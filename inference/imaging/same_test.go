package imaging

import (
	"image"
	"image/color"
	"testing"
)

// uncomparable is an image whose value cannot be compared with ==.
type uncomparable struct {
	image.Image
	tags []string
}

func TestSame(t *testing.T) {
	a, b := image.NewGray(image.Rect(0, 0, 2, 2)), image.NewGray(image.Rect(0, 0, 2, 2))
	u := uncomparable{Image: a}
	for _, c := range []struct {
		x, y image.Image
		want bool
	}{{a, a, true}, {a, b, false}, {nil, nil, false}, {nil, a, false}, {a, nil, false}, {u, u, false},
		{image.NewUniform(color.Black), image.NewUniform(color.Black), false}} {
		if got := Same(c.x, c.y); got != c.want {
			t.Errorf("Same(%T, %T) = %v, want %v", c.x, c.y, got, c.want)
		}
	}
}
