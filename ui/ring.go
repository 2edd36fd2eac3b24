package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
)

// Theme names of Describer's own (see look): the colour and width of the
// focus outline and the width of a control's border, 0 for none.
const (
	colorNameFocusRing fyne.ThemeColorName = "describerFocusRing"
	sizeNameFocusRing  fyne.ThemeSizeName  = "describerFocusRing"
	sizeNameBorder     fyne.ThemeSizeName  = "describerControlBorder"
)

// ring is a control's focus outline: thick and opaque in every theme, and
// drawn just outside the control, so that it stands out against the
// window's background whatever the control's own colours; a low-vision
// user sees at once where the keyboard is. Where the theme asks for
// control borders (the high-contrast ones), it draws the border, inside
// the control, while the control is not focused. A widget embeds a ring, wraps its
// renderer with it and calls focus from FocusGained and FocusLost.
type ring struct {
	focused bool
	rect    *canvas.Rectangle
	widget  fyne.Widget
	size    fyne.Size // of the control
}

// wrap returns r drawn with the ring on top, for w.
func (g *ring) wrap(w fyne.Widget, r fyne.WidgetRenderer) fyne.WidgetRenderer {
	g.widget = w
	g.rect = canvas.NewRectangle(color.Transparent)
	g.paint()
	return &ringRenderer{WidgetRenderer: r, ring: g}
}

// focus records whether the control has the keyboard and redraws it.
func (g *ring) focus(on bool) {
	g.focused = on
	if g.widget != nil {
		g.widget.Refresh()
	}
}

// paint sets the outline's colour, width and place for the current
// theme and focus.
func (g *ring) paint() {
	g.rect.FillColor = color.Transparent
	var out float32 // how far it reaches outside the control
	switch {
	case g.focused:
		g.rect.StrokeColor = theme.Color(colorNameFocusRing)
		g.rect.StrokeWidth = theme.Size(sizeNameFocusRing)
		out = g.rect.StrokeWidth
	default:
		g.rect.StrokeColor = theme.Color(theme.ColorNameInputBorder)
		g.rect.StrokeWidth = theme.Size(sizeNameBorder)
	}
	g.rect.Move(fyne.NewPos(-out, -out))
	g.rect.Resize(g.size.AddWidthHeight(2*out, 2*out))
}

// ringRenderer is a widget's renderer with its ring drawn last, over the
// whole widget.
type ringRenderer struct {
	fyne.WidgetRenderer
	ring *ring
}

// Layout lays out the widget and places the ring around it.
func (r *ringRenderer) Layout(s fyne.Size) {
	r.WidgetRenderer.Layout(s)
	r.ring.size = s
	r.ring.paint()
}

// Objects are the widget's, then the ring.
func (r *ringRenderer) Objects() []fyne.CanvasObject {
	objs := r.WidgetRenderer.Objects()
	return append(objs[:len(objs):len(objs)], r.ring.rect)
}

// Refresh redraws the widget and the ring.
func (r *ringRenderer) Refresh() {
	r.WidgetRenderer.Refresh()
	r.ring.paint()
	r.ring.rect.Refresh()
}
