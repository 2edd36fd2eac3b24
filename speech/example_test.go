package speech_test

import (
	"bytes"
	"context"
	"fmt"
	"time"

	"github.com/describer/describer/speech"
)

func ExampleSplit() {
	text := `Dr. Smith paid $3.50 at www.shop.com. "Thanks!" he said… Then he left.`
	for _, s := range speech.Split(text) {
		fmt.Println(s)
	}
	// Output:
	// Dr. Smith paid $3.50 at www.shop.com.
	// "Thanks!" he said…
	// Then he left.
}

func ExampleSpeakable() {
	fmt.Println(speech.Speakable("..."), speech.Speakable("😀"), speech.Speakable("A cat 😀"))
	// Output: false false true
}

func ExampleResample() {
	voice := make([]int16, 16000) // one second at 16 kHz
	device := speech.Resample(voice, 16000, 22050)
	fmt.Println(len(device))
	// Output: 22050
}

func ExampleWriteWAV() {
	var buf bytes.Buffer
	a := speech.Audio{SampleRate: 22050, Samples: make([]int16, 100)}
	if err := speech.WriteWAV(&buf, a); err != nil {
		fmt.Println(err)
	}
	fmt.Println(buf.Len(), "bytes")
	// Output: 244 bytes
}

// lengthSynth makes 10 ms of silence per character, at 16 kHz.
type lengthSynth struct{}

func (lengthSynth) SampleRate() int { return 16000 }
func (lengthSynth) Close() error    { return nil }
func (lengthSynth) Synthesize(_ context.Context, text string) (speech.Audio, error) {
	return speech.Audio{SampleRate: 16000, Samples: make([]int16, 160*len(text))}, nil
}

// printPlayer says what it would play, at 22.05 kHz.
type printPlayer struct{}

func (printPlayer) SampleRate() int { return 22050 }
func (printPlayer) Close() error    { return nil }
func (printPlayer) Play(_ context.Context, s []int16) error {
	fmt.Printf("play %.2f s\n", float64(len(s))/22050)
	return nil
}

func ExampleSpeaker() {
	sp := speech.NewSpeaker(lengthSynth{}, printPlayer{}, speech.Options{})
	sp.OnFirstAudio = func(d time.Duration) { fmt.Println("first audio") }
	if err := sp.Speak(context.Background(), "Hello there. How are you?"); err != nil {
		fmt.Println(err)
	}
	// Each sentence is resampled to the player's rate; all but the last
	// are followed by speech.DefaultPause of silence.

	// Output:
	// first audio
	// play 0.32 s
	// play 0.12 s
}
