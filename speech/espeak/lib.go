//go:build cgo

package espeak

/*
#cgo LDFLAGS: -lespeak-ng
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <espeak-ng/speak_lib.h>

extern int describerSynthCallback(short *wav, int numsamples, espeak_EVENT *events);

static int describer_init(void) {
	int rate = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, NULL, espeakINITIALIZE_DONT_EXIT);
	if (rate > 0) {
		espeak_SetSynthCallback(describerSynthCallback);
	}
	return rate;
}

// describer_phonemes phonemizes the clause starting at base+*offset and sets
// *offset to where the next clause starts, or -1 at the end of the text.
static const char *describer_phonemes(const char *base, long *offset) {
	const void *p = base + *offset;
	const char *ph = espeak_TextToPhonemes(&p, espeakCHARS_UTF8, espeakPHONEMES_IPA);
	*offset = p ? (long)((const char *)p - base) : -1;
	return ph;
}

// describer_set_language selects the voice for a language code such as
// "en-gb" that some installed voice lists, for names espeak_SetVoiceByName
// does not know. It returns EE_NOT_FOUND for a code no voice lists.
static int describer_set_language(const char *lang) {
	const espeak_VOICE **v = espeak_ListVoices(NULL);
	for (; v != NULL && *v != NULL; v++) {
		// languages: entries of a priority byte, a code and a NUL; a zero
		// priority byte ends the list.
		for (const char *p = (*v)->languages; p != NULL && *p != 0; p += strlen(p + 1) + 2) {
			if (strcasecmp(p + 1, lang) == 0) {
				// Copy the code: the list belongs to the library.
				char code[64];
				strncpy(code, p + 1, sizeof code - 1);
				code[sizeof code - 1] = 0;
				espeak_VOICE spec;
				memset(&spec, 0, sizeof spec);
				spec.languages = code;
				return espeak_SetVoiceByProperties(&spec);
			}
		}
	}
	return EE_NOT_FOUND;
}

static int describer_synth(const char *text, size_t size) {
	return espeak_Synth(text, size, 0, POS_CHARACTER, 0, espeakCHARS_UTF8 | espeakENDPAUSE, NULL, NULL);
}
*/
import "C"

import (
	"context"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"unsafe"
)

// owner is the goroutine that owns eSpeak NG. Only it calls into the
// library; everything else sends it functions to run.
var owner struct {
	once sync.Once
	reqs chan func()
	err  error // why the library could not start; set before ready closes
	rate int
}

// The owner goroutine's own state, touched by nothing else.
var (
	currentVoice string          // the voice last set, "" if unknown
	synthCtx     context.Context // the synthesis in progress
	synthOut     []int16         // its samples so far
)

// start starts the owner goroutine once and reports whether the library
// initialised.
func start() error {
	owner.once.Do(func() {
		owner.reqs = make(chan func())
		ready := make(chan struct{})
		go own(ready)
		<-ready
	})
	return owner.err
}

// own initialises eSpeak NG on a thread of its own and then runs requests
// until the process ends.
func own(ready chan<- struct{}) {
	runtime.LockOSThread() // never unlocked: the thread belongs to eSpeak NG
	rate := int(C.describer_init())
	if rate <= 0 {
		owner.err = sentence(ErrUnavailable,
			"espeak: eSpeak NG cannot start: its data files (espeak-ng-data) were not found; install espeak-ng-data or set ESPEAK_DATA_PATH")
		close(ready)
		return
	}
	owner.rate = rate
	close(ready)
	for f := range owner.reqs {
		f()
	}
}

// do runs f on the owner goroutine and waits for it. It gives up without
// running f if ctx ends while f waits its turn.
func do(ctx context.Context, f func()) error {
	if err := start(); err != nil {
		return err
	}
	done := make(chan struct{})
	select {
	case owner.reqs <- func() { defer close(done); f() }:
	case <-ctx.Done():
		return ctx.Err()
	}
	<-done
	return nil
}

