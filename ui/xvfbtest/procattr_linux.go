package xvfbtest

import "syscall"

// dieWithParent makes the kernel end Xvfb when the test binary dies, even
// by SIGKILL, so no server outlives its tests.
func dieWithParent() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}
