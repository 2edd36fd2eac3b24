package captureview

import (
	"image"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/describer/describer/app/i18n"
)

// View shows an image with its text blocks outlined and numbered in
// reading order, zoomable and scrollable in both directions. It is
// focusable and draws a thick outline round itself while it has focus.
// Use it from the Fyne goroutine only (fyne.Do from others).
type View struct {
	widget.BaseWidget

	// Shortcut gets the shortcuts the view does not use, such as the
	// window's Ctrl+D and Ctrl+C, while the view has focus (Fyne gives a
	// focused widget the shortcuts before the window); it reports whether
	// it used one. Nil drops them.
	Shortcut func(fyne.Shortcut) bool

	page    *page
	scroll  *container.Scroll
	focused bool
	say     func(string)
	keys    func(*fyne.KeyEvent) bool
}

// New makes a view of img (nil shows and says "No image.") at 100 %,
// with blocks, the rectangles of its text blocks in reading order, in
// img's own coordinates (those of img.Bounds()). say speaks short
// messages, as the app voices itself; keys gets the keys the view does
// not use, such as Escape and F1, and returns true when it used one
// (nil drops them).
func New(img image.Image, blocks []image.Rectangle, say func(string), keys func(*fyne.KeyEvent) bool) *View {
	if say == nil {
		say = func(string) {}
	}
	v := &View{page: newPage(), say: say, keys: keys}
	v.page.set(img, blocks)
	v.scroll = container.NewScroll(v.page)
	v.ExtendBaseWidget(v)
	return v
}

// SetImage replaces the image and its blocks, as New takes them, zooms
// back to 100 % and scrolls to the top-left corner.
func (v *View) SetImage(img image.Image, blocks []image.Rectangle) {
	v.page.set(img, blocks)
	v.show(fyne.Position{})
}

// Zoom returns the zoom in percent.
func (v *View) Zoom() int { return v.page.zoom }

// SetZoom zooms to percent, bounded to MinZoom..MaxZoom, keeping the
// point at the middle of the visible part where it is as far as the
// image's edges allow. It says nothing; the zoom keys do.
func (v *View) SetZoom(percent int) {
	centre := v.centre()
	v.page.zoom = clampZoom(percent)
	v.show(v.offsetFor(centre))
}

// show lays the page out afresh and scrolls to offset, which the scroll
// bounds to the page.
func (v *View) show(offset fyne.Position) {
	v.page.Refresh()
	v.page.Resize(v.page.MinSize().Max(v.scroll.Size()))
	v.scroll.ScrollToOffset(offset)
	v.scroll.Refresh()
}

// centre is the point at the middle of the visible part, in image pixels
// from the image's top-left corner.
func (v *View) centre() fyne.Position {
	m, z, s, o := v.page.margin(), v.page.scale(), v.scroll.Size(), v.scroll.Offset
	return fyne.NewPos((o.X+s.Width/2-m)/z, (o.Y+s.Height/2-m)/z)
}

// offsetFor is the scroll offset that puts point c, in image pixels, at
// the middle of the visible part.
func (v *View) offsetFor(c fyne.Position) fyne.Position {
	m, z, s := v.page.margin(), v.page.scale(), v.scroll.Size()
	return fyne.NewPos(c.X*z+m-s.Width/2, c.Y*z+m-s.Height/2)
}

// summary is what the view says when it gains focus.
func (v *View) summary() string {
	img := v.page.img
	if img == nil {
		return i18n.T("capture-view.no-image")
	}
	b := img.Bounds()
	args := []any{"Width", b.Dx(), "Height", b.Dy(), "Percent", v.page.zoom}
	if len(v.page.blocks) == 0 {
		return i18n.T("capture-view.summary-no-text", args...)
	}
	return i18n.N("capture-view.summary", len(v.page.blocks), args...)
}

// FocusGained shows the focus outline and says what the view shows.
func (v *View) FocusGained() {
	v.focused = true
	v.Refresh()
	v.say(v.summary())
}

// FocusLost hides the focus outline.
func (v *View) FocusLost() {
	v.focused = false
	v.Refresh()
}

// Tapped gives the view focus, so that a click and then the zoom keys
// work.
func (v *View) Tapped(*fyne.PointEvent) {
	if c := fyne.CurrentApp().Driver().CanvasForObject(v); c != nil {
		c.Focus(v)
	}
}

// CreateRenderer draws the scrolled page inside the focus outline.
func (v *View) CreateRenderer() fyne.WidgetRenderer {
	r := &viewRenderer{v: v, ring: canvas.NewRectangle(color.Transparent)}
	r.paint()
	return r
}

// viewRenderer draws a View: the scroll, inset by the focus outline's
// width so the outline never covers the image, and the outline.
type viewRenderer struct {
	v    *View
	ring *canvas.Rectangle
}

// Layout fills size with the outline and the scroll inside it.
func (r *viewRenderer) Layout(size fyne.Size) {
	w := ringWidth()
	r.ring.Move(fyne.Position{})
	r.ring.Resize(size)
	r.v.scroll.Move(fyne.NewPos(w, w))
	r.v.scroll.Resize(size.SubtractWidthHeight(2*w, 2*w))
}

// MinSize is the scroll's with room for the outline.
func (r *viewRenderer) MinSize() fyne.Size {
	w := ringWidth()
	return r.v.scroll.MinSize().AddWidthHeight(2*w, 2*w)
}

// Refresh redraws the outline and the page, as for a new theme.
func (r *viewRenderer) Refresh() {
	r.paint()
	r.ring.Refresh()
	r.Layout(r.v.Size())
	r.v.show(r.v.scroll.Offset)
}

// paint shows the outline, in the theme's colour and width, while the
// view has focus.
func (r *viewRenderer) paint() {
	r.ring.StrokeColor, r.ring.StrokeWidth = ringColor(), ringWidth()
	r.ring.Hidden = !r.v.focused
}

// Objects are the scroll and the outline over it.
func (r *viewRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.v.scroll, r.ring}
}

// Destroy does nothing.
func (r *viewRenderer) Destroy() {}

// ringWidth is the focus outline's width: one and a half times the
// theme's input border, and at least 3 units.
func ringWidth() float32 { return max(3, 1.5*theme.Size(theme.SizeNameInputBorder)) }

// ringColor is the theme's primary colour, the colour of the window's
// own focus outlines: Fyne's focus colour is see-through, too faint for a
// low-vision user (Describer's high-contrast themes make it transparent).
func ringColor() color.Color { return theme.Color(theme.ColorNamePrimary) }

// The interfaces through which Fyne gives the view focus, keys, shortcuts
// and clicks; not fyne.Tabbable, so that Tab leaves.
var (
	_ fyne.Focusable    = (*View)(nil)
	_ fyne.Shortcutable = (*View)(nil)
	_ fyne.Tappable     = (*View)(nil)
)
