package captureview

import (
	"image"
	"image/color"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/describer/describer/app/i18n"
)

// The marks' sizes, in Fyne units, the same at every zoom.
const (
	outlineWidth float32 = 3 // a block's outline, drawn just outside the block
	haloWidth    float32 = 1 // the contrasting edge around the outline and the badge
	badgePad     float32 = 3 // the space either side of a badge's number
)

// page is what the view scrolls: the image at its zoom, each block
// outlined, and each block's number on a badge left of its top-left
// corner. A margin around the image leaves room for the badges and for
// the outlines of blocks at the image's edges.
type page struct {
	widget.BaseWidget
	img     image.Image // nil: the page says "No image."
	blocks  []image.Rectangle
	zoom    int // percent
	version int // counts the images set, so the renderer knows a new one
}

func newPage() *page {
	p := &page{zoom: 100}
	p.ExtendBaseWidget(p)
	return p
}

// set replaces the image and blocks (blocks are dropped without an
// image) and zooms back to 100 %.
func (p *page) set(img image.Image, blocks []image.Rectangle) {
	p.img, p.blocks, p.zoom = img, nil, 100
	p.version++
	if img != nil {
		p.blocks = slices.Clone(blocks)
	}
}

// scale is the zoom as a factor.
func (p *page) scale() float32 { return float32(p.zoom) / 100 }

// imageSize is the image's size at the zoom; zero without an image.
func (p *page) imageSize() fyne.Size {
	if p.img == nil {
		return fyne.Size{}
	}
	b := p.img.Bounds()
	return fyne.NewSize(float32(b.Dx())*p.scale(), float32(b.Dy())*p.scale())
}

// margin is the space around the image: wide enough for the widest
// badge and its halo beside a block at the image's left edge.
func (p *page) margin() float32 {
	if p.img == nil {
		return 0
	}
	widest := badgeSize(strings.Repeat("8", len(strconv.Itoa(len(p.blocks)))))
	return outlineWidth + haloWidth + max(widest.Width, widest.Height)
}

// place returns where block r lies on the page at the zoom.
func (p *page) place(r image.Rectangle) (fyne.Position, fyne.Size) {
	m, z, origin := p.margin(), p.scale(), p.img.Bounds().Min
	pos := fyne.NewPos(m+float32(r.Min.X-origin.X)*z, m+float32(r.Min.Y-origin.Y)*z)
	return pos, fyne.NewSize(float32(r.Dx())*z, float32(r.Dy())*z)
}

// badgeSize is the size of the badge that shows number.
func badgeSize(number string) fyne.Size {
	t := fyne.MeasureText(number, theme.TextSize(), fyne.TextStyle{Bold: true})
	return fyne.NewSize(t.Width+2*badgePad, t.Height)
}

// CreateRenderer draws the page.
func (p *page) CreateRenderer() fyne.WidgetRenderer {
	r := &pageRenderer{
		p:       p,
		picture: &canvas.Image{FillMode: canvas.ImageFillStretch},
		empty:   canvas.NewText("", color.Transparent),
	}
	r.makeMarks()
	r.Refresh()
	return r
}

// pageRenderer draws a page: the image, or a note that there is none,
// then every block's mark.
type pageRenderer struct {
	p       *page
	picture *canvas.Image
	empty   *canvas.Text
	shown   int // the page's version that picture shows
	marks   []mark
	objects []fyne.CanvasObject
}

// Layout places the image and the marks; the page's own size does not
// matter, as the image stays at its zoom in the top-left corner.
func (r *pageRenderer) Layout(fyne.Size) {
	m := r.p.margin()
	r.picture.Move(fyne.NewPos(m, m))
	r.picture.Resize(r.p.imageSize())
	r.empty.Move(fyne.NewPos(theme.Padding(), theme.Padding()))
	r.empty.Resize(r.empty.MinSize())
	for i, b := range r.p.blocks {
		r.marks[i].layout(r.p.place(b))
	}
}

