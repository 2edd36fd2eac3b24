package app

import (
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

// closer is a model that counts its loads and closes.
type closer struct{ closed int }

func (c *closer) Close() error { c.closed++; return nil }

func TestModelLoadsOnce(t *testing.T) {
	var loads int
	c := &closer{}
	m := &Model[*closer]{Open: func() (*closer, error) { loads++; return c, nil }}
	for range 3 {
		if v, err := m.Get(); v != c || err != nil {
			t.Fatalf("Get() = %v, %v", v, err)
		}
	}
	if loads != 1 || !m.Loaded() {
		t.Errorf("%d loads, Loaded() = %v; want 1, true", loads, m.Loaded())
	}
	if err := m.Close(); err != nil || c.closed != 1 {
		t.Errorf("Close: %v, closed %d times", err, c.closed)
	}
}

func TestModelUnavailableSaysWhy(t *testing.T) {
	on, installed := false, false
	var opened int
	m := &Model[int]{What: "The caption model", Optional: true,
		Open:      func() (int, error) { opened++; return 7, nil },
		On:        func() bool { return on },
		Installed: func() bool { return installed },
		Off:       "describing the picture is turned off in Settings",
		Missing:   "the caption model is not installed",
	}
	for _, tc := range []struct {
		name          string
		on, installed bool
		want          string
	}{
		{"off", false, true, "not available: describing the picture is turned off in Settings"},
		{"missing", true, false, "not available: the caption model is not installed"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			on, installed = tc.on, tc.installed
			_, err := m.Get()
			if !errors.Is(err, ErrUnavailable) || err.Error() != tc.want {
				t.Errorf("Get() error %q, want %q (ErrUnavailable)", err, tc.want)
			}
		})
	}
	if opened != 0 {
		t.Errorf("a model turned off or missing was opened %d times", opened)
	}
	on, installed = true, true
	if v, err := m.Get(); v != 7 || err != nil {
		t.Errorf("installed and on: %v, %v", v, err)
	}
}

func TestModelOptionalFailureIsToldOnceAndResetRetries(t *testing.T) {
	fail := true
	damaged := errors.New("ocr: load detector: file is damaged")
	want := "The text reader cannot be used: " + Sentence(damaged)
	var loads int
	var told []string
	m := &Model[string]{What: "The text reader", Optional: true,
		Open: func() (string, error) {
			loads++
			if fail {
				return "", damaged
			}
			return "reader", nil
		},
		Tell: func(msg string) { told = append(told, msg) },
	}
	for range 2 {
		_, err := m.Get()
		if !errors.Is(err, ErrUnavailable) || !strings.HasSuffix(err.Error(), want) {
			t.Fatalf("Get() error %v", err)
		}
	}
	if loads != 1 || len(told) != 1 || told[0] != want {
		t.Errorf("%d loads, told %q; want one of each", loads, told)
	}
	fail = false // a download replaced the files
	m.Reset()
	if v, err := m.Get(); v != "reader" || err != nil || loads != 2 {
		t.Errorf("after Reset: %q, %v after %d loads", v, err, loads)
	}
}

func TestModelRequiredFailureIsKept(t *testing.T) {
	cause := fmt.Errorf("%w: no folder", ErrNoModel)
	var loads int
	m := &Model[int]{Open: func() (int, error) { loads++; return 0, cause }}
	for range 2 {
		if _, err := m.Get(); err != cause {
			t.Fatalf("Get() error %v, want Open's own", err)
		}
	}
	if loads != 1 || m.Err() != cause {
		t.Errorf("%d loads, Err() = %v", loads, m.Err())
	}
	s := &Service{Reader: &Model[TextReader]{Open: func() (TextReader, error) { return nil, cause }}}
	_ = s.Preload()
	if !s.LoadFailed(fmt.Errorf("describe: %w", cause)) || s.LoadFailed(errors.New("other")) {
		t.Error("LoadFailed does not tell the load's failure from others")
	}
}

func TestModelNotConfigured(t *testing.T) {
	var nilModel *Model[int]
	for name, m := range map[string]*Model[int]{"nil": nilModel, "no Open": {What: "caption model"}} {
		if _, err := m.Get(); !errors.Is(err, ErrNoModel) {
			t.Errorf("%s: Get() error %v, want ErrNoModel", name, err)
		}
	}
	if nilModel.Loaded() || nilModel.Err() != nil || nilModel.LoadTime() != 0 || nilModel.Close() != nil {
		t.Error("a nil model is not empty")
	}
	nilModel.Reset()
}

func TestModelConcurrentCallersLoadOnce(t *testing.T) {
	var loads atomic.Int32
	release := make(chan struct{})
	m := &Model[int]{Open: func() (int, error) {
		loads.Add(1)
		<-release
		return 42, nil
	}}
	var wg sync.WaitGroup
	got := make([]int, 8)
	for i := range got {
		wg.Go(func() {
			v, _ := m.Get()
			got[i] = v
		})
	}
	// Hold the first load until it has started, so the other callers meet
	// it in progress.
	for loads.Load() == 0 {
		runtime.Gosched()
	}
	close(release)
	wg.Wait()
	for i, v := range got {
		if v != 42 {
			t.Errorf("caller %d got %d", i, v)
		}
	}
	if loads.Load() != 1 {
		t.Errorf("%d loads, want 1", loads.Load())
	}
}

// A model's note (the small caption model standing in for Florence-2) is
// told once, after the first load, however often it is loaded again.
func TestModelNoteIsToldOnce(t *testing.T) {
	var told []string
	m := &Model[string]{What: "The caption model", Optional: true,
		Open: func() (string, error) { return "small", nil },
		Note: func() string { return "Florence-2 is not installed, so the small caption model describes the picture" },
		Tell: func(msg string) { told = append(told, msg) },
	}
	for range 2 {
		if _, err := m.Get(); err != nil {
			t.Fatal(err)
		}
		if err := m.Close(); err != nil {
			t.Fatal(err)
		}
	}
	want := "Florence-2 is not installed, so the small caption model describes the picture."
	if len(told) != 1 || told[0] != want {
		t.Errorf("told %q; want %q once", told, want)
	}
}
