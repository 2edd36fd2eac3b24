//go:build !unix

package instance

import "os"

// privateDir makes dir; the user's own profile folders are private on
// Windows already.
func privateDir(dir string) error { return os.MkdirAll(dir, 0o700) }

// lockFile opens path; without flock here, two apps started at the very
// same moment may both listen, the later one winning the socket.
func lockFile(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o600)
}
