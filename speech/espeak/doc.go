// Package espeak speaks and phonemizes text with eSpeak NG (libespeak-ng,
// linked through cgo).
//
// Two things come from the library. [Engine] is a [speech.Synthesizer]: it
// renders text straight to 22.05 kHz audio, needs no model download, and is
// the fallback voice as well as the one many screen-reader users prefer at
// high rates. [Phonemize] turns text into IPA phonemes clause by clause, the
// way Piper voices expect them.
//
// eSpeak NG is not thread-safe, so one goroutine, locked to its OS thread,
// owns the library for the whole process: it initialises it on first use and
// runs every request in turn. Every function here is safe for concurrent
// use; requests simply queue.
//
// A build without cgo (for example GOOS=windows go vet on Linux) compiles the
// same API, but everything then reports [ErrUnavailable].
//
// eSpeak NG is GPL-3.0-or-later; linking it makes the program
// GPL-3.0-or-later too.
package espeak
