package models

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// payload returns n bytes of deterministic content.
func payload(n int, seed byte) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(i*7) ^ seed
	}
	return b
}

func sum(b []byte) string { s := sha256.Sum256(b); return hex.EncodeToString(s[:]) }

// server is a TLS test server that serves files by path, honours Range
// requests, and logs what it was asked.
type server struct {
	*httptest.Server
	mu       sync.Mutex
	files    map[string][]byte
	requests []string // "PATH RANGE"
	handle   func(w http.ResponseWriter, r *http.Request) bool
}

func newServer(t *testing.T, files map[string][]byte) *server {
	t.Helper()
	s := &server{files: files}
	s.Server = httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.requests = append(s.requests, r.URL.Path+" "+r.Header.Get("Range"))
		h := s.handle
		s.mu.Unlock()
		if h != nil && h(w, r) {
			return
		}
		data, ok := s.files[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(data))
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *server) log() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.requests...)
}

// testSet is a set of pinned files served by srv.
func testSet(srv *server, names ...string) Set {
	s := Set{Name: "test", Kind: KindCaption, Title: "Test", Folder: "test", Licence: "MIT", Source: "https://example.org",
		Manual: "https://example.org/files"}
	for _, n := range names {
		data := srv.files["/"+n]
		s.Files = append(s.Files, File{Path: n, Size: int64(len(data)), SHA256: sum(data), Licence: "MIT", HashNote: "test",
			Sources: []Source{{URL: srv.URL + "/" + n}}})
	}
	return s
}

func testOptions(t *testing.T, srv *server) Options {
	return Options{Client: srv.Client(), DataDir: t.TempDir(), Retries: 2, Backoff: time.Millisecond,
		StallTimeout: 2 * time.Second, FreeSpace: func(string) (uint64, error) { return 1 << 40, nil }}
}

func TestPullInstallsVerifiedFiles(t *testing.T) {
	srv := newServer(t, map[string][]byte{"/a.onnx": payload(300_000, 1), "/sub/b.json": payload(100, 2)})
	set := testSet(srv, "a.onnx", "sub/b.json")
	opt := testOptions(t, srv)
	var last Progress
	opt.Progress = func(p Progress) { last = p }
	plan, err := PlanPull([]Set{set}, opt)
	if err != nil || plan.Bytes != 300_100 || plan.Files != 2 || plan.Unknown != 0 {
		t.Fatalf("plan %+v, %v", plan, err)
	}
	if err := Pull(context.Background(), []Set{set}, opt); err != nil {
		t.Fatal(err)
	}
	if last.Done != 300_100 || last.Total != 300_100 {
		t.Errorf("last progress %+v, want 300100 of 300100", last)
	}
	dir := DirIn(opt.DataDir, set)
	for name, want := range map[string][]byte{"a.onnx": srv.files["/a.onnx"], "sub/b.json": srv.files["/sub/b.json"]} {
		got, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s: %d bytes, %v", name, len(got), err)
		}
		if _, err := os.Stat(filepath.Join(dir, name+".part")); err == nil {
			t.Errorf("%s.part left behind", name)
		}
	}
	if st := StatusAt(set, dir, true); st.State != Installed || st.Need != 0 {
		t.Errorf("after pull: %v, need %d", st.State, st.Need)
	}
	n := len(srv.log())
	if err := Pull(context.Background(), []Set{set}, opt); err != nil || len(srv.log()) != n {
		t.Errorf("a second pull made %d requests (%v); everything was installed", len(srv.log())-n, err)
	}
}

