//go:build !windows && !darwin

package syslook

import (
	"context"
	"os"
)

// Read returns what the system asks of application windows: on Linux and
// the BSDs, GNOME's settings read with gsettings, within about two
// seconds and never past ctx; FYNE_SCALE gives the text size when the
// desktop does not.
func Read(ctx context.Context) Look {
	return readWith(ctx, execRun, os.Getenv)
}
