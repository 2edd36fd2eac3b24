//go:build cgo

package espeak

/*
#include <espeak-ng/speak_lib.h>
*/
import "C"

import "unsafe"

// describerSynthCallback receives eSpeak NG's audio during espeak_Synth, on
// the owner goroutine. Returning 1 stops the synthesis.
//
//export describerSynthCallback
func describerSynthCallback(wav *C.short, n C.int, events *C.espeak_EVENT) C.int {
	if wav != nil && n > 0 {
		synthOut = append(synthOut, unsafe.Slice((*int16)(unsafe.Pointer(wav)), int(n))...)
	}
	if synthCtx != nil && synthCtx.Err() != nil {
		return 1
	}
	return 0
}