// cutServer serves the first request for a file only halfway and then
// drops the connection.
func TestPullResumesACutDownload(t *testing.T) {
	data := payload(1_000_000, 3)
	srv := newServer(t, map[string][]byte{"/big.onnx": data})
	var cut atomic.Bool
	var served atomic.Int64
	srv.handle = func(w http.ResponseWriter, r *http.Request) bool {
		if r.Header.Get("Range") == "" && !cut.Swap(true) {
			w.Header().Set("Content-Length", fmt.Sprint(len(data)))
			w.WriteHeader(http.StatusOK)
			w.Write(data[:400_000])
			w.(http.Flusher).Flush()
			served.Add(400_000)
			conn, _, err := w.(http.Hijacker).Hijack()
			if err == nil {
				conn.Close()
			}
			return true
		}
		var from int64
		fmt.Sscanf(r.Header.Get("Range"), "bytes=%d-", &from)
		served.Add(int64(len(data)) - from)
		return false
	}
	set := testSet(srv, "big.onnx")
	opt := testOptions(t, srv)
	if err := Pull(context.Background(), []Set{set}, opt); err != nil {
		t.Fatal(err)
	}
	log := srv.log()
	if len(log) != 2 || log[1] != "/big.onnx bytes=400000-" {
		t.Errorf("requests %q, want a full request then one for bytes=400000-", log)
	}
	if served.Load() != int64(len(data)) {
		t.Errorf("served %d bytes for a %d-byte file: the resume re-downloaded", served.Load(), len(data))
	}
	got, _ := os.ReadFile(filepath.Join(DirIn(opt.DataDir, set), "big.onnx"))
	if !bytes.Equal(got, data) {
		t.Error("the resumed file differs from the original")
	}
}

func TestPullResumesAPartLeftByAnEarlierRun(t *testing.T) {
	data := payload(50_000, 4)
	srv := newServer(t, map[string][]byte{"/m.onnx": data})
	set := testSet(srv, "m.onnx")
	opt := testOptions(t, srv)
	dir := DirIn(opt.DataDir, set)
	os.MkdirAll(dir, 0o755)
	os.WriteFile(filepath.Join(dir, "m.onnx.part"), data[:20_000], 0o644)
	if st := StatusAt(set, dir, false); st.State != Missing {
		t.Errorf("a .part file counts as %v; it must never count as installed", st.State)
	}
	if err := Pull(context.Background(), []Set{set}, opt); err != nil {
		t.Fatal(err)
	}
	if log := srv.log(); len(log) != 1 || log[0] != "/m.onnx bytes=20000-" {
		t.Errorf("requests %q, want one for bytes=20000-", log)
	}
}

func TestPullRejectsAFlippedByte(t *testing.T) {
	data := payload(10_000, 5)
	srv := newServer(t, map[string][]byte{"/m.onnx": data})
	set := testSet(srv, "m.onnx") // pinned to the good bytes
	bad := bytes.Clone(data)
	bad[5000] ^= 0xff
	srv.files["/m.onnx"] = bad
	opt := testOptions(t, srv)
	err := Pull(context.Background(), []Set{set}, opt)
	if !errors.Is(err, ErrHashMismatch) {
		t.Fatalf("err = %v, want a hash mismatch", err)
	}
	checkSentence(t, err, "SHA-256", "not installed")
	dir := DirIn(opt.DataDir, set)
	for _, n := range []string{"m.onnx", "m.onnx.part"} {
		if _, err := os.Stat(filepath.Join(dir, n)); err == nil {
			t.Errorf("%s exists after a hash mismatch", n)
		}
	}
}

// checkSentence asserts err reads as one sentence holding every want.
func checkSentence(t *testing.T, err error, want ...string) {
	t.Helper()
	msg := err.Error()
	if strings.Contains(msg, "\n") || strings.Contains(msg, "models: ") {
		t.Errorf("not one plain sentence: %q", msg)
	}
	for _, w := range want {
		if !strings.Contains(msg, w) {
			t.Errorf("%q lacks %q", msg, w)
		}
	}
}

