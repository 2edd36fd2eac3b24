//go:build !cgo

package main

import "context"

// gui explains that this build has no window: Fyne draws with OpenGL
// through cgo, and this program was built without it. Bad flags are said
// first, as in a build with a window.
func (m *Main) gui(_ context.Context, args []string) error {
	if _, _, err := m.parseGUI(args); err != nil {
		return err
	}
	return usageError{"this build of Describer has no window (it was built without cgo, which the window needs); use a command such as \"describer describe --help\""}
}
