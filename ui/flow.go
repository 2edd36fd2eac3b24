package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
)

// windowLayout arranges the window from the top: the first buttons
// objects in rows that wrap at the window's width (at large text sizes the
// buttons take several rows instead of running off the screen), then the
// next object, the status line, in the rest of the last row when at least
// minFill of the width is left there, else in a row of its own; then each
// further object but the last at its own height and the full width, and
// the last in the rest of the height. Objects keep their order, which is
// the focus order.
type windowLayout struct {
	buttons int
	width   float32 // of the last Layout, for MinSize; 0 before it
}

// minFill is the least share of the width the status line takes beside
// the buttons.
const minFill = 0.3

// statusLines is how many lines of the status line show at once in a row
// of its own; a longer one scrolls.
const statusLines = 2

// Layout places the objects in size.
func (w *windowLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	w.width = size.Width
	pad := theme.Padding()
	y := w.flow(objs[:w.buttons+1], size.Width, true)
	for i, o := range objs[w.buttons+1:] {
		h := o.MinSize().Height
		if i == len(objs)-w.buttons-2 {
			h = max(size.Height-y, 0)
		}
		o.Move(fyne.NewPos(0, y))
		o.Resize(fyne.NewSize(size.Width, h))
		y += h + pad
	}
}

// MinSize is as wide as the widest object and as tall as the objects are
// at the width of the last layout (one row of buttons before the first).
func (w *windowLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	width := w.width
	if width == 0 {
		width = rowWidth(objs[:w.buttons])
	}
	var need fyne.Size
	for _, o := range objs {
		need.Width = max(need.Width, o.MinSize().Width)
	}
	need.Height = w.flow(objs[:w.buttons+1], max(width, need.Width), false)
	for _, o := range objs[w.buttons+1:] {
		need.Height += o.MinSize().Height
	}
	need.Height += theme.Padding() * float32(len(objs)-w.buttons-2)
	return need
}

// flow lays out (when place is set) objs in rows no wider than width, the
// last filling the rest of its row, and returns the height they take with
// the padding below them.
func (w *windowLayout) flow(objs []fyne.CanvasObject, width float32, place bool) float32 {
	pad := theme.Padding()
	var x, y, rowHeight float32
	for i, o := range objs {
		if !o.Visible() {
			continue
		}
		s := o.MinSize()
		if i == len(objs)-1 {
			if x > 0 && width-x < minFill*width {
				x, y, rowHeight = 0, y+rowHeight+pad, 0
			}
			s = fillHeight(o, width-x, x > 0)
		}
		if x > 0 && x+s.Width > width {
			x, y, rowHeight = 0, y+rowHeight+pad, 0
		}
		if place {
			o.Move(fyne.NewPos(x, y))
			o.Resize(s)
		}
		x += s.Width + pad
		rowHeight = max(rowHeight, s.Height)
	}
	if len(objs) == 0 {
		return 0
	}
	return y + rowHeight + pad
}

// fillHeight returns the size of o, the status line, at width: as tall as
// its words wrapped to width, up to statusLines lines, or one line when
// it stands beside the buttons (it scrolls beyond).
func fillHeight(o fyne.CanvasObject, width float32, beside bool) fyne.Size {
	s, ok := o.(*container.Scroll)
	if !ok {
		return fyne.NewSize(width, o.MinSize().Height)
	}
	s.Content.Resize(fyne.NewSize(width, s.Content.Size().Height))
	lines := float32(statusLines)
	if beside {
		lines = 1
	}
	most := fyne.MeasureText("Ag", theme.TextSize(), fyne.TextStyle{}).Height*lines + 2*theme.InnerPadding()
	return fyne.NewSize(width, min(s.Content.MinSize().Height, most))
}

// rowWidth is the width of objs side by side.
func rowWidth(objs []fyne.CanvasObject) float32 {
	var width float32
	for _, o := range objs {
		if o.Visible() {
			width += o.MinSize().Width + theme.Padding()
		}
	}
	return width
}
