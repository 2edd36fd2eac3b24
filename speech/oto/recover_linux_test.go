//go:build linux && cgo

package oto

// These scenarios start without a sound device, or lose it, and get it
// back, all in one process: they run in a child, as the others in
// oto_linux_test.go do.

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/describer/describer/speech"
	"github.com/hajimehoshi/oto/v2"
)

// childRecover starts with no sound device (the ALSA configuration names a
// card that is not there), plays, then makes the device appear by
// rewriting the configuration, and plays again: within the back-off that
// fails without a try, after it the sound is played. Its clock is fake so
// that the back-off passes when the scenario says.
func childRecover(rep *report) error {
	clock, opens := testDevice()
	defer func() { rep.Opens = opens.Load() }()
	p, err := Open(22050)
	if err == nil || p == nil {
		return fmt.Errorf("Open with no sound device = %v, %v; want a Player and an error", p, err)
	}
	rep.NewError, rep.NewIsNoDev = err.Error(), errors.Is(err, speech.ErrNoAudioDevice)
	s := tone(22050/4, 500)
	ctx := context.Background()
	if err := p.Play(ctx, s); err != nil {
		rep.PlayErrors = append(rep.PlayErrors, err.Error())
	}
	if err := pointALSAAt(os.Getenv(captureEnv)); err != nil {
		return err
	}
	if err := p.Play(ctx, s); err != nil { // within the back-off
		rep.PlayErrors = append(rep.PlayErrors, err.Error())
	}
	clock.advance(retryInterval)
	rec := &recorder{Player: p}
	defer func() { rep.Plays = rec.plays }()
	if err := rec.Play(ctx, s); err != nil {
		return fmt.Errorf("Play once the device is there: %w", err)
	}
	rep.IdleCPU = cpuShare(func() { time.Sleep(time.Second) }) // a measuring window, as in childPlay
	return nil
}

// testDevice makes the process's device, with a fake clock, counting the
// tries to open it.
func testDevice() (*fakeClock, *atomic.Int32) {
	clock, opens := newFakeClock(), new(atomic.Int32)
	shared = newDevice(22050)
	shared.now = clock.now
	open := shared.open
	shared.open = func(rate int) (*oto.Context, error) {
		opens.Add(1)
		return open(rate)
	}
	return clock, opens
}

// pointALSAAt points the child's ALSA configuration at a file device
// writing to path. It writes a new file and renames it over the old one:
// ALSA rereads its configuration when a file's inode or modification time
// has changed, and a rewrite in place within the same second would change
// neither.
func pointALSAAt(path string) error {
	conf := os.Getenv(confEnv)
	tmp := conf + ".new"
	if err := os.WriteFile(tmp, []byte(fmt.Sprintf(alsaConf, path)), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, conf)
}

// TestSoundComesBack: a device that was missing when the program started
// is used once it is there, without a restart.
func TestSoundComesBack(t *testing.T) {
	rep, capture := runScenario(t, "recover", brokenALSA)
	if !rep.NewIsNoDev {
		t.Errorf("Open error %q does not wrap speech.ErrNoAudioDevice", rep.NewError)
	}
	checkNoDeviceSentence(t, "Open", rep.NewError)
	if len(rep.PlayErrors) != 2 {
		t.Fatalf("Play failed %d times before the device came, want twice (once with no device, once within the back-off): %q",
			len(rep.PlayErrors), rep.PlayErrors)
	}
	for _, msg := range rep.PlayErrors {
		checkNoDeviceSentence(t, "Play", msg)
	}
	if rep.Opens != 2 {
		t.Errorf("%d tries to open the device, want 2 (at Open, and after the back-off)", rep.Opens)
	}
	if len(rep.Plays) != 1 {
		t.Fatalf("%d plays recorded after the device came, want 1", len(rep.Plays))
	}
	want := len(trimZeros(rep.Plays[0].Samples))
	if got := matchCapture(t, capture, rep.Plays)[0]; got != want {
		t.Errorf("captured %d samples of the sound, want %d", got, want)
	}
	if rep.IdleCPU > 0.02 {
		t.Errorf("idle CPU %.1f%% of a core after playback, want about 0 (the new context should be suspended)", 100*rep.IdleCPU)
	}
	t.Logf("before the device: %s; then %d samples captured exactly; idle CPU %.2f%%", rep.PlayErrors[0], want, 100*rep.IdleCPU)
}

