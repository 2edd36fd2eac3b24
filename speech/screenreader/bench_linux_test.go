package screenreader

import (
	"context"
	"strings"
	"testing"
	"time"
)

// benchSpeak measures, per utterance through a real speech-dispatcher, the
// time from Speak to the message being queued (SPEAK answered), to the
// BEGIN event (the module started speaking) and to Speak returning (END).
func benchSpeak(b *testing.B, module, text string) {
	d := startSpeechdWith(b, module)
	begins := make(chan time.Time, 1)
	e := mustOpen(b, Config{Address: d.addr, OnEvent: func(ev Event) {
		if ev.Kind == EventBegin {
			select {
			case begins <- ev.At:
			default:
			}
		}
	}})
	if err := e.Speak(bg, "warm up"); err != nil {
		b.Fatal(err)
	}
	<-begins
	var queued, begin, end time.Duration
	for b.Loop() {
		start := time.Now()
		id, err := e.c.Speak(context.Background(), text) // the queueing step alone
		if err != nil {
			b.Fatal(err)
		}
		queued += time.Since(start)
		begin += (<-begins).Sub(start)
		if _, err := e.c.Wait(bg, id); err != nil {
			b.Fatal(err)
		}
		end += time.Since(start)
	}
	n := float64(b.N)
	b.ReportMetric(float64(queued.Microseconds())/n/1000, "ms-queued")
	b.ReportMetric(float64(begin.Microseconds())/n/1000, "ms-to-begin")
	b.ReportMetric(float64(end.Microseconds())/n/1000, "ms-to-end")
}

// BenchmarkSpeechDispatcherCapture uses the test's capture module, which
// writes the text to a file: protocol and daemon overhead alone.
func BenchmarkSpeechDispatcherCapture(b *testing.B) {
	benchSpeak(b, "", "A dog runs on a beach.")
}

// BenchmarkSpeechDispatcherEspeakNG uses the real eSpeak NG module, playing
// into ALSA's null device: what a user's setup adds before speech starts.
func BenchmarkSpeechDispatcherEspeakNG(b *testing.B) {
	benchSpeak(b, "espeak-ng", "A dog runs on a beach.")
}

// BenchmarkStop measures Stop on a message being spoken by the eSpeak NG
// module: how soon the running Speak returns, Stop's own return (it waits
// for speech-dispatcher's answer to CANCEL) and the CANCEL event.
func BenchmarkStop(b *testing.B) {
	benchStop(b, "espeak-ng", strings.Repeat("This is a long description of a photograph that goes on and on. ", 10))
}

// BenchmarkStopCapture is BenchmarkStop with the tests' capture module,
// busy with a SLOW message: the figures the daemon tests' Stop limits
// stand for.
func BenchmarkStopCapture(b *testing.B) {
	benchStop(b, "", "SLOW: a long description")
}

func benchStop(b *testing.B, module, long string) {
	d := startSpeechdWith(b, module)
	events := make(chan Event, 8)
	e := mustOpen(b, Config{Address: d.addr, OnEvent: func(ev Event) { events <- ev }})
	var stop, cancel, returned time.Duration
	for b.Loop() {
		res := make(chan time.Time, 1)
		go func() {
			if err := e.Speak(bg, long); err != nil {
				b.Error(err)
			}
			res <- time.Now()
		}()
		for ev := range events {
			if ev.Kind == EventBegin {
				break
			}
		}
		// Deliberate, not a wait for anything: Stop is measured on speech
		// that has sounded a little while, as a listener's Stop is.
		time.Sleep(20 * time.Millisecond)
		start := time.Now()
		if err := e.Stop(); err != nil {
			b.Fatal(err)
		}
		stop += time.Since(start)
		returned += (<-res).Sub(start)
		for ev := range events {
			if ev.Kind == EventCancel {
				cancel += ev.At.Sub(start)
				break
			}
		}
	}
	b.ReportMetric(float64(returned.Microseconds())/float64(b.N)/1000, "ms-speak-returns")
	b.ReportMetric(float64(stop.Microseconds())/float64(b.N)/1000, "ms-stop")
	b.ReportMetric(float64(cancel.Microseconds())/float64(b.N)/1000, "ms-to-cancel-event")
}

// BenchmarkProbe measures detection: the process scan, the D-Bus question
// and the speech-dispatcher socket, in parallel.
func BenchmarkProbe(b *testing.B) {
	d := startSpeechd(b)
	for b.Loop() {
		Probe(bg, Config{Address: d.addr})
	}
}

// BenchmarkProbeWithOrca adds a session bus on which (a fake) Orca owns its
// name, so Probe asks D-Bus too.
func BenchmarkProbeWithOrca(b *testing.B) {
	d := startSpeechd(b)
	startSessionBus(b)
	startFakeOrca(b, orcaDialects[1], 0)
	for b.Loop() {
		if st := Probe(bg, Config{Address: d.addr}); st.OrcaService == "" {
			b.Fatalf("Probe = %+v", st)
		}
	}
}
