package imaging

import (
	"image"
	"reflect"
)

// Same reports whether a and b are the same image value: a capture or a
// decoded file is a pointer, so asking again about it is recognised; a
// value that cannot be compared never matches.
func Same(a, b image.Image) bool {
	return a != nil && reflect.TypeOf(a).Comparable() && reflect.TypeOf(b) == reflect.TypeOf(a) && a == b
}
