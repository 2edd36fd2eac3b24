//go:build ignore

// Command gen_earcons writes Describer's earcons, assets/earcon_*.wav: short,
// soft sounds that tell the user what the app is doing without words. The
// output is the same, byte for byte, on every run.
//
//	go run assets/gen_earcons.go            # writes into assets/
//	go run assets/gen_earcons.go -dir /tmp  # writes elsewhere, to compare
package main

import (
	"flag"
	"fmt"
	"log"
	"math"
	"path/filepath"

	"github.com/describer/describer/speech"
)

// rate is the sample rate of every earcon: Piper's usual rate, so the player
// needs no resampling.
const rate = 22050

// note is one sine tone with a raised-cosine attack and release; harmonic
// adds a little of the octave above, for warmth.
type note struct {
	start, dur      float64 // seconds
	freq, amp       float64 // Hz, 0…1 of full scale
	attack, release float64 // seconds
	harmonic        float64 // amplitude of the second harmonic relative to the note
}

// earcon is a named sound made of notes.
type earcon struct {
	name  string
	dur   float64 // seconds
	notes []note
}

var earcons = []earcon{
	// start: a gentle rising two-note chime (E5 → A5), 80 ms, peak about −14 dBFS.
	{"start", 0.080, []note{
		{start: 0, dur: 0.042, freq: 659.26, amp: 0.2, attack: 0.004, release: 0.030, harmonic: 0.15},
		{start: 0.036, dur: 0.044, freq: 880.00, amp: 0.2, attack: 0.004, release: 0.032, harmonic: 0.15},
	}},
	// tick: a soft 15 ms blip while working, peak about −26 dBFS.
	{"tick", 0.015, []note{
		{start: 0, dur: 0.015, freq: 1046.50, amp: 0.05, attack: 0.003, release: 0.010},
	}},
	// error: a low falling pair (A4 → E4), 220 ms, peak about −12 dBFS.
	{"error", 0.220, []note{
		{start: 0, dur: 0.110, freq: 440.00, amp: 0.24, attack: 0.005, release: 0.070, harmonic: 0.3},
		{start: 0.100, dur: 0.120, freq: 329.63, amp: 0.24, attack: 0.005, release: 0.090, harmonic: 0.3},
	}},
}

func main() {
	dir := flag.String("dir", "assets", "folder to write earcon_*.wav into")
	flag.Parse()
	for _, e := range earcons {
		path := filepath.Join(*dir, "earcon_"+e.name+".wav")
		if err := speech.WriteWAVFile(path, speech.Audio{SampleRate: rate, Samples: render(e)}); err != nil {
			log.Fatal(err)
		}
		fmt.Println("wrote", path)
	}
}

// render mixes e's notes into 16-bit samples.
func render(e earcon) []int16 {
	n := int(math.Round(e.dur * rate))
	mix := make([]float64, n)
	for _, nt := range e.notes {
		first := int(math.Round(nt.start * rate))
		length := int(math.Round(nt.dur * rate))
		for i := 0; i < length && first+i < n; i++ {
			t := float64(i) / rate
			ph := 2 * math.Pi * nt.freq * t
			v := math.Sin(ph) + nt.harmonic*math.Sin(2*ph)
			mix[first+i] += nt.amp / (1 + nt.harmonic) * envelope(t, nt) * v
		}
	}
	out := make([]int16, n)
	for i, v := range mix {
		out[i] = int16(math.Round(math.Max(-1, math.Min(1, v)) * 32767))
	}
	return out
}

// envelope rises over nt.attack and falls over nt.release with raised-cosine
// ramps, so the note starts and ends at exactly zero: no clicks.
func envelope(t float64, nt note) float64 {
	switch {
	case t < nt.attack:
		return 0.5 - 0.5*math.Cos(math.Pi*t/nt.attack)
	case t > nt.dur-nt.release:
		left := math.Max(0, nt.dur-t-1.0/rate)
		return 0.5 - 0.5*math.Cos(math.Pi*left/nt.release)
	}
	return 1
}
