package captureview

import (
	"image"
	"image/color"
	"math"
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/describer/describer/app/i18n"
)

// recorder keeps what a view said and handed on.
type recorder struct {
	says      []string
	keys      []fyne.KeyName
	shortcuts []string
}

// newTestView shows a view of img and blocks in a 240 by 180 window; the
// view's callbacks record into the recorder.
func newTestView(t *testing.T, img image.Image, blocks []image.Rectangle) (*View, fyne.Window, *recorder) {
	t.Helper()
	test.NewTempApp(t)
	r := &recorder{}
	v := New(img, blocks, func(s string) { r.says = append(r.says, s) },
		func(ev *fyne.KeyEvent) bool { r.keys = append(r.keys, ev.Name); return true })
	v.Shortcut = func(s fyne.Shortcut) bool { r.shortcuts = append(r.shortcuts, s.ShortcutName()); return true }
	w := test.NewTempWindow(t, v)
	w.Resize(fyne.NewSize(240, 180))
	return v, w, r
}

// picture returns an image of bounds, grey.
func picture(bounds image.Rectangle) *image.NRGBA {
	img := image.NewNRGBA(bounds)
	for i := range img.Pix {
		img.Pix[i] = 0x80
	}
	return img
}

// drawn returns the view's page renderer, whose marks tests inspect.
func drawn(v *View) *pageRenderer { return test.WidgetRenderer(v.page).(*pageRenderer) }

func ctrl(k fyne.KeyName) fyne.Shortcut {
	return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault}
}

func ctrlShift(k fyne.KeyName) fyne.Shortcut {
	return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
}

func TestZoomKeysStepThroughTheFixedSteps(t *testing.T) {
	for _, tc := range []struct {
		name  string
		start int
		key   fyne.Shortcut
		want  []int // after each press
	}{
		{"in", 100, ctrl(fyne.KeyEqual), []int{125, 150, 200, 300, 400, 600, 800, 800}},
		{"out", 100, ctrl(fyne.KeyMinus), []int{75, 50, 25, 25}},
		{"in from between steps", 110, ctrl(fyne.KeyPlus), []int{125}},
		{"out from between steps", 110, ctrl(fyne.KeyMinus), []int{100}},
		{"reset", 600, ctrl(fyne.Key0), []int{100, 100}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v, _, r := newTestView(t, picture(image.Rect(0, 0, 400, 300)), nil)
			v.SetZoom(tc.start)
			var got []int
			for range tc.want {
				v.TypedShortcut(tc.key)
				got = append(got, v.Zoom())
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("zoom after each press = %v, want %v", got, tc.want)
			}
			for i, p := range tc.want {
				if want := i18n.T("capture-view.zoom", "Percent", p); i >= len(r.says) || r.says[i] != want {
					t.Errorf("press %d: said %q, want %q", i+1, r.says, want)
				}
			}
			if len(r.says) != len(tc.want) {
				t.Errorf("said %q, want one message a press", r.says)
			}
		})
	}
}

func TestSetZoomIsBounded(t *testing.T) {
	v, _, r := newTestView(t, picture(image.Rect(0, 0, 40, 30)), nil)
	for _, tc := range []struct{ set, want int }{{10, MinZoom}, {-5, MinZoom}, {1000, MaxZoom}, {110, 110}, {25, 25}, {800, 800}} {
		v.SetZoom(tc.set)
		if v.Zoom() != tc.want {
			t.Errorf("SetZoom(%d): Zoom() = %d, want %d", tc.set, v.Zoom(), tc.want)
		}
	}
	if len(r.says) != 0 {
		t.Errorf("SetZoom said %q; only the keys speak", r.says)
	}
}

func TestEveryZoomShortcut(t *testing.T) {
	for _, tc := range []struct {
		name string
		sc   fyne.Shortcut
		want int // from 200
	}{
		{"Ctrl+=", ctrl(fyne.KeyEqual), 300},
		{"Ctrl+Shift+=", ctrlShift(fyne.KeyEqual), 300},
		{"Ctrl++", ctrl(fyne.KeyPlus), 300},
		{"Ctrl+Shift++", ctrlShift(fyne.KeyPlus), 300},
		{"Ctrl+-", ctrl(fyne.KeyMinus), 150},
		{"Ctrl+0", ctrl(fyne.Key0), 100},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v, _, r := newTestView(t, picture(image.Rect(0, 0, 400, 300)), nil)
			v.SetZoom(200)
			v.TypedShortcut(tc.sc)
			if v.Zoom() != tc.want {
				t.Errorf("zoom = %d, want %d", v.Zoom(), tc.want)
			}
			if len(r.shortcuts) != 0 {
				t.Errorf("the window got %v too", r.shortcuts)
			}
		})
	}
}

