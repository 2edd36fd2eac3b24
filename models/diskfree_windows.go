//go:build windows

package models

import (
	"fmt"

	"golang.org/x/sys/windows"
)

// diskFree returns the bytes available to this user on the volume that
// holds dir.
func diskFree(dir string) (uint64, error) {
	p, err := windows.UTF16PtrFromString(dir)
	if err != nil {
		return 0, fmt.Errorf("models: free space in %s: %w", dir, err)
	}
	var avail, total, free uint64
	if err := windows.GetDiskFreeSpaceEx(p, &avail, &total, &free); err != nil {
		return 0, fmt.Errorf("models: free space in %s: %w", dir, err)
	}
	return avail, nil
}
