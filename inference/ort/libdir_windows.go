//go:build cgo && windows

package ort

import (
	"fmt"
	"path/filepath"

	"golang.org/x/sys/windows"
)

// addLibraryFolder lets Windows find the DLLs that onnxruntime.dll needs
// (DirectML.dll in the DirectML build) in the library's own folder: a DLL
// loaded by full path otherwise looks for its dependencies beside the
// program, not beside itself.
func addLibraryFolder(path string) error {
	if err := windows.SetDllDirectory(filepath.Dir(path)); err != nil {
		return fmt.Errorf("ort: add %s to the DLL search path: %w", filepath.Dir(path), err)
	}
	return nil
}
