//go:build unix

package models

import (
	"fmt"

	"golang.org/x/sys/unix"
)

// diskFree returns the bytes available to this user on the file system
// that holds dir.
func diskFree(dir string) (uint64, error) {
	var st unix.Statfs_t
	if err := unix.Statfs(dir, &st); err != nil {
		return 0, fmt.Errorf("models: free space in %s: %w", dir, err)
	}
	return uint64(st.Bavail) * uint64(st.Bsize), nil
}
