//go:build !(cgo && (linux || freebsd))

package main

// restoreStderr does nothing: this build hides nothing at start-up (see
// quiet_cgo.go).
func restoreStderr() {}
