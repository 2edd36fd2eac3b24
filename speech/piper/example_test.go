package piper_test

import (
	"context"
	"fmt"
	"log"

	"github.com/describer/describer/inference/ort"
	"github.com/describer/describer/speech"
	"github.com/describer/describer/speech/piper"
)

// Load a voice, choose a rate, and speak a sentence.
func Example() {
	rt, err := ort.Open(ort.Options{DataDir: "/home/me/.local/share/describer"})
	if err != nil {
		log.Fatal(err)
	}
	defer rt.Close()
	v, err := piper.LoadVoice("/home/me/.local/share/describer/voices/en_US-lessac-medium.onnx", rt.Opener())
	if err != nil {
		log.Fatal(err) // e.g. "piper: voice config … has no audio.sample_rate"
	}
	defer v.Close()
	if err := v.SetOptions(speech.Options{Rate: 220}); err != nil {
		log.Fatal(err)
	}
	audio, err := v.Synthesize(context.Background(), "Hello world.")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%.1f s at %d Hz\n", audio.Duration(), audio.SampleRate)
}

// Phoneme ids follow Piper: ^ _, each phoneme then _, and $.
func ExampleConfig_PhonemeIDs() {
	cfg, err := piper.ParseConfig([]byte(`{
		"audio": {"sample_rate": 22050},
		"espeak": {"voice": "en-us"},
		"phoneme_id_map": {"_": [0], "^": [1], "$": [2], " ": [3], ".": [10],
			"h": [20], "i": [21], "ˈ": [120], "ː": [122]}
	}`), "example.onnx.json")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(cfg.PhonemeIDs("hˈiː.", func(p string) { fmt.Printf("skipped %q\n", p) }))
	fmt.Println(cfg.PhonemeIDs("hˈaɪ.", func(p string) { fmt.Printf("skipped %q\n", p) }))
	// Output:
	// [1 0 20 0 120 0 21 0 122 0 10 0 2]
	// skipped "a"
	// skipped "ɪ"
	// [1 0 20 0 120 0 10 0 2]
}