func TestPullHTTPFailures(t *testing.T) {
	for _, tc := range []struct {
		name     string
		handle   func(w http.ResponseWriter, r *http.Request) bool
		want     error
		words    []string
		requests int
	}{
		{"404", func(w http.ResponseWriter, r *http.Request) bool { http.NotFound(w, r); return true },
			ErrNotFound, []string{"no such file", "HTTP 404", "download the files from https://example.org/files"}, 1},
		{"500 is retried", func(w http.ResponseWriter, r *http.Request) bool {
			http.Error(w, "boom", http.StatusInternalServerError)
			return true
		}, ErrServer, []string{"server failed", "HTTP 500"}, 3},
		{"timeout", func(w http.ResponseWriter, r *http.Request) bool {
			select {
			case <-r.Context().Done():
			case <-time.After(5 * time.Second):
			}
			return true
		}, ErrTimeout, []string{"stopped answering"}, 3},
		{"redirect to http", func(w http.ResponseWriter, r *http.Request) bool {
			http.Redirect(w, r, "http://"+r.Host+"/m.onnx", http.StatusFound)
			return true
		}, ErrInsecure, []string{"not HTTPS"}, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := newServer(t, map[string][]byte{"/m.onnx": payload(100, 6)})
			srv.handle = tc.handle
			set := testSet(srv, "m.onnx")
			opt := testOptions(t, srv)
			opt.StallTimeout = 200 * time.Millisecond
			err := Pull(context.Background(), []Set{set}, opt)
			if !errors.Is(err, tc.want) {
				t.Fatalf("err = %v, want %v", err, tc.want)
			}
			host := strings.TrimPrefix(srv.URL, "https://")
			checkSentence(t, err, append(tc.words, "cannot fetch test", host)...)
			if n := len(srv.log()); n != tc.requests {
				t.Errorf("%d requests, want %d", n, tc.requests)
			}
			if _, err := os.Stat(filepath.Join(DirIn(opt.DataDir, set), "m.onnx")); err == nil {
				t.Error("the file was installed")
			}
		})
	}
}

func TestPullRefusesPlainHTTP(t *testing.T) {
	srv := newServer(t, map[string][]byte{"/m.onnx": payload(100, 7)})
	set := testSet(srv, "m.onnx")
	set.Files[0].Sources[0].URL = strings.Replace(srv.URL, "https://", "http://", 1) + "/m.onnx"
	err := Pull(context.Background(), []Set{set}, testOptions(t, srv))
	if !errors.Is(err, ErrInsecure) || len(srv.log()) != 0 {
		t.Fatalf("err = %v after %d requests; want ErrInsecure and none", err, len(srv.log()))
	}
}

func TestPullOptionalFileMayBeAbsent(t *testing.T) {
	srv := newServer(t, map[string][]byte{"/a.json": payload(10, 8)})
	set := testSet(srv, "a.json")
	set.Files = append(set.Files, File{Path: "extra.json", MaxSize: 1000, Licence: "MIT", HashNote: "not verified here",
		Optional: true, Sources: []Source{{URL: srv.URL + "/extra.json"}}})
	opt := testOptions(t, srv)
	if err := Pull(context.Background(), []Set{set}, opt); err != nil {
		t.Fatal(err)
	}
	if st := StatusAt(set, DirIn(opt.DataDir, set), true); st.State != Installed {
		t.Errorf("state %v", st.State)
	}
}

func TestPullChecksDiskSpaceFirst(t *testing.T) {
	srv := newServer(t, map[string][]byte{"/m.onnx": payload(5000, 9)})
	set := testSet(srv, "m.onnx")
	opt := testOptions(t, srv)
	var asked string
	opt.FreeSpace = func(dir string) (uint64, error) { asked = dir; return 1000, nil }
	err := Pull(context.Background(), []Set{set}, opt)
	var se *SpaceError
	if !errors.As(err, &se) || !errors.Is(err, ErrNoSpace) || se.Need != 5000 || se.Free != 1000 {
		t.Fatalf("err = %v, want a SpaceError needing 5000 with 1000 free", err)
	}
	checkSentence(t, err, "not enough free disk space", "5.0 kB", "1.0 kB")
	if len(srv.log()) != 0 {
		t.Errorf("%d requests were made before the space check refused", len(srv.log()))
	}
	// The data folder does not exist yet: its nearest existing parent is asked.
	if asked != opt.DataDir {
		t.Errorf("free space asked for %q, want %q", asked, opt.DataDir)
	}
}

