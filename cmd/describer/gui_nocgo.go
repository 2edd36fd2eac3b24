//go:build !cgo

package main

import "context"

// gui explains that this build has no window: Fyne draws with OpenGL
// through cgo, and this program was built without it.
func (m *Main) gui(context.Context, []string) error {
	return usageError{"this build of Describer has no window (it was built without cgo, which the window needs); use a command such as \"describer describe --help\""}
}
