package captureview

// The zoom's bounds, in percent. At 100 % one image pixel takes one Fyne
// unit, which the canvas scale turns into one or more screen pixels.
const (
	MinZoom = 25
	MaxZoom = 800
)

// steps are the zooms, in percent, that Ctrl+Plus and Ctrl+Minus go
// through; SetZoom takes any zoom between MinZoom and MaxZoom.
var steps = []int{25, 50, 75, 100, 125, 150, 200, 300, 400, 600, 800}

// clampZoom bounds percent to MinZoom..MaxZoom.
func clampZoom(percent int) int { return min(max(percent, MinZoom), MaxZoom) }

// zoomIn returns the first step above percent, or MaxZoom.
func zoomIn(percent int) int {
	for _, s := range steps {
		if s > percent {
			return s
		}
	}
	return MaxZoom
}

// zoomOut returns the last step below percent, or MinZoom.
func zoomOut(percent int) int {
	for i := len(steps) - 1; i >= 0; i-- {
		if steps[i] < percent {
			return steps[i]
		}
	}
	return MinZoom
}
