package hotkey

import (
	"strconv"
	"strings"
)

// keyInfo describes one key a Combo may name: its canonical name, the X11 keysym
// (the unshifted symbol) and the Windows virtual-key code.
type keyInfo struct {
	name      string
	keysym    uint32
	vk        uint16
	printable bool // typing it alone or with Shift produces text
}

// keys maps a lower-case key name or alias to its description.
var keys = buildKeys()

func buildKeys() map[string]keyInfo {
	m := make(map[string]keyInfo)
	add := func(k keyInfo, aliases ...string) {
		m[strings.ToLower(k.name)] = k
		for _, a := range aliases {
			m[strings.ToLower(a)] = k
		}
	}
	for i := range 26 {
		add(keyInfo{name: string(rune('A' + i)), keysym: uint32('a' + i), vk: uint16('A' + i), printable: true})
	}
	for i := range 10 {
		add(keyInfo{name: string(rune('0' + i)), keysym: uint32('0' + i), vk: uint16('0' + i), printable: true})
	}
	for i := range 24 {
		add(keyInfo{name: "F" + strconv.Itoa(i+1), keysym: 0xffbe + uint32(i), vk: 0x70 + uint16(i)})
	}
	for _, k := range []struct {
		keyInfo
		aliases []string
	}{
		{keyInfo{"Space", 0x0020, 0x20, true}, nil},
		{keyInfo{"Enter", 0xff0d, 0x0d, true}, []string{"Return"}},
		{keyInfo{"Tab", 0xff09, 0x09, true}, nil},
		{keyInfo{"Backspace", 0xff08, 0x08, true}, nil},
		{keyInfo{"Escape", 0xff1b, 0x1b, false}, []string{"Esc"}},
		{keyInfo{"Delete", 0xffff, 0x2e, true}, []string{"Del"}},
		{keyInfo{"Insert", 0xff63, 0x2d, false}, []string{"Ins"}},
		{keyInfo{"Home", 0xff50, 0x24, true}, nil},
		{keyInfo{"End", 0xff57, 0x23, true}, nil},
		{keyInfo{"PageUp", 0xff55, 0x21, true}, []string{"PgUp", "Prior"}},
		{keyInfo{"PageDown", 0xff56, 0x22, true}, []string{"PgDn", "Next"}},
		{keyInfo{"Left", 0xff51, 0x25, true}, []string{"ArrowLeft"}},
		{keyInfo{"Up", 0xff52, 0x26, true}, []string{"ArrowUp"}},
		{keyInfo{"Right", 0xff53, 0x27, true}, []string{"ArrowRight"}},
		{keyInfo{"Down", 0xff54, 0x28, true}, []string{"ArrowDown"}},
		{keyInfo{"PrintScreen", 0xff61, 0x2c, false}, []string{"Print", "PrtSc", "PrtScn"}},
		{keyInfo{"Pause", 0xff13, 0x13, false}, []string{"Break"}},
		{keyInfo{"ScrollLock", 0xff14, 0x91, false}, nil},
		{keyInfo{"Menu", 0xff67, 0x5d, false}, []string{"Apps"}},
		{keyInfo{"Minus", 0x002d, 0xbd, true}, []string{"-"}},
		{keyInfo{"Equal", 0x003d, 0xbb, true}, []string{"="}},
		{keyInfo{"Comma", 0x002c, 0xbc, true}, []string{","}},
		{keyInfo{"Period", 0x002e, 0xbe, true}, []string{"."}},
		{keyInfo{"Slash", 0x002f, 0xbf, true}, []string{"/"}},
		{keyInfo{"Semicolon", 0x003b, 0xba, true}, []string{";"}},
		{keyInfo{"Apostrophe", 0x0027, 0xde, true}, []string{"'"}},
		{keyInfo{"Grave", 0x0060, 0xc0, true}, []string{"`"}},
		{keyInfo{"BracketLeft", 0x005b, 0xdb, true}, []string{"["}},
		{keyInfo{"BracketRight", 0x005d, 0xdd, true}, []string{"]"}},
		{keyInfo{"Backslash", 0x005c, 0xdc, true}, []string{`\`}},
	} {
		add(k.keyInfo, k.aliases...)
	}
	return m
}

// lookupKey finds a key by name or alias, ignoring case.
func lookupKey(name string) (keyInfo, bool) {
	k, ok := keys[strings.ToLower(name)]
	return k, ok
}
