//go:build !linux

package xvfbtest

import "syscall"

// dieWithParent has no equivalent outside Linux: Main's Stop ends the server.
func dieWithParent() *syscall.SysProcAttr { return nil }