func TestOtherShortcutsGoToTheWindow(t *testing.T) {
	v, _, r := newTestView(t, picture(image.Rect(0, 0, 400, 300)), nil)
	var want []string
	for _, sc := range []fyne.Shortcut{ctrl(fyne.KeyD), &fyne.ShortcutCopy{}, ctrlShift(fyne.KeyMinus), ctrlShift(fyne.Key0),
		&desktop.CustomShortcut{KeyName: fyne.KeyEqual, Modifier: fyne.KeyModifierAlt}} {
		v.TypedShortcut(sc)
		want = append(want, sc.ShortcutName())
	}
	if !slices.Equal(r.shortcuts, want) {
		t.Errorf("the window got %q, want %q", r.shortcuts, want)
	}
	if v.Zoom() != 100 || len(r.says) != 0 {
		t.Errorf("zoom %d, said %q; want 100 and nothing", v.Zoom(), r.says)
	}
	v.Shortcut = nil
	v.TypedShortcut(ctrl(fyne.KeyD)) // must not panic
}

func TestKeysTheViewDoesNotUseGoToTheWindow(t *testing.T) {
	v, _, r := newTestView(t, picture(image.Rect(0, 0, 1000, 800)), nil)
	for _, k := range []fyne.KeyName{fyne.KeyEscape, fyne.KeyF1, fyne.KeyRight, fyne.KeyHome, fyne.KeyReturn} {
		v.TypedKey(&fyne.KeyEvent{Name: k})
	}
	if want := []fyne.KeyName{fyne.KeyEscape, fyne.KeyF1, fyne.KeyReturn}; !slices.Equal(r.keys, want) {
		t.Errorf("the window got keys %v, want %v", r.keys, want)
	}
	v.keys = nil
	v.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape}) // must not panic
}

func TestScrollKeys(t *testing.T) {
	v, _, r := newTestView(t, picture(image.Rect(0, 0, 1000, 800)), nil)
	s := v.scroll.Size()
	end := v.page.Size().Subtract(s)
	if end.Width <= 0 || end.Height <= 0 {
		t.Fatalf("page %v fits the scroll %v; the test needs it larger", v.page.Size(), s)
	}
	for _, tc := range []struct {
		key  fyne.KeyName
		want fyne.Position
	}{
		{fyne.KeyLeft, fyne.NewPos(0, 0)},
		{fyne.KeyRight, fyne.NewPos(0.1*s.Width, 0)},
		{fyne.KeyDown, fyne.NewPos(0.1*s.Width, 0.1*s.Height)},
		{fyne.KeyPageDown, fyne.NewPos(0.1*s.Width, s.Height)},
		{fyne.KeyUp, fyne.NewPos(0.1*s.Width, 0.9*s.Height)},
		{fyne.KeyPageUp, fyne.NewPos(0.1*s.Width, 0)},
		{fyne.KeyEnd, fyne.NewPos(end.Width, end.Height)},
		{fyne.KeyRight, fyne.NewPos(end.Width, end.Height)},
		{fyne.KeyHome, fyne.NewPos(0, 0)},
	} {
		v.TypedKey(&fyne.KeyEvent{Name: tc.key})
		if !near(v.scroll.Offset, tc.want) {
			t.Errorf("after %s: offset %v, want %v", tc.key, v.scroll.Offset, tc.want)
		}
	}
	if len(r.keys) != 0 {
		t.Errorf("the window got the scroll keys %v", r.keys)
	}
}

func near(a, b fyne.Position) bool {
	return math.Abs(float64(a.X-b.X)) < 0.01 && math.Abs(float64(a.Y-b.Y)) < 0.01
}