// childGoneBack plays into a FIFO that the child reads into the capture
// file, then stops reading, as when a device is unplugged: the next Play
// fails. Once the FIFO is read again, and the back-off has passed, a Play
// opens the device anew and is heard.
func childGoneBack(rep *report) error {
	clock, opens := testDevice()
	defer func() { rep.Opens = opens.Load() }()
	fifo := filepath.Join(filepath.Dir(os.Getenv(confEnv)), "device.fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		return err
	}
	if err := pointALSAAt(fifo); err != nil {
		return err
	}
	capture, err := os.Create(os.Getenv(captureEnv))
	if err != nil {
		return err
	}
	defer capture.Close()
	unplug, err := plugIn(fifo, capture)
	if err != nil {
		return err
	}
	p, err := New(22050)
	if err != nil {
		return errors.Join(err, unplug())
	}
	rec := &recorder{Player: p}
	defer func() { rep.Plays = rec.plays }()
	first, again := tone(22050/4, 500), tone(22050/4, 700)
	if err := playHeard(rec, first, capture.Name()); err != nil {
		return errors.Join(err, unplug())
	}
	if err := unplug(); err != nil {
		return err
	}
	if err := p.Play(context.Background(), tone(22050/4, 600)); err != nil {
		rep.PlayErrors = append(rep.PlayErrors, err.Error())
	}
	if unplug, err = plugIn(fifo, capture); err != nil {
		return err
	}
	clock.advance(retryInterval)
	return errors.Join(playHeard(rec, again, capture.Name()), unplug())
}

// plugIn copies what is written to fifo to capture until the returned
// unplug is called. It opens fifo for reading and writing, so that its
// reads wait for data rather than end when ALSA has not opened it yet.
func plugIn(fifo string, capture *os.File) (unplug func() error, err error) {
	r, err := os.OpenFile(fifo, os.O_RDWR, 0)
	if err != nil {
		return nil, err
	}
	done := make(chan error, 1)
	go func() {
		_, err := io.Copy(capture, r)
		done <- err
	}()
	return func() error {
		if err := r.Close(); err != nil {
			return err
		}
		if err := <-done; !errors.Is(err, os.ErrClosed) {
			return fmt.Errorf("copying from the FIFO: %w", err)
		}
		return nil
	}, nil
}

// playHeard plays s and waits until its last samples are in the capture.
// They are looked for only where they can first be (4 bytes a sample after
// the rest of s): a test tone repeats, so its last samples also occur
// earlier in s.
func playHeard(rec *recorder, s []int16, capture string) error {
	from := fileSize(capture)
	if err := rec.Play(context.Background(), s); err != nil {
		return err
	}
	return waitForSound(capture, from+4*int64(len(s)-16), s[len(s)-16:])
}

// TestSoundComesBackAfterDeviceWentAway: a device that goes away while
// the program runs makes a Play fail with one sentence, and is opened
// again by a later Play once it is back.
func TestSoundComesBackAfterDeviceWentAway(t *testing.T) {
	rep, capture := runScenario(t, "goneback", brokenALSA)
	if len(rep.PlayErrors) != 1 {
		t.Fatalf("%d Plays failed while the device was gone, want 1: %q", len(rep.PlayErrors), rep.PlayErrors)
	}
	checkNoDeviceSentence(t, "Play", rep.PlayErrors[0])
	if rep.Opens != 2 {
		t.Errorf("%d tries to open the device, want 2 (at New, and once it was back)", rep.Opens)
	}
	if len(rep.Plays) != 2 {
		t.Fatalf("%d plays recorded with the device there, want 2", len(rep.Plays))
	}
	matched := matchCapture(t, capture, rep.Plays)
	for i, p := range rep.Plays {
		if want := len(trimZeros(p.Samples)); matched[i] != want {
			t.Errorf("play %d: captured %d samples, want %d", i+1, matched[i], want)
		}
	}
	t.Logf("while the device was gone: %s", rep.PlayErrors[0])
}