// librarySampleRate returns the rate espeak_Initialize reported.
func librarySampleRate() (int, error) {
	if err := start(); err != nil {
		return 0, err
	}
	return owner.rate, nil
}

// setVoice selects voice, by eSpeak NG voice name ("en-us", "de",
// "en-us+f3") or else by language code ("en-gb", "pt-br"); it runs on the
// owner goroutine.
func setVoice(voice string) error {
	if voice == currentVoice {
		return nil
	}
	if strings.ContainsRune(voice, 0) {
		return unknownVoice(voice)
	}
	cs := C.CString(voice)
	defer C.free(unsafe.Pointer(cs))
	if C.espeak_SetVoiceByName(cs) != C.EE_OK && C.describer_set_language(cs) != C.EE_OK {
		currentVoice = ""
		return unknownVoice(voice)
	}
	currentVoice = voice
	return nil
}

// checkVoice reports whether eSpeak NG has voice.
func checkVoice(voice string) error {
	var err error
	if derr := do(context.Background(), func() { err = setVoice(voice) }); derr != nil {
		return derr
	}
	return err
}

// textToPhonemes runs espeak_TextToPhonemes over the whole of text, clause
// by clause. It always runs to the end of the text, so that no character
// eSpeak NG read ahead is left over for the next caller.
func textToPhonemes(voice, text string) ([]rawClause, error) {
	var out []rawClause
	var err error
	derr := do(context.Background(), func() {
		if err = setVoice(voice); err != nil {
			return
		}
		out, err = phonemizeAll(text)
	})
	if derr != nil {
		return nil, derr
	}
	return out, err
}

// phonemizeAll is the loop of textToPhonemes; it runs on the owner
// goroutine.
func phonemizeAll(text string) ([]rawClause, error) {
	cs := C.CString(text)
	defer C.free(unsafe.Pointer(cs))
	var out []rawClause
	off := C.long(0)
	for steps := 0; off >= 0; steps++ {
		if steps > len(text)+8 { // every call consumes text or ends it
			return out, fmt.Errorf("espeak: phonemizing stopped advancing at byte %d of %d", off, len(text))
		}
		prev := int(off)
		ph := C.GoString(C.describer_phonemes(cs, &off))
		end := len(text)
		if off >= 0 {
			end = min(max(int(off), prev), len(text))
		}
		out = append(out, rawClause{phonemes: ph, consumed: text[prev:end], more: off >= 0})
	}
	return out, nil
}

// synthesize renders text with the given voice, rate (words per minute)
// and volume (0-200, 100 normal) and returns the samples. A cancelled ctx
// stops the synthesis at the next block of audio.
func synthesize(ctx context.Context, voice, text string, rate, volume int) ([]int16, error) {
	var out []int16
	var err error
	derr := do(ctx, func() {
		if err = ctx.Err(); err != nil {
			return
		}
		if err = setVoice(voice); err != nil {
			return
		}
		out, err = synthesizeNow(ctx, text, rate, volume)
	})
	if derr != nil {
		return nil, derr
	}
	return out, err
}

// synthesizeNow is the body of synthesize; it runs on the owner goroutine.
func synthesizeNow(ctx context.Context, text string, rate, volume int) ([]int16, error) {
	if st := C.espeak_SetParameter(C.espeakRATE, C.int(rate), 0); st != C.EE_OK {
		return nil, fmt.Errorf("espeak: set rate %d: error %d", rate, int(st))
	}
	if st := C.espeak_SetParameter(C.espeakVOLUME, C.int(volume), 0); st != C.EE_OK {
		return nil, fmt.Errorf("espeak: set volume %d: error %d", volume, int(st))
	}
	cs := C.CString(text)
	defer C.free(unsafe.Pointer(cs))
	synthCtx, synthOut = ctx, nil
	defer func() { synthCtx, synthOut = nil, nil }()
	if st := C.describer_synth(cs, C.size_t(len(text)+1)); st != C.EE_OK {
		return nil, fmt.Errorf("espeak: synthesis failed: error %d", int(st))
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return synthOut, nil
}
