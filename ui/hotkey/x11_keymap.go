//go:build linux || freebsd || openbsd || netbsd

package hotkey

import (
	"fmt"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/xproto"
)

// x11Keymap is the server's keyboard and modifier mapping, read when a shortcut is registered.
type x11Keymap struct {
	minCode    xproto.Keycode
	perCode    int
	syms       []xproto.Keysym // perCode keysyms for each keycode from minCode on
	alt        uint16          // modifier masks found in the modifier map
	super      uint16
	numLock    uint16
	scrollLock uint16
}

// readKeymap asks the server for its keyboard and modifier mappings.
func readKeymap(conn *xgb.Conn) (*x11Keymap, error) {
	setup := xproto.Setup(conn)
	lo, hi := setup.MinKeycode, setup.MaxKeycode
	if hi < lo {
		return nil, fmt.Errorf("keymap: server reports keycodes %d to %d", lo, hi)
	}
	kr, err := xproto.GetKeyboardMapping(conn, lo, byte(int(hi)-int(lo)+1)).Reply()
	if err != nil {
		return nil, fmt.Errorf("keymap: get keyboard mapping: %w", err)
	}
	km := &x11Keymap{minCode: lo, perCode: int(kr.KeysymsPerKeycode), syms: kr.Keysyms}
	mr, err := xproto.GetModifierMapping(conn).Reply()
	if err != nil {
		return nil, fmt.Errorf("keymap: get modifier mapping: %w", err)
	}
	km.readModifiers(mr.Keycodes, int(mr.KeycodesPerModifier))
	return km, nil
}

// symsOf returns the keysyms of a keycode, or nil if the server did not describe it.
func (km *x11Keymap) symsOf(code xproto.Keycode) []xproto.Keysym {
	if km.perCode <= 0 || code < km.minCode {
		return nil
	}
	i := int(code-km.minCode) * km.perCode
	if i+km.perCode > len(km.syms) {
		return nil
	}
	return km.syms[i : i+km.perCode]
}

// codesFor returns the keycodes that type sym without Shift; if there are none, those
// that type it in any column.
func (km *x11Keymap) codesFor(sym uint32) []xproto.Keycode {
	for _, anyColumn := range []bool{false, true} {
		var codes []xproto.Keycode
		for code := int(km.minCode); code <= 255; code++ {
			syms := km.symsOf(xproto.Keycode(code))
			if len(syms) == 0 {
				break
			}
			if !anyColumn {
				syms = syms[:1]
			}
			for _, s := range syms {
				if uint32(s) == sym {
					codes = append(codes, xproto.Keycode(code))
					break
				}
			}
		}
		if len(codes) > 0 {
			return codes
		}
	}
	return nil
}

// readModifiers finds which of Mod1–Mod5 hold Alt, Super, NumLock and ScrollLock. The
// modifier map lists perMod keycodes for each of Shift, Lock, Control, Mod1 … Mod5.
func (km *x11Keymap) readModifiers(codes []xproto.Keycode, perMod int) {
	for mod := 3; mod < 8 && perMod > 0; mod++ {
		for j := 0; j < perMod && mod*perMod+j < len(codes); j++ {
			for _, s := range km.symsOf(codes[mod*perMod+j]) {
				bit := uint16(1) << mod
				switch s {
				case xkAltL, xkAltR:
					km.alt |= bit
				case xkSuperL, xkSuperR:
					km.super |= bit
				case xkNumLock:
					km.numLock |= bit
				case xkScrollLock:
					km.scrollLock |= bit
				}
			}
		}
	}
}

// mask returns the X modifier mask for mods. Alt and Super fall back to the usual Mod1 and
// Mod4 when the modifier map does not say.
func (km *x11Keymap) mask(mods Modifier) uint16 {
	var m uint16
	if mods&ModShift != 0 {
		m |= xproto.ModMaskShift
	}
	if mods&ModCtrl != 0 {
		m |= xproto.ModMaskControl
	}
	if mods&ModAlt != 0 {
		m |= lowestBit(km.alt, xproto.ModMask1)
	}
	if mods&ModSuper != 0 {
		m |= lowestBit(km.super, xproto.ModMask4)
	}
	return m
}

// lowestBit returns the lowest set bit of m, or def if m is zero.
func lowestBit(m, def uint16) uint16 {
	if m == 0 {
		return def
	}
	return m & -m
}
