// Package assets holds the files Describer embeds in its binary: the
// application icon and the earcons, the short sounds that say "started",
// "still working" and "failed" without words.
package assets

import _ "embed"

// Icon is the application icon, a 256×256 PNG: an eye with sound waves.
//
//go:embed icon.png
var Icon []byte
