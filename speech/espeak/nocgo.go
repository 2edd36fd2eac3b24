//go:build !cgo

package espeak

import "context"

// errNoCgo is what everything reports in a build without cgo.
var errNoCgo = sentence(ErrUnavailable,
	"espeak: eSpeak NG is not available in this build (it was built without cgo)")

func librarySampleRate() (int, error) { return 0, errNoCgo }

func checkVoice(string) error { return errNoCgo }

func textToPhonemes(string, string) ([]rawClause, error) { return nil, errNoCgo }

func synthesize(context.Context, string, string, int, int) ([]int16, error) {
	return nil, errNoCgo
}