func TestZoomKeepsTheMiddleInView(t *testing.T) {
	v, _, _ := newTestView(t, picture(image.Rect(0, 0, 1000, 800)), nil)
	v.scroll.ScrollToOffset(fyne.NewPos(300, 200))
	before := v.centre()
	v.TypedShortcut(ctrl(fyne.KeyEqual))
	v.TypedShortcut(ctrl(fyne.KeyEqual))
	if v.Zoom() != 150 || !near(v.centre(), before) {
		t.Errorf("zoom %d: the middle moved from %v to %v", v.Zoom(), before, v.centre())
	}
}

func TestBlocksAreOutlinedAtEveryZoom(t *testing.T) {
	origin := image.Pt(10, 20) // a sub-image: blocks are in its coordinates
	blocks := []image.Rectangle{image.Rect(10, 20, 110, 40), image.Rect(200, 150, 390, 310), image.Rect(50, 300, 60, 320)}
	v, _, _ := newTestView(t, picture(image.Rectangle{Min: origin, Max: origin.Add(image.Pt(400, 300))}), blocks)
	for _, zoom := range []int{100, 200, 50} {
		v.SetZoom(zoom)
		r, z := drawn(v), float32(zoom)/100
		if want := fyne.NewSize(400*z, 300*z); r.picture.Size() != want {
			t.Errorf("%d %%: image is %v, want %v", zoom, r.picture.Size(), want)
		}
		at := r.picture.Position()
		for i, b := range blocks {
			k := r.marks[i]
			wantPos := at.AddXY(float32(b.Min.X-origin.X)*z-outlineWidth, float32(b.Min.Y-origin.Y)*z-outlineWidth)
			wantSize := fyne.NewSize(float32(b.Dx())*z+2*outlineWidth, float32(b.Dy())*z+2*outlineWidth)
			if k.outline.Position() != wantPos || k.outline.Size() != wantSize {
				t.Errorf("%d %%, block %d: outline at %v size %v, want %v size %v (the block scaled, grown by the stroke)",
					zoom, i+1, k.outline.Position(), k.outline.Size(), wantPos, wantSize)
			}
			checkMark(t, k, v.page.Size())
		}
	}
}

// checkMark checks that a mark is visible and inside the page: a thick
// opaque outline, the halo round it, and the badge left of the halo.
func checkMark(t *testing.T, k mark, page fyne.Size) {
	t.Helper()
	if k.outline.StrokeWidth < 3 || !opaque(k.outline.StrokeColor) || k.outline.FillColor != nil && !transparent(k.outline.FillColor) {
		t.Errorf("outline: stroke %v %v, fill %v; want 3 units or more, opaque, on no fill", k.outline.StrokeWidth, k.outline.StrokeColor, k.outline.FillColor)
	}
	if want := k.outline.Position().SubtractXY(haloWidth, haloWidth); k.halo.Position() != want {
		t.Errorf("halo at %v, want %v", k.halo.Position(), want)
	}
	if k.badge.Position().X+k.badge.Size().Width != k.halo.Position().X || k.badge.Position().Y != k.halo.Position().Y {
		t.Errorf("badge at %v size %v, want it left of the halo at %v", k.badge.Position(), k.badge.Size(), k.halo.Position())
	}
	if !opaque(k.badge.FillColor) || !opaque(k.number.Color) || k.badge.FillColor == k.number.Color {
		t.Errorf("badge %v, number %v: want two opaque colours", k.badge.FillColor, k.number.Color)
	}
	for _, o := range []fyne.CanvasObject{k.halo, k.badge} {
		p, s := o.Position(), o.Size()
		if p.X < 0 || p.Y < 0 || p.X+s.Width > page.Width || p.Y+s.Height > page.Height {
			t.Errorf("%T at %v size %v is outside the page %v", o, p, s, page)
		}
	}
}

func transparent(c color.Color) bool {
	_, _, _, a := c.RGBA()
	return a == 0
}

