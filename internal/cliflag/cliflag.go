// Package cliflag parses a command's flags wherever they stand among its
// arguments: "describer describe photo.png --json" works as well as
// "describer describe --json photo.png".
package cliflag

import (
	"errors"
	"flag"
	"fmt"
	"io"
)

// Parse parses the flags of fs that come before, between or after the
// positional arguments ("--" ends the flags) and returns the positional
// ones. For -h or --help it writes "Usage: describer SYNOPSIS" and the
// flags to help and returns flag.ErrHelp; other errors are the flag
// package's one-line messages.
func Parse(fs *flag.FlagSet, args []string, help io.Writer, synopsis string) ([]string, error) {
	fs.SetOutput(io.Discard)
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				fmt.Fprintf(help, "Usage: describer %s\n\nFlags:\n", synopsis)
				fs.SetOutput(help)
				fs.PrintDefaults()
			}
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if len(args) > len(rest) && args[len(args)-len(rest)-1] == "--" {
			return append(pos, rest...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}
