package syslook

import (
	"context"
	"os/exec"
	"testing"
)

// Arguments of the two defaults commands.
const (
	argsStyle    = "read -g AppleInterfaceStyle"
	argsContrast = "read com.apple.universalaccess increaseContrast"
)

func TestReadMacWith(t *testing.T) {
	tests := []struct {
		name string
		out  map[string]string
		want Look
	}{
		{"dark, contrast", map[string]string{argsStyle: "Dark\n", argsContrast: "1\n"},
			Look{HighContrast: true, Dark: true, DarkKnown: true}},
		{"light: style absent", map[string]string{argsContrast: "0\n"}, Look{DarkKnown: true}},
		{"contrast never set", map[string]string{argsStyle: "Dark\n"}, Look{Dark: true, DarkKnown: true}},
		{"garbage", map[string]string{argsStyle: "Purple\n", argsContrast: "yes\n"}, Look{DarkKnown: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := readMacWith(context.Background(), answers(t, "defaults", tt.out), env(nil))
			if got != tt.want {
				t.Errorf("readMacWith = %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestReadMacWithUnknown(t *testing.T) {
	for name, run := range map[string]runner{
		"defaults missing": failing(notFound("defaults")),
		"deadline":         failing(context.DeadlineExceeded),
	} {
		t.Run(name, func(t *testing.T) {
			got := readMacWith(context.Background(), run, env(map[string]string{"FYNE_SCALE": "1.25"}))
			if want := (Look{TextSize: 125}); got != want {
				t.Errorf("readMacWith = %+v, want %+v", got, want)
			}
		})
	}
}

func TestMacDark(t *testing.T) {
	tests := []struct {
		name        string
		out         string
		err         error
		dark, known bool
	}{
		{"dark", "Dark\n", nil, true, true},
		{"absent key", "", &exec.ExitError{}, false, true},
		{"no defaults", "", notFound("defaults"), false, false},
		{"cancelled", "", context.Canceled, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if dark, known := macDark(tt.out, tt.err); dark != tt.dark || known != tt.known {
				t.Errorf("macDark = %v, %v, want %v, %v", dark, known, tt.dark, tt.known)
			}
		})
	}
}

func TestMacContrast(t *testing.T) {
	if !macContrast("1\n", nil) {
		t.Error(`macContrast("1") = false, want true`)
	}
	for _, out := range []string{"0\n", "", "true"} {
		if macContrast(out, nil) {
			t.Errorf("macContrast(%q) = true, want false", out)
		}
	}
	if macContrast("1\n", &exec.ExitError{}) {
		t.Error("macContrast of a failed command = true, want false")
	}
}
