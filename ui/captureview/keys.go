package captureview

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"github.com/describer/describer/app/i18n"
)

// How far the scroll keys move, as a share of the visible part.
const (
	arrowStep = 0.1 // the arrow keys
	pageStep  = 0.9 // Page Up and Page Down
)

// TypedKey scrolls on the arrow keys, Page Up, Page Down, Home and End,
// and hands every other key to the keys New was given.
func (v *View) TypedKey(ev *fyne.KeyEvent) {
	if v.scrollKey(ev.Name) {
		return
	}
	if v.keys != nil {
		v.keys(ev)
	}
}

// scrollKey scrolls for key and reports whether key is one that scrolls.
// The scroll bounds the offset to the page.
func (v *View) scrollKey(key fyne.KeyName) bool {
	o, s := v.scroll.Offset, v.scroll.Size()
	switch key {
	case fyne.KeyLeft:
		o.X -= arrowStep * s.Width
	case fyne.KeyRight:
		o.X += arrowStep * s.Width
	case fyne.KeyUp:
		o.Y -= arrowStep * s.Height
	case fyne.KeyDown:
		o.Y += arrowStep * s.Height
	case fyne.KeyPageUp:
		o.Y -= pageStep * s.Height
	case fyne.KeyPageDown:
		o.Y += pageStep * s.Height
	case fyne.KeyHome:
		o = fyne.Position{}
	case fyne.KeyEnd:
		o = fyne.NewPos(v.page.Size().Width, v.page.Size().Height)
	default:
		return false
	}
	v.scroll.ScrollToOffset(o)
	return true
}

// TypedRune ignores typing.
func (v *View) TypedRune(rune) {}

// TypedShortcut zooms on Ctrl+Plus, Ctrl+Minus and Ctrl+0 and says the
// new zoom; every other shortcut goes to Shortcut.
func (v *View) TypedShortcut(s fyne.Shortcut) {
	if percent, ok := zoomFor(s, v.Zoom()); ok {
		v.SetZoom(percent)
		v.say(i18n.T("capture-view.zoom", "Percent", v.Zoom()))
		return
	}
	if v.Shortcut != nil {
		v.Shortcut(s)
	}
}

// zoomFor returns the zoom shortcut s asks for, from percent, and whether
// s is a zoom shortcut. Plus may come with Shift, as on keyboards where
// it is Shift and the = key.
func zoomFor(s fyne.Shortcut, percent int) (int, bool) {
	c, ok := s.(*desktop.CustomShortcut)
	if !ok {
		return 0, false
	}
	ctrl := c.Modifier == fyne.KeyModifierShortcutDefault
	ctrlShift := c.Modifier == fyne.KeyModifierShortcutDefault|fyne.KeyModifierShift
	switch {
	case (c.KeyName == fyne.KeyEqual || c.KeyName == fyne.KeyPlus) && (ctrl || ctrlShift):
		return zoomIn(percent), true
	case c.KeyName == fyne.KeyMinus && ctrl:
		return zoomOut(percent), true
	case c.KeyName == fyne.Key0 && ctrl:
		return 100, true
	}
	return 0, false
}