func TestBlocksAreNumberedInReadingOrder(t *testing.T) {
	// Reading order as given, whatever the places: the first block is
	// the lowest.
	blocks := []image.Rectangle{image.Rect(20, 200, 100, 220), image.Rect(20, 10, 100, 30), image.Rect(150, 100, 300, 120)}
	v, _, _ := newTestView(t, picture(image.Rect(0, 0, 400, 300)), blocks)
	r := drawn(v)
	var numbers []string
	for _, o := range r.Objects() {
		if txt, ok := o.(*canvas.Text); ok && txt != r.empty {
			numbers = append(numbers, txt.Text)
		}
	}
	if want := []string{"1", "2", "3"}; !slices.Equal(numbers, want) {
		t.Errorf("numbers drawn %q, want %q", numbers, want)
	}
	for i, b := range blocks {
		k := r.marks[i]
		if k.number.Text != string(rune('1'+i)) {
			t.Errorf("block %d is numbered %q", i+1, k.number.Text)
		}
		if want := r.picture.Position().AddXY(float32(b.Min.X), float32(b.Min.Y)).SubtractXY(outlineWidth+haloWidth, outlineWidth+haloWidth); k.halo.Position() != want {
			t.Errorf("block %d's mark at %v, want %v", i+1, k.halo.Position(), want)
		}
	}
	outlines := slices.IndexFunc(r.Objects(), func(o fyne.CanvasObject) bool { return o == r.marks[2].outline })
	badges := slices.IndexFunc(r.Objects(), func(o fyne.CanvasObject) bool { return o == r.marks[0].badge })
	if outlines < 0 || badges < outlines {
		t.Errorf("the last outline is object %d, the first badge %d: outlines would cover numbers", outlines, badges)
	}
}

func TestFocusIsSaidAndShown(t *testing.T) {
	img := picture(image.Rect(0, 0, 1280, 800))
	three := []image.Rectangle{image.Rect(0, 0, 9, 9), image.Rect(10, 10, 19, 19), image.Rect(20, 20, 29, 29)}
	for _, tc := range []struct {
		name   string
		img    image.Image
		blocks []image.Rectangle
		want   string
	}{
		{"three blocks", img, three, i18n.N("capture-view.summary", 3, "Width", 1280, "Height", 800, "Percent", 100)},
		{"one block", img, three[:1], i18n.N("capture-view.summary", 1, "Width", 1280, "Height", 800, "Percent", 100)},
		{"no block", img, nil, i18n.T("capture-view.summary-no-text", "Width", 1280, "Height", 800, "Percent", 100)},
		{"no image", nil, three, i18n.T("capture-view.no-image")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v, w, r := newTestView(t, tc.img, tc.blocks)
			ring := test.WidgetRenderer(v).(*viewRenderer).ring
			if ring.Visible() {
				t.Error("the focus outline shows before the view has focus")
			}
			w.Canvas().Focus(v)
			if !slices.Equal(r.says, []string{tc.want}) {
				t.Errorf("said %q, want %q", r.says, tc.want)
			}
			if !ring.Visible() || ring.StrokeWidth < 3 || !opaque(ring.StrokeColor) || ring.Size() != v.Size() {
				t.Errorf("focus outline: visible %v, width %v, colour %v, size %v; want a visible, opaque outline of 3 units or more round the view of %v",
					ring.Visible(), ring.StrokeWidth, ring.StrokeColor, ring.Size(), v.Size())
			}
			w.Canvas().Unfocus()
			if ring.Visible() {
				t.Error("the focus outline still shows after focus left")
			}
		})
	}
}

func TestSummaryCountsTheZoom(t *testing.T) {
	v, w, r := newTestView(t, picture(image.Rect(0, 0, 64, 48)), nil)
	v.SetZoom(300)
	w.Canvas().Focus(v)
	if want := i18n.T("capture-view.summary-no-text", "Width", 64, "Height", 48, "Percent", 300); !slices.Equal(r.says, []string{want}) {
		t.Errorf("said %q, want %q", r.says, want)
	}
}

func TestTabLeavesAndTapFocuses(t *testing.T) {
	test.NewTempApp(t)
	v := New(picture(image.Rect(0, 0, 40, 30)), nil, nil, nil)
	after := widget.NewButton("After", nil)
	w := test.NewTempWindow(t, container.NewVBox(v, after))
	test.Tap(v)
	if w.Canvas().Focused() != v {
		t.Fatalf("a tap focused %v, want the view", w.Canvas().Focused())
	}
	if _, ok := any(v).(fyne.Tabbable); ok {
		t.Error("the view accepts Tab, so Tab could not leave it")
	}
	test.FocusNext(w.Canvas())
	if w.Canvas().Focused() != after {
		t.Errorf("Tab moved focus to %v, want the next button", w.Canvas().Focused())
	}
}

