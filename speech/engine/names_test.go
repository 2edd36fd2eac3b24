package engine

import (
	"errors"
	"testing"
)

func TestCheck(t *testing.T) {
	for _, name := range Names() {
		if err := Check(name); err != nil {
			t.Errorf("Check(%q) = %v", name, err)
		}
	}
	for _, name := range []string{"", "sam", "Piper", "espeak-ng"} {
		if err := Check(name); !errors.Is(err, ErrUnknownEngine) {
			t.Errorf("Check(%q) = %v, want ErrUnknownEngine", name, err)
		}
	}
	want := `unknown engine "sam"; use auto, piper, espeak or screenreader`
	if err := Check("sam"); err.Error() != want {
		t.Errorf("Check(sam) = %q, want %q", err, want)
	}
}