func TestPullCancel(t *testing.T) {
	data := payload(2_000_000, 10)
	srv := newServer(t, map[string][]byte{"/m.onnx": data})
	ctx, cancel := context.WithCancel(context.Background())
	srv.handle = func(w http.ResponseWriter, r *http.Request) bool {
		w.Header().Set("Content-Length", fmt.Sprint(len(data)))
		w.Write(data[:100_000])
		w.(http.Flusher).Flush()
		<-r.Context().Done()
		return true
	}
	set := testSet(srv, "m.onnx")
	opt := testOptions(t, srv)
	opt.Progress = func(p Progress) {
		if p.Done >= 100_000 {
			cancel() // the user pressed Cancel once the first bytes were in
		}
	}
	err := Pull(ctx, []Set{set}, opt)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	dir := DirIn(opt.DataDir, set)
	if _, err := os.Stat(filepath.Join(dir, "m.onnx")); err == nil {
		t.Error("a cancelled download was installed")
	}
	if st, err := os.Stat(filepath.Join(dir, "m.onnx.part")); err != nil || st.Size() == 0 {
		t.Errorf("the partial download was not kept for resuming: %v", err)
	}
}

func TestPullUnpinned(t *testing.T) {
	small, big := payload(100, 11), payload(3000, 12)
	srv := newServer(t, map[string][]byte{"/small.json": small, "/big.onnx": big})
	set := testSet(srv, "small.json")
	set.Files[0].SHA256, set.Files[0].Size, set.Files[0].MaxSize = "", 0, 1<<20
	opt := testOptions(t, srv)
	// Small unpinned files are accepted and their hash recorded.
	if err := Pull(context.Background(), []Set{set}, opt); err != nil {
		t.Fatal(err)
	}
	dir := DirIn(opt.DataDir, set)
	rec, _ := os.ReadFile(filepath.Join(dir, ".describer-test.sha256"))
	if string(rec) != sum(small)+"  small.json\n" {
		t.Errorf("record %q", rec)
	}
	// verify checks them against that record.
	os.WriteFile(filepath.Join(dir, "small.json"), payload(100, 99), 0o644)
	if st := StatusAt(set, dir, true); st.State != Bad || !strings.Contains(st.Bad()[0].Problem, sum(small)) {
		t.Errorf("a changed unpinned file: %v %+v", st.State, st.Bad())
	}
	// Large unpinned files need AllowUnpinned.
	big1 := File{Path: "big.onnx", MaxSize: SmallUnpinned + 1, Licence: "MIT", HashNote: "not verified here",
		Sources: []Source{{URL: srv.URL + "/big.onnx"}}}
	set.Files = []File{big1}
	var ue *UnpinnedError
	if err := Pull(context.Background(), []Set{set}, opt); !errors.As(err, &ue) || ue.Files[0] != "big.onnx" {
		t.Fatalf("err = %v, want an UnpinnedError naming big.onnx", err)
	} else {
		checkSentence(t, err, "--allow-unpinned")
	}
	opt.AllowUnpinned = true
	if err := Pull(context.Background(), []Set{set}, opt); err != nil {
		t.Fatal(err)
	}
	if st := StatusAt(set, dir, true); st.State != Installed {
		t.Errorf("state %v", st.State)
	}
}

func TestPullSizeCap(t *testing.T) {
	srv := newServer(t, map[string][]byte{"/m.json": payload(5000, 13)})
	set := testSet(srv, "m.json")
	set.Files[0].SHA256, set.Files[0].Size, set.Files[0].MaxSize = "", 0, 4000
	opt := testOptions(t, srv)
	err := Pull(context.Background(), []Set{set}, opt)
	if !errors.Is(err, ErrTooLarge) {
		t.Fatalf("err = %v, want ErrTooLarge", err)
	}
	// Without a Content-Length the cap still holds while streaming.
	srv.handle = func(w http.ResponseWriter, r *http.Request) bool {
		w.(http.Flusher).Flush() // chunked: no length
		w.Write(payload(5000, 13))
		return true
	}
	if err := Pull(context.Background(), []Set{set}, opt); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("streamed: err = %v, want ErrTooLarge", err)
	}
	if _, err := os.Stat(filepath.Join(DirIn(opt.DataDir, set), "m.json")); err == nil {
		t.Error("an oversized file was installed")
	}
}