func TestNoImage(t *testing.T) {
	v, _, _ := newTestView(t, nil, []image.Rectangle{image.Rect(0, 0, 10, 10)})
	r := drawn(v)
	if r.picture.Visible() || !r.empty.Visible() || r.empty.Text != i18n.T("capture-view.no-image") {
		t.Errorf("image shown %v, note shown %v %q; want only the note %q",
			r.picture.Visible(), r.empty.Visible(), r.empty.Text, i18n.T("capture-view.no-image"))
	}
	if len(r.marks) != 0 {
		t.Errorf("%d blocks drawn without an image", len(r.marks))
	}
	v.TypedShortcut(ctrl(fyne.KeyEqual))
	v.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEnd})
	if v.Zoom() != 125 || v.scroll.Offset != (fyne.Position{}) {
		t.Errorf("zoom %d, offset %v; want 125 and none", v.Zoom(), v.scroll.Offset)
	}
}

func TestSetImageStartsAfresh(t *testing.T) {
	v, _, _ := newTestView(t, picture(image.Rect(0, 0, 1000, 800)), []image.Rectangle{image.Rect(0, 0, 9, 9)})
	v.SetZoom(300)
	v.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEnd})
	next := picture(image.Rect(0, 0, 500, 400))
	blocks := []image.Rectangle{image.Rect(10, 10, 50, 30), image.Rect(10, 40, 50, 60)}
	v.SetImage(next, blocks)
	blocks[0] = image.Rect(0, 0, 1, 1) // the view keeps its own copy
	v.Refresh()
	r := drawn(v)
	if v.Zoom() != 100 || v.scroll.Offset != (fyne.Position{}) {
		t.Errorf("zoom %d, offset %v; want 100 and the top-left corner", v.Zoom(), v.scroll.Offset)
	}
	if r.picture.Image != next || !r.picture.Visible() || r.empty.Visible() || r.picture.Size() != fyne.NewSize(500, 400) {
		t.Errorf("picture shows the new image: %v, size %v", r.picture.Image == next, r.picture.Size())
	}
	if len(r.marks) != 2 {
		t.Fatalf("%d marks, want 2", len(r.marks))
	}
	if want := fyne.NewSize(40+2*outlineWidth, 20+2*outlineWidth); r.marks[0].outline.Size() != want {
		t.Errorf("the first outline is %v, want %v: round the block as given", r.marks[0].outline.Size(), want)
	}
	v.SetImage(nil, nil)
	if r.picture.Visible() || !r.empty.Visible() || len(r.marks) != 0 {
		t.Errorf("after SetImage(nil): image shown %v, note shown %v, %d marks", r.picture.Visible(), r.empty.Visible(), len(r.marks))
	}
}

// TestEnglishMessages checks the English wording.
func TestEnglishMessages(t *testing.T) {
	defer i18n.Use("en")()
	img := picture(image.Rect(0, 0, 1280, 800))
	one := []image.Rectangle{image.Rect(0, 0, 9, 9)}
	for _, tc := range []struct {
		name   string
		img    image.Image
		blocks []image.Rectangle
		want   string
	}{
		{"three blocks", img, slices.Repeat(one, 3), "Captured image, 1,280 by 800 pixels, 3 text blocks outlined, zoom 100 percent."},
		{"one block", img, one, "Captured image, 1,280 by 800 pixels, 1 text block outlined, zoom 100 percent."},
		{"no block", img, nil, "Captured image, 1,280 by 800 pixels, no text found, zoom 100 percent."},
		{"no image", nil, nil, "No image."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v, w, r := newTestView(t, tc.img, tc.blocks)
			w.Canvas().Focus(v)
			v.TypedShortcut(ctrl(fyne.KeyEqual))
			if want := []string{tc.want, "Zoom 125 percent"}; !slices.Equal(r.says, want) {
				t.Errorf("said %q, want %q", r.says, want)
			}
		})
	}
}

// opaque reports whether c hides what is under it.
func opaque(c color.Color) bool {
	_, _, _, a := c.RGBA()
	return a == 0xffff
}
