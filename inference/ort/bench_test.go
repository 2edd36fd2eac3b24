//go:build cgo && (linux || darwin)

package ort

import (
	"fmt"
	"syscall"
	"testing"
	"time"

	"github.com/describer/describer/inference"
)

// BenchmarkRunOverhead measures how much of a Run is this package's Go
// work (checking inputs aside: wrapping inputs, preallocating scalars and
// collecting outputs) against the whole call, on a tiny model where ONNX
// Runtime's own work is smallest and on a decoder-sized key/value cache.
// Copying outputs out of ONNX Runtime memory happens inside onnxruntime_go's
// Run and so counts as ONNX Runtime time here.
func BenchmarkRunOverhead(b *testing.B) {
	kv := make([]float32, 12*32*64)
	cases := []struct {
		name, model string
		inputs      map[string]inference.Tensor
	}{
		{"add-1x3", "add.onnx", map[string]inference.Tensor{
			"a": inference.NewFloat32([]int64{1, 3}, []float32{1, 2, 3}),
			"b": inference.NewFloat32([]int64{1, 3}, []float32{4, 5, 6}),
		}},
		{"kvcache-past32", "kvcache.onnx", map[string]inference.Tensor{
			"past": inference.NewFloat32([]int64{1, 12, 32, 64}, kv),
			"key":  inference.NewFloat32([]int64{1, 12, 1, 64}, kv[:12*64]),
		}},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			s := mustSession(b, c.model).(*session)
			s.stats = &runStats{}
			start := time.Now()
			for b.Loop() {
				if _, err := s.Run(b.Context(), c.inputs); err != nil {
					b.Fatal(err)
				}
			}
			total := time.Since(start)
			b.ReportMetric(float64(s.stats.convert.Nanoseconds())/float64(b.N), "go-ns/op")
			b.ReportMetric(float64(s.stats.convert)/float64(total), "go/total")
		})
	}
}

// BenchmarkSpinning compares ONNX Runtime's busy-waiting worker threads
// (SpinningOpener) with the default of no spinning: CPU time used per run,
// back to back and with a 20 ms pause after each run (as between the steps
// of an interactive app).
func BenchmarkSpinning(b *testing.B) {
	in := slowInput(96)
	for _, gap := range []time.Duration{0, 20 * time.Millisecond} {
		for _, spin := range []bool{false, true} {
			b.Run(fmt.Sprintf("gap=%v/spin=%v", gap, spin), func(b *testing.B) {
				r := mustOpen(b, Options{Device: "cpu"})
				open := r.Opener()
				if spin {
					open = r.SpinningOpener()
				}
				s, err := open(testModel("slow.onnx"))
				if err != nil {
					b.Fatal(err)
				}
				defer s.Close()
				cpu0 := cpuTime(b)
				start := time.Now()
				for b.Loop() {
					if _, err := s.Run(b.Context(), in); err != nil {
						b.Fatal(err)
					}
					time.Sleep(gap)
				}
				wall, cpu := time.Since(start), cpuTime(b)-cpu0
				b.ReportMetric(float64(cpu.Microseconds())/1000/float64(b.N), "cpu-ms/op")
				b.ReportMetric(float64(cpu)/float64(wall), "cpu/wall")
			})
		}
	}
}

// cpuTime returns the user and system CPU time this process has used.
func cpuTime(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
