package app_test

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/describer/describer/app"
	"github.com/describer/describer/inference"
	"github.com/describer/describer/inference/imaging"
	"github.com/describer/describer/inference/ocr"
	"github.com/describer/describer/inference/ort/orttest"
	"github.com/describer/describer/inference/vitgpt2"
)

// soakWarm is how many describes run before the baseline RSS is taken (as
// issue 13 asks): by then the models are loaded and every screen size has
// been seen many times. ONNX Runtime's memory arenas grow to the largest
// input each model has met; the recogniser's batches are bounded in width
// (ocr's batches), so they meet their largest early. Growth after soakWarm
// counts any arena still filling up as well as any leak; rss-max-MB and
// the log every 100 describes tell them apart.
const soakWarm = 50

// soakSizes are the screen sizes the soak cycles through.
var soakSizes = []image.Point{{800, 600}, {1280, 800}, {1920, 1080}}

// BenchmarkSoak describes screens one after another in one process, the
// way the app does all day: a capture, OCR and a caption, a history entry,
// each through app.Jobs with the real PP-OCRv4 models and ONNX Runtime and
// the random-weight ViT-GPT2 fixture. Every describe gets a new synthetic
// screen (800×600, 1280×800 or 1920×1080 in turn, text pasted from the OCR
// test screens at random places), so ONNX Runtime sees ever-changing
// input shapes.
//
// One op is one describe, so -benchtime sets the count: the soak is
//
//	go test -run '^$' -bench Soak -benchtime 1000x ./app
//
// (about 20 minutes on two cores), while make bench's -benchtime 5x stays
// quick. With more than soakWarm describes it reports the resident set
// size after the first soakWarm (rss-warm-MB), at the end (rss-end-MB),
// the growth between them (rss-growth-%; the goal is at most 5%) and the
// most seen after any describe (rss-max-MB), plus describes/s, the CPU
// time of a describe (cpu-s/describe, which a busy machine disturbs less
// than describes/s) and the Go heap in use at the end (go-heap-end-MB),
// which tells Go's memory from ONNX Runtime's.
func BenchmarkSoak(b *testing.B) {
	rss0, cpu0 := readRSS(b), readCPU(b)
	jobs, failed := soakJobs(b)
	var warm, most int64
	n := 0
	for b.Loop() {
		jobs.Describe(app.Request{Source: app.SourceScreen})
		jobs.Wait()
		if err := failed(); err != nil {
			b.Fatalf("describe %d: %v", n+1, err)
		}
		rss := readRSS(b)
		most = max(most, rss)
		if n++; n == soakWarm {
			warm = rss
		}
		if n%100 == 0 {
			b.Logf("after %4d describes: RSS %s, Go heap %s", n, inMB(rss), inMB(goHeap()))
		}
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "describes/s")
	b.ReportMetric((readCPU(b)-cpu0).Seconds()/float64(n), "cpu-s/describe")
	b.ReportMetric(float64(most)/1e6, "rss-max-MB")
	reportRSS(b, rss0, warm, readRSS(b), n)
}

// soakJobs returns the Jobs the soak runs, closed when b ends, and a
// function that returns the first failure of its jobs.
func soakJobs(b *testing.B) (*app.Jobs, func() error) {
	ev := &soakEvents{}
	jobs := &app.Jobs{
		Service:   soakService(b),
		Desktop:   &soakDesktop{pieces: soakPieces(b)},
		Events:    ev,
		History:   &app.History{},
		TickEvery: -1,
	}
	b.Cleanup(func() {
		if err := errors.Join(jobs.Close(), jobs.Service.Close()); err != nil {
			b.Error(err)
		}
	})
	return jobs, ev.err
}

// reportRSS reports the resident set size after n describes, end, and its
// growth since the first soakWarm (warm; 0 when there were not that many).
func reportRSS(b *testing.B, start, warm, end int64, n int) {
	b.ReportMetric(float64(end)/1e6, "rss-end-MB")
	b.ReportMetric(float64(goHeap())/1e6, "go-heap-end-MB")
	if warm == 0 {
		b.Logf("RSS %s at start, %s after %d describes; growth needs more than %d (-benchtime 1000x)",
			inMB(start), inMB(end), n, soakWarm)
		return
	}
	growth := 100 * float64(end-warm) / float64(warm)
	b.ReportMetric(float64(warm)/1e6, "rss-warm-MB")
	b.ReportMetric(growth, "rss-growth-%")
	b.Logf("RSS %s at start, %s after %d describes, %s after %d: %+.1f%%",
		inMB(start), inMB(warm), soakWarm, inMB(end), n, growth)
}

// tinyCaptionModel is the random-weight ViT-GPT2 fixture (see its
// gen_fixture.py): the caption's work and memory per describe without the
// real model's size.
var tinyCaptionModel = filepath.Join("..", "inference", "vitgpt2", "testdata", "tiny")

// soakService is a Service with the real OCR models and the caption
// fixture, loaded on first need as in the app.
func soakService(tb testing.TB) *app.Service {
	open := orttest.Runtime(tb).Opener()
	ocrDir := orttest.OCRModels(tb)
	return &app.Service{
		Captioner: &app.Model[app.Captioner]{What: "The caption model", Open: func() (app.Captioner, error) {
			return vitgpt2.Load(tinyCaptionModel, open, inference.CaptionOptions{})
		}},
		Reader: &app.Model[app.TextReader]{What: "The text reader", Open: func() (app.TextReader, error) {
			return ocr.Open(ocrDir, open)
		}},
	}
}

