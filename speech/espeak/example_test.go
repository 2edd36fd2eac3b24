//go:build cgo

package espeak_test

import (
	"context"
	"fmt"
	"log"

	"github.com/describer/describer/speech"
	"github.com/describer/describer/speech/espeak"
)

// Phonemize gives IPA clause by clause, with the punctuation that ended each
// clause, for Piper voices.
func ExamplePhonemize() {
	clauses, err := espeak.Phonemize("en-us", "Hello, world. Is it 3.5?")
	if err != nil {
		log.Fatal(err)
	}
	for _, c := range clauses {
		fmt.Printf("%s | %s | sentence end: %v\n", c.Phonemes, c.Terminator, c.SentenceEnd)
	}
	// Output:
	// həlˈoʊ | , | sentence end: false
	// wˈɜːld | . | sentence end: true
	// ɪz ɪt θɹˈiː pɔɪnt fˈaɪv | ? | sentence end: true
}

// An Engine speaks directly, at any rate a screen-reader user likes.
func ExampleEngine() {
	e, err := espeak.New(speech.Options{Voice: "en-us", Rate: 300})
	if err != nil {
		log.Fatal(err) // e.g. `espeak: eSpeak NG has no voice named "xx"`
	}
	defer e.Close()
	audio, err := e.Synthesize(context.Background(), "Hello world.")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(audio.SampleRate, audio.Duration() > 0.3)
	quiet, _ := e.Synthesize(context.Background(), "😀 !!!")
	fmt.Println(len(quiet.Samples))
	// Output:
	// 22050 true
	// 0
}
