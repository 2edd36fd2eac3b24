//go:build !linux && !freebsd && !openbsd && !netbsd && !windows

package hotkey

import "runtime"

func newBackend(func(Combo)) (backend, error) {
	if runtime.GOOS == "darwin" {
		return nil, sentence("Global hotkeys are not yet available on macOS; use the window's shortcuts.", ErrUnsupported)
	}
	return nil, sentence("Global hotkeys are not available on this system; use the window's shortcuts.", ErrUnsupported)
}