// soakPieces loads the OCR test screens that the synthetic screens are
// made of: dialogs, a terminal, menus, lines of text and a photo.
func soakPieces(tb testing.TB) []image.Image {
	tb.Helper()
	paths, err := filepath.Glob(filepath.Join("..", "inference", "ocr", "testdata", "screens", "*.png"))
	if err != nil || len(paths) < 10 {
		tb.Fatalf("the OCR test screens are missing: %d found, %v", len(paths), err)
	}
	var pieces []image.Image
	for _, p := range paths {
		if strings.Contains(p, "1080p") { // whole screens: larger than a piece
			continue
		}
		img, _, err := imaging.LoadImage(p)
		if err != nil {
			tb.Fatal(err)
		}
		pieces = append(pieces, img)
	}
	return pieces
}

// soakDesktop captures a new synthetic screen every time, cycling through
// soakSizes, as a screen grabber hands back a new image per capture.
type soakDesktop struct {
	pieces []image.Image
	mu     sync.Mutex
	n      int
}

// Screen returns the next synthetic screen.
func (d *soakDesktop) Screen(context.Context) (image.Image, error) {
	d.mu.Lock()
	n := d.n
	d.n++
	d.mu.Unlock()
	return synthScreen(soakSizes[n%len(soakSizes)], d.pieces, uint64(n)), nil
}

// AllScreens returns the next synthetic screen.
func (d *soakDesktop) AllScreens(ctx context.Context) (image.Image, error) { return d.Screen(ctx) }

// ActiveWindow returns the next synthetic screen.
func (d *soakDesktop) ActiveWindow(ctx context.Context) (image.Image, error) { return d.Screen(ctx) }

// Clipboard returns the next synthetic screen.
func (d *soakDesktop) Clipboard(ctx context.Context) (image.Image, error) { return d.Screen(ctx) }

// synthScreen draws a screen of the given size: a title bar, a sidebar
// and between three and eight pieces at places chosen by seed.
func synthScreen(size image.Point, pieces []image.Image, seed uint64) *image.RGBA {
	rng := rand.New(rand.NewPCG(seed, 13))
	img := image.NewRGBA(image.Rectangle{Max: size})
	bg := color.RGBA{0xf6, 0xf6, 0xf6, 0xff}
	if rng.IntN(3) == 0 {
		bg = color.RGBA{0x30, 0x30, 0x38, 0xff}
	}
	fillRect(img, img.Rect, bg)
	fillRect(img, image.Rect(0, 0, size.X, 32), color.RGBA{0x2b, 0x2b, 0x2b, 0xff})
	side := size.X / 6
	fillRect(img, image.Rect(0, 32, side, size.Y), color.RGBA{0xdd, 0xdd, 0xdd, 0xff})
	for range 3 + rng.IntN(6) {
		p := pieces[rng.IntN(len(pieces))]
		pb := p.Bounds()
		room := image.Pt(size.X-side-pb.Dx(), size.Y-32-pb.Dy())
		if room.X <= 0 || room.Y <= 0 {
			continue
		}
		at := image.Pt(side+rng.IntN(room.X), 32+rng.IntN(room.Y))
		draw.Draw(img, pb.Sub(pb.Min).Add(at), p, pb.Min, draw.Src)
	}
	return img
}

// fillRect paints r of img in c.
func fillRect(img draw.Image, r image.Rectangle, c color.Color) {
	draw.Draw(img, r, image.NewUniform(c), image.Point{}, draw.Src)
}

// soakEvents remembers the first failure and nothing else, so that the
// soak itself keeps no memory per describe.
type soakEvents struct {
	mu     sync.Mutex
	failed error
}

// Busy ignores the news of a job starting.
func (e *soakEvents) Busy(string) {}

// Done ignores the finished description.
func (e *soakEvents) Done(app.Entry) {}

// Stopped ignores a stop.
func (e *soakEvents) Stopped() {}

// Idle ignores the end of a job.
func (e *soakEvents) Idle() {}

// Failed remembers err when it is the first failure.
func (e *soakEvents) Failed(err error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.failed == nil {
		e.failed = err
	}
}

func (e *soakEvents) err() error {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.failed
}

// readRSS returns this process's resident set size in bytes, from
// /proc/self/status (VmRSS), skipping where there is no such file.
func readRSS(tb testing.TB) int64 {
	tb.Helper()
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		tb.Skipf("skipping: the soak reads its resident set size from /proc/self/status (Linux only): %v", err)
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmRSS:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			if err != nil {
				tb.Fatalf("read VmRSS %q: %v", rest, err)
			}
			return kb << 10
		}
	}
	tb.Fatal("/proc/self/status has no VmRSS line")
	return 0
}

// readCPU returns the user and system CPU time this process has used, ONNX
// Runtime's threads included, from /proc/self/stat (in USER_HZ ticks,
// 100 a second on Linux).
func readCPU(tb testing.TB) time.Duration {
	tb.Helper()
	data, err := os.ReadFile("/proc/self/stat")
	if err != nil {
		tb.Skipf("skipping: the soak reads its CPU time from /proc/self/stat (Linux only): %v", err)
	}
	// The command name, in parentheses, may hold spaces: count from after it.
	fields := strings.Fields(string(data[bytes.LastIndexByte(data, ')')+1:]))
	var ticks int64
	for _, f := range fields[11:13] { // utime and stime, fields 14 and 15 of the whole line
		n, err := strconv.ParseInt(f, 10, 64)
		if err != nil {
			tb.Fatalf("read /proc/self/stat: %v", err)
		}
		ticks += n
	}
	return time.Duration(ticks) * time.Second / 100
}

// goHeap returns the bytes of Go heap in use.
func goHeap() int64 {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return int64(m.HeapInuse)
}

// inMB writes n bytes as megabytes: "412 MB".
func inMB(n int64) string { return fmt.Sprintf("%.0f MB", float64(n)/1e6) }
