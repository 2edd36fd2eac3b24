//go:build !unix && !windows

package models

import "errors"

// diskFree cannot tell free space on this system; Pull then skips the
// check.
func diskFree(string) (uint64, error) { return 0, errors.ErrUnsupported }