// tgz builds a gzip-compressed tar from entries.
func tgz(t testing.TB, entries ...tar.Header) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	tw := tar.NewWriter(zw)
	for _, h := range entries {
		body := payload(int(h.Size), byte(len(h.Name)))
		if err := tw.WriteHeader(&h); err != nil {
			t.Fatal(err)
		}
		tw.Write(body)
	}
	tw.Close()
	zw.Close()
	return buf.Bytes()
}

func TestPullFromArchives(t *testing.T) {
	lib := payload(4000, byte(len("package/lib/libx.so.1")))
	archive := tgz(t, tar.Header{Name: "package/", Typeflag: tar.TypeDir, Mode: 0o755},
		tar.Header{Name: "package/lib/libx.so.1", Typeflag: tar.TypeReg, Size: 4000, Mode: 0o644},
		tar.Header{Name: "package/README", Typeflag: tar.TypeReg, Size: 10, Mode: 0o644})
	srv := newServer(t, map[string][]byte{"/rt.tgz": archive})
	set := Set{Name: "rt", Kind: KindRuntime, Title: "rt", Root: "runtime", Licence: "MIT", Source: "https://example.org",
		Files: []File{{Path: "libx.so.1.2.3", Size: 4000, SHA256: sum(lib), Licence: "MIT", HashNote: "test",
			Sources: []Source{{URL: srv.URL + "/rt.tgz", Path: "package/lib/libx.so.1", Size: int64(len(archive))}}}}}
	opt := testOptions(t, srv)
	if err := Pull(context.Background(), []Set{set}, opt); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(filepath.Join(opt.DataDir, "runtime", "libx.so.1.2.3"))
	if !bytes.Equal(got, lib) {
		t.Error("the library was not installed from the archive")
	}
	if left, _ := os.ReadDir(filepath.Join(opt.DataDir, ".downloads")); len(left) != 0 {
		t.Errorf("left in .downloads: %v", left)
	}
	// The same through npm, faked.
	npmSet := set
	npmSet.Files = []File{set.Files[0]}
	npmSet.Files[0].Sources = []Source{{Package: "x@1.0.0", Path: "package/lib/libx.so.1"}}
	os.Remove(filepath.Join(opt.DataDir, "runtime", "libx.so.1.2.3"))
	opt.NPMPack = func(ctx context.Context, pkg, dir string) (string, error) {
		p := filepath.Join(dir, "x-1.0.0.tgz")
		return p, os.WriteFile(p, archive, 0o644)
	}
	if err := Pull(context.Background(), []Set{npmSet}, opt); err != nil {
		t.Fatal(err)
	}
	if st := StatusAt(npmSet, DirIn(opt.DataDir, npmSet), true); st.State != Installed {
		t.Errorf("npm: state %v", st.State)
	}
}

func TestPullRefusesArchiveTraversal(t *testing.T) {
	archive := tgz(t, tar.Header{Name: "../../evil", Typeflag: tar.TypeReg, Size: 10, Mode: 0o644},
		tar.Header{Name: "package/lib", Typeflag: tar.TypeReg, Size: 10, Mode: 0o644})
	srv := newServer(t, map[string][]byte{"/a.tgz": archive})
	set := Set{Name: "rt", Kind: KindRuntime, Title: "rt", Root: "runtime", Licence: "MIT", Source: "https://example.org",
		Files: []File{{Path: "lib", Size: 10, SHA256: sum(payload(10, 11)), Licence: "MIT", HashNote: "test",
			Sources: []Source{{URL: srv.URL + "/a.tgz", Path: "package/lib"}}}}}
	opt := testOptions(t, srv)
	err := Pull(context.Background(), []Set{set}, opt)
	if !errors.Is(err, ErrUnsafeArchive) {
		t.Fatalf("err = %v, want ErrUnsafeArchive", err)
	}
	checkSentence(t, err, "leads out of its folder")
	matches, _ := filepath.Glob(filepath.Join(filepath.Dir(opt.DataDir), "*", "evil"))
	if _, err := os.Stat(filepath.Join(opt.DataDir, "runtime", "lib")); err == nil || len(matches) > 0 {
		t.Errorf("installed from an unsafe archive, or wrote %v", matches)
	}
}

