package syslook

import (
	"context"
	"os"
)

// Read returns what the system asks of application windows: on macOS,
// the dark appearance and Increase Contrast read with the defaults
// command, within about two seconds and never past ctx; the text size
// comes from FYNE_SCALE alone.
func Read(ctx context.Context) Look {
	return readMacWith(ctx, execRun, os.Getenv)
}
