package hotkey

import (
	"fmt"
	"strings"
)

// Modifier is a set of modifier keys held with a Combo's key.
type Modifier uint8

// The modifiers a Combo can hold. ModSuper is the Windows or Command key.
const (
	ModCtrl Modifier = 1 << iota
	ModAlt
	ModShift
	ModSuper
)

// modNames lists the modifiers in canonical order with their names and aliases.
var modNames = []struct {
	mod     Modifier
	name    string
	aliases []string
}{
	{ModCtrl, "Ctrl", []string{"control", "ctl"}},
	{ModAlt, "Alt", []string{"option", "opt"}},
	{ModShift, "Shift", nil},
	{ModSuper, "Super", []string{"win", "windows", "cmd", "command", "logo", "mod4"}},
}

// maxComboLen bounds the text Parse accepts; real shortcuts are far shorter.
const maxComboLen = 64

// Key is a key name in canonical form, as Parse writes it: "D", "5", "F5", "Space",
// "PageUp", "Minus" and so on.
type Key string

// Combo is a global shortcut: a key pressed while holding Mods. The zero Combo is not a
// valid shortcut. Combos are comparable, so they can be map keys.
type Combo struct {
	Mods Modifier
	Key  Key
}

// ParseError reports text that Parse cannot read as a shortcut.
type ParseError struct {
	// Input is the text given to Parse.
	Input string
	// Reason is one sentence for people, such as `"Foo" is not a key name`.
	Reason string
}

// Error returns "hotkey: parse <input>: <reason>".
func (e *ParseError) Error() string {
	return fmt.Sprintf("hotkey: parse %q: %s", e.Input, e.Reason)
}

// Parse reads a shortcut such as "Ctrl+Alt+D", "ctrl+alt+shift+F5" or "Super+Space".
// Parts are separated by "+", case does not matter and spaces around parts are ignored.
// Modifiers are Ctrl (Control), Alt (Option), Shift and Super (Win, Cmd). Exactly one key
// must follow them. A key that types text (letters, digits, Space, arrows, punctuation)
// needs Ctrl, Alt or Super, so that the shortcut does not take over ordinary typing;
// keys such as F1–F24, Pause or PrintScreen may stand alone. Errors are *ParseError.
func Parse(s string) (Combo, error) {
	fail := func(format string, args ...any) (Combo, error) {
		return Combo{}, &ParseError{Input: s, Reason: fmt.Sprintf(format, args...)}
	}
	if strings.TrimSpace(s) == "" {
		return fail("the shortcut is empty; write one like Ctrl+Alt+D")
	}
	if len(s) > maxComboLen {
		return fail("the shortcut is longer than %d characters", maxComboLen)
	}
	var c Combo
	var key keyInfo
	for part := range strings.SplitSeq(s, "+") {
		part = strings.TrimSpace(part)
		if part == "" {
			return fail("the shortcut has an empty part; write it like Ctrl+Alt+D")
		}
		if m, ok := lookupModifier(part); ok {
			if c.Key != "" {
				return fail("modifier %q comes after the key; write modifiers first, like Ctrl+Alt+D", part)
			}
			if c.Mods&m != 0 {
				return fail("%q appears twice", m)
			}
			c.Mods |= m
			continue
		}
		k, ok := lookupKey(part)
		if !ok {
			return fail("%q is not a key name; use a letter, a digit, F1 to F24 or a name such as Space", part)
		}
		if c.Key != "" {
			return fail("%q and %q are both keys; a shortcut has one key after its modifiers", c.Key, k.name)
		}
		c.Key, key = Key(k.name), k
	}
	if c.Key == "" {
		return fail("the shortcut has modifiers but no key; add one, like Ctrl+Alt+D")
	}
	if key.printable && c.Mods&(ModCtrl|ModAlt|ModSuper) == 0 {
		return fail("%s alone would stop you typing it; add Ctrl, Alt or Super", c)
	}
	return c, nil
}

// MustParse is like Parse but panics on error. It is meant for constants in programs and tests.
func MustParse(s string) Combo {
	c, err := Parse(s)
	if err != nil {
		panic(err)
	}
	return c
}

func lookupModifier(name string) (Modifier, bool) {
	for _, m := range modNames {
		if strings.EqualFold(name, m.name) {
			return m.mod, true
		}
		for _, a := range m.aliases {
			if strings.EqualFold(name, a) {
				return m.mod, true
			}
		}
	}
	return 0, false
}

// String returns the modifier names in canonical order joined by "+", such as "Ctrl+Alt".
func (m Modifier) String() string {
	var parts []string
	for _, n := range modNames {
		if m&n.mod != 0 {
			parts = append(parts, n.name)
		}
	}
	return strings.Join(parts, "+")
}

// String returns the canonical form that Parse reads back to the same Combo:
// modifiers in the order Ctrl, Alt, Shift, Super, then the key, joined by "+".
func (c Combo) String() string {
	if c.Mods == 0 {
		return string(c.Key)
	}
	return c.Mods.String() + "+" + string(c.Key)
}

// normalize checks a Combo built by hand and returns it with its key in canonical form.
func (c Combo) normalize() (Combo, keyInfo, error) {
	k, ok := lookupKey(string(c.Key))
	if !ok || c.Mods&^(ModCtrl|ModAlt|ModShift|ModSuper) != 0 {
		return Combo{}, keyInfo{}, fmt.Errorf("hotkey: %q is not a valid shortcut", c.String())
	}
	c.Key = Key(k.name)
	return c, k, nil
}