func TestExtractRefusesEscapes(t *testing.T) {
	for _, tc := range []struct {
		name string
		h    tar.Header
	}{
		{"dot-dot", tar.Header{Name: "a/../../x", Typeflag: tar.TypeReg, Size: 1}},
		{"absolute", tar.Header{Name: "/etc/x", Typeflag: tar.TypeReg, Size: 1}},
		{"symlink out", tar.Header{Name: "a/link", Typeflag: tar.TypeSymlink, Linkname: "../../etc"}},
		{"absolute symlink", tar.Header{Name: "link", Typeflag: tar.TypeSymlink, Linkname: "/etc/passwd"}},
		{"hard link out", tar.Header{Name: "hl", Typeflag: tar.TypeLink, Linkname: "../x"}},
		{"backslash", tar.Header{Name: `a\..\..\x`, Typeflag: tar.TypeReg, Size: 1}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			_, err := ExtractTarGz(bytes.NewReader(tgz(t, tc.h)), filepath.Join(dir, "out"), nil)
			if !errors.Is(err, ErrUnsafeArchive) {
				t.Errorf("err = %v, want ErrUnsafeArchive", err)
			}
		})
	}
	// Chains of links that each look inside but together climb out.
	for _, tc := range []struct {
		name    string
		entries []tar.Header
	}{
		{"link through a link", []tar.Header{
			{Name: "a/b/c/u", Typeflag: tar.TypeSymlink, Linkname: "../.."},
			{Name: "v", Typeflag: tar.TypeSymlink, Linkname: "a/b/c/u/../../.."},
			{Name: "v/x", Typeflag: tar.TypeReg, Size: 1},
		}},
		{"link to a link out", []tar.Header{
			{Name: "a/b/u", Typeflag: tar.TypeSymlink, Linkname: ".."},
			{Name: "a/w", Typeflag: tar.TypeSymlink, Linkname: "b/u/.."},
			{Name: "x", Typeflag: tar.TypeSymlink, Linkname: "a/w/.."},
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			_, err := ExtractTarGz(bytes.NewReader(tgz(t, tc.entries...)), filepath.Join(dir, "out"), nil)
			if !errors.Is(err, ErrUnsafeArchive) {
				t.Errorf("err = %v, want ErrUnsafeArchive", err)
			}
		})
	}
	// Links that stay inside are fine, chains included (lib.so → lib.so.1
	// → lib.so.1.24.1, as ONNX Runtime's archives have them).
	dir := t.TempDir()
	names, err := ExtractTarGz(bytes.NewReader(tgz(t, tar.Header{Name: "lib/a.so.1.2", Typeflag: tar.TypeReg, Size: 3},
		tar.Header{Name: "lib/a.so.1", Typeflag: tar.TypeSymlink, Linkname: "a.so.1.2"},
		tar.Header{Name: "lib/a.so", Typeflag: tar.TypeSymlink, Linkname: "a.so.1"},
		tar.Header{Name: "include/x.h", Typeflag: tar.TypeSymlink, Linkname: "../lib/a.so"})), dir, nil)
	if err != nil || len(names) != 4 {
		t.Fatalf("inside link: %v %v", names, err)
	}
	if target, _ := os.Readlink(filepath.Join(dir, "lib", "a.so")); target != "a.so.1" {
		t.Errorf("link target %q", target)
	}
}

func TestRemove(t *testing.T) {
	srv := newServer(t, map[string][]byte{"/a.onnx": payload(100, 1), "/sub/b.json": payload(10, 2)})
	set := testSet(srv, "a.onnx", "sub/b.json")
	opt := testOptions(t, srv)
	if err := Pull(context.Background(), []Set{set}, opt); err != nil {
		t.Fatal(err)
	}
	dir := DirIn(opt.DataDir, set)
	freed, err := RemoveAt(set, dir)
	if err != nil || freed < 110 {
		t.Fatalf("freed %d, %v", freed, err)
	}
	if _, err := os.Stat(dir); err == nil {
		t.Error("the set's emptied folder is still there")
	}
}