// MinSize is the image at its zoom with the margin all round, or the
// note that there is no image.
func (r *pageRenderer) MinSize() fyne.Size {
	if r.p.img == nil {
		return r.empty.MinSize().AddWidthHeight(2*theme.Padding(), 2*theme.Padding())
	}
	m := r.p.margin()
	return r.p.imageSize().AddWidthHeight(2*m, 2*m)
}

// Refresh shows the page's image and blocks in the theme's colours.
func (r *pageRenderer) Refresh() {
	if r.shown != r.p.version {
		r.picture.Image, r.shown = r.p.img, r.p.version
		r.picture.Refresh() // a new image only: a new size redraws it anyway
	}
	r.picture.Hidden = r.p.img == nil
	r.paintEmpty()
	if len(r.marks) != len(r.p.blocks) {
		r.makeMarks()
	}
	for i := range r.marks {
		r.marks[i].paint(i + 1)
	}
	r.Layout(r.p.Size())
	for _, o := range r.objects[1:] {
		o.Refresh()
	}
}

// paintEmpty sets the note shown without an image.
func (r *pageRenderer) paintEmpty() {
	r.empty.Text = i18n.T("capture-view.no-image")
	r.empty.Color = theme.Color(theme.ColorNameForeground)
	r.empty.TextSize = theme.TextSize()
	r.empty.Hidden = r.p.img != nil
}

// makeMarks makes one mark a block, and the list of objects: the image,
// the note, every outline, then every badge, so that no outline covers
// a number.
func (r *pageRenderer) makeMarks() {
	r.marks = make([]mark, len(r.p.blocks))
	r.objects = []fyne.CanvasObject{r.picture, r.empty}
	for i := range r.marks {
		r.marks[i] = newMark()
		r.objects = append(r.objects, r.marks[i].halo, r.marks[i].outline)
	}
	for _, k := range r.marks {
		r.objects = append(r.objects, k.badge, k.number)
	}
}

// Objects are the image, the note, the outlines and the badges.
func (r *pageRenderer) Objects() []fyne.CanvasObject { return r.objects }

// Destroy does nothing.
func (r *pageRenderer) Destroy() {}

// mark is one block's drawing: its outline in the primary colour with a
// halo of the colour that contrasts with it, so it shows on any image,
// and a badge with the block's number, in the same two colours.
type mark struct {
	halo, outline, badge *canvas.Rectangle
	number               *canvas.Text
}

func newMark() mark {
	return mark{
		halo:    canvas.NewRectangle(color.Transparent),
		outline: canvas.NewRectangle(color.Transparent),
		badge:   canvas.NewRectangle(color.Transparent),
		number:  canvas.NewText("", color.Transparent),
	}
}

// paint numbers the mark n and colours it from the theme.
func (k mark) paint(n int) {
	primary := theme.Color(theme.ColorNamePrimary)
	on := theme.Color(theme.ColorNameForegroundOnPrimary)
	k.halo.StrokeColor, k.halo.StrokeWidth = on, haloWidth
	k.outline.StrokeColor, k.outline.StrokeWidth = primary, outlineWidth
	k.badge.FillColor, k.badge.StrokeColor, k.badge.StrokeWidth = primary, on, haloWidth
	k.number.Text, k.number.Color = strconv.Itoa(n), on
	k.number.TextSize, k.number.TextStyle = theme.TextSize(), fyne.TextStyle{Bold: true}
}

// layout places the mark around a block at pos of size: the outline just
// outside the block (a rectangle's stroke lies inside its bounds), the
// halo just outside the outline, and the badge left of the halo, their
// tops level.
func (k mark) layout(pos fyne.Position, size fyne.Size) {
	w, e := outlineWidth, outlineWidth+haloWidth
	k.outline.Move(pos.SubtractXY(w, w))
	k.outline.Resize(size.AddWidthHeight(2*w, 2*w))
	k.halo.Move(pos.SubtractXY(e, e))
	k.halo.Resize(size.AddWidthHeight(2*e, 2*e))
	b := badgeSize(k.number.Text)
	k.badge.Move(fyne.NewPos(pos.X-e-b.Width, pos.Y-e))
	k.badge.Resize(b)
	k.number.Move(k.badge.Position().AddXY(badgePad, 0))
	k.number.Resize(k.number.MinSize())
}
