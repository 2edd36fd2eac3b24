//go:build cgo

package ort

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	ort "github.com/yalue/onnxruntime_go"

	"github.com/describer/describer/internal/filehash"
)

// The graph cache. ONNX Runtime optimises a model's graph each time a
// session is created (fusing and rewriting its nodes), which for a large
// quantised model takes seconds. With Options.GraphCache set, the first
// session of a model has ONNX Runtime write the optimised graph to the
// cache (under a temporary name, renamed into place once the session is
// built, so a half-written file is never used), and later sessions load
// that file with optimisation turned off. A cached graph is named by the
// SHA-256 of the model file, the ONNX Runtime version, the device and the
// CPU (an optimised graph may use the layouts of the machine it was made
// on), so a changed model, library, device or machine makes a new one.
// Old graphs are not removed; deleting the folder only costs one slow
// start.

// cacheUse is how a session uses the cache: from is the file to load.
type cacheUse struct {
	from      string
	tmp, file string // when writing: the temporary name and the final one
	cached    bool   // from is a cached graph
}

// cached sets o up for the model at path: to load its cached graph, or to
// write one. Without a cache, or when the model cannot be read, from is
// path and nothing is written.
func (r *Runtime) cached(path string, o *ort.SessionOptions) cacheUse {
	if r.graphCache == "" {
		return cacheUse{from: path}
	}
	key, err := r.graphKey(path)
	if err != nil {
		return cacheUse{from: path}
	}
	file := filepath.Join(r.graphCache, key+".onnx")
	if _, err := os.Stat(file); err == nil && o.SetGraphOptimizationLevel(ort.GraphOptimizationLevelDisableAll) == nil {
		return cacheUse{from: file, cached: true}
	}
	if os.MkdirAll(r.graphCache, 0o700) != nil {
		return cacheUse{from: path}
	}
	tmp := fmt.Sprintf("%s.%d.tmp", file, os.Getpid())
	if o.SetOptimizedModelFilePath(tmp) != nil {
		return cacheUse{from: path}
	}
	return cacheUse{from: path, tmp: tmp, file: file}
}

// keep puts a newly written graph in place.
func (c cacheUse) keep() {
	if c.tmp != "" && os.Rename(c.tmp, c.file) != nil {
		os.Remove(c.tmp)
	}
}

// retry forgets a cached graph that would not load (and a half-written
// one), and reports whether the model itself should be tried again.
func (c cacheUse) retry() bool {
	if c.tmp != "" {
		os.Remove(c.tmp)
	}
	return c.cached && os.Remove(c.from) == nil
}

// graphKey names the optimised graph of the model at path.
func (r *Runtime) graphKey(path string) (string, error) {
	sum, err := fileHash(r.graphCache, path)
	if err != nil {
		return "", err
	}
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00onnxruntime %s\x00%s\x00%s", sum, r.version, r.device, cpuName())
	return hex.EncodeToString(h.Sum(nil)), nil
}

// fileHash returns the SHA-256 of the file at path. A large model takes
// a second or so to hash, so the hash is kept in cache/hashes with the
// file's size and modification time, and read from there while they hold.
func fileHash(cache, path string) (string, error) {
	st, err := os.Stat(path)
	if err != nil {
		return "", err
	}
	abs, _ := filepath.Abs(path)
	name := sha256.Sum256([]byte(abs))
	memo := filepath.Join(cache, "hashes", hex.EncodeToString(name[:]))
	stamp := fmt.Sprintf("%d %d", st.Size(), st.ModTime().UnixNano())
	if data, err := os.ReadFile(memo); err == nil {
		if s, sum, ok := strings.Cut(string(data), "\n"); ok && s == stamp && len(sum) == 64 {
			return sum, nil
		}
	}
	sum, err := filehash.SHA256(path)
	if err != nil {
		return "", err
	}
	if os.MkdirAll(filepath.Dir(memo), 0o700) == nil {
		tmp := fmt.Sprintf("%s.%d.tmp", memo, os.Getpid())
		if os.WriteFile(tmp, []byte(stamp+"\n"+sum), 0o600) != nil || os.Rename(tmp, memo) != nil {
			os.Remove(tmp)
		}
	}
	return sum, nil
}

// cpuName identifies the processor: its model name where Linux says it,
// else the architecture.
func cpuName() string {
	f, err := os.Open("/proc/cpuinfo")
	if err == nil {
		defer f.Close()
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			if k, v, ok := strings.Cut(sc.Text(), ":"); ok && strings.TrimSpace(k) == "model name" {
				return runtime.GOARCH + " " + strings.TrimSpace(v)
			}
		}
	}
	return runtime.GOOS + "/" + runtime.GOARCH
}
