package hotkey

import (
	"errors"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		in   string
		want Combo
		str  string
	}{
		{"Ctrl+Alt+D", Combo{ModCtrl | ModAlt, "D"}, "Ctrl+Alt+D"},
		{"ctrl+alt+shift+F5", Combo{ModCtrl | ModAlt | ModShift, "F5"}, "Ctrl+Alt+Shift+F5"},
		{"Super+Space", Combo{ModSuper, "Space"}, "Super+Space"},
		{" alt + control + d ", Combo{ModCtrl | ModAlt, "D"}, "Ctrl+Alt+D"},
		{"Win+Shift+return", Combo{ModShift | ModSuper, "Enter"}, "Shift+Super+Enter"},
		{"Cmd+Option+pgdn", Combo{ModAlt | ModSuper, "PageDown"}, "Alt+Super+PageDown"},
		{"F12", Combo{0, "F12"}, "F12"},
		{"Shift+PrintScreen", Combo{ModShift, "PrintScreen"}, "Shift+PrintScreen"},
		{"Ctrl+-", Combo{ModCtrl, "Minus"}, "Ctrl+Minus"},
		{"Ctrl+Alt+7", Combo{ModCtrl | ModAlt, "7"}, "Ctrl+Alt+7"},
		{"CTRL+ESC", Combo{ModCtrl, "Escape"}, "Ctrl+Escape"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := Parse(tt.in)
			if err != nil {
				t.Fatalf("Parse(%q): %v", tt.in, err)
			}
			if got != tt.want {
				t.Errorf("Parse(%q) = %#v, want %#v", tt.in, got, tt.want)
			}
			if s := got.String(); s != tt.str {
				t.Errorf("String() = %q, want %q", s, tt.str)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		in   string
		want string // a phrase the reason must contain
	}{
		{"", "empty"},
		{"   ", "empty"},
		{"Ctrl+Alt+", "empty part"},
		{"+D", "empty part"},
		{"Ctrl+Alt", "no key"},
		{"Ctrl+Foo", `"Foo" is not a key name`},
		{"Ctrl+Q+D", `"Q" and "D" are both keys`},
		{"Ctrl+Control+D", `"Ctrl" appears twice`},
		{"D+Ctrl", "comes after the key"},
		{"D", "D alone would stop you typing"},
		{"Shift+D", "Shift+D alone would stop you typing"},
		{strings.Repeat("Ctrl+", 20) + "D", "longer than"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			_, err := Parse(tt.in)
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("Parse(%q) error = %v, want *ParseError", tt.in, err)
			}
			if pe.Input != tt.in || !strings.Contains(pe.Reason, tt.want) {
				t.Errorf("Parse(%q) = %+v, want reason containing %q", tt.in, pe, tt.want)
			}
			if strings.Contains(pe.Reason, ". ") || strings.Contains(pe.Reason, "\n") {
				t.Errorf("reason %q is not one sentence", pe.Reason)
			}
			if !strings.HasPrefix(err.Error(), "hotkey: parse ") {
				t.Errorf("Error() = %q, want the operation prefix", err)
			}
		})
	}
}

func TestNormalize(t *testing.T) {
	c, _, err := Combo{ModCtrl, "d"}.normalize()
	if err != nil || c != (Combo{ModCtrl, "D"}) {
		t.Errorf("normalize lower-case key = %v, %v", c, err)
	}
	for _, bad := range []Combo{{}, {ModCtrl, "nope"}, {Modifier(0x80), "D"}} {
		if _, _, err := bad.normalize(); err == nil {
			t.Errorf("normalize(%#v) succeeded", bad)
		}
	}
}

func TestTakenError(t *testing.T) {
	err := takenError(MustParse("Ctrl+Alt+D"), errors.New("BadAccess"))
	if !errors.Is(err, ErrTaken) {
		t.Errorf("errors.Is(%v, ErrTaken) = false", err)
	}
	want := "Ctrl+Alt+D is already used by another program; choose another in Settings."
	if err.Error() != want {
		t.Errorf("Error() = %q, want %q", err, want)
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"Ctrl+Alt+D", "ctrl+alt+shift+F5", "Super+Space", "+", "Ctrl++", "F24", "Win+;"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := Parse(s)
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) || pe.Reason == "" {
				t.Fatalf("Parse(%q) error %v is not a *ParseError with a reason", s, err)
			}
			return
		}
		back, err := Parse(c.String())
		if err != nil || back != c {
			t.Fatalf("Parse(%q) = %v; Parse(String()) = %v, %v", s, c, back, err)
		}
		if _, _, err := c.normalize(); err != nil {
			t.Fatalf("Parse(%q) gave a combo normalize rejects: %v", s, err)
		}
	})
}
