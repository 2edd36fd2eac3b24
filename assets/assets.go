// Package assets holds the files Describer embeds in its binary: the
// application icon now, and earcons once the desktop app plays them.
package assets

import _ "embed"

// Icon is the application icon, a 256×256 PNG: an eye with sound waves.
//
//go:embed icon.png
var Icon []byte
