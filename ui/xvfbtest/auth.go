package xvfbtest

import (
	"bytes"
	"crypto/rand"
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
)

// familyWild is the Xauthority family that matches any host, as xauth
// writes for "*" (xvfb-run's own choice is a host-bound entry).
const familyWild = 0xffff

// writeAuthority writes an Xauthority file in dir holding a fresh
// MIT-MAGIC-COOKIE-1 for any display, for Xvfb's -auth and the clients'
// XAUTHORITY, and returns its path. The format is xauth's: each field a
// big-endian 16-bit length and its bytes.
func writeAuthority(dir string) (string, error) {
	cookie := make([]byte, 16)
	if _, err := rand.Read(cookie); err != nil {
		return "", fmt.Errorf("xvfbtest: cookie: %w", err)
	}
	var b bytes.Buffer
	binary.Write(&b, binary.BigEndian, uint16(familyWild))
	for _, field := range [][]byte{nil, nil, []byte("MIT-MAGIC-COOKIE-1"), cookie} {
		binary.Write(&b, binary.BigEndian, uint16(len(field)))
		b.Write(field)
	}
	path := filepath.Join(dir, "Xauthority")
	if err := os.WriteFile(path, b.Bytes(), 0o600); err != nil {
		return "", fmt.Errorf("xvfbtest: %w", err)
	}
	return path, nil
}
