package ui

import (
	"image"
	"image/color"
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
)

// follow is where the result view's reading highlight stands: the
// sentence being spoken, selected in the text and kept in view, so that
// the eye can follow the voice.
type follow struct {
	start, end int  // rune offsets of the highlighted sentence, or where the next is looked for
	stopped    bool // speech was stopped there; Ctrl+R resumes from start
	// onHighlight, when set, sees each sentence highlighted (the trace).
	onHighlight func(sentence string)
}

// OnHighlight has f called with each sentence the result view highlights
// as it is spoken (the app's trace). Call it before the window is shown.
func (m *MainWindow) OnHighlight(f func(sentence string)) { m.follow.onHighlight = f }

// Speaking highlights sentence in the result text, when it is there, as
// it starts to be heard: after the sentence highlighted last, else the
// first place it stands. It may be called from any goroutine.
func (m *MainWindow) Speaking(sentence string) {
	fyne.Do(func() { m.speaking(sentence) })
}

func (m *MainWindow) speaking(sentence string) {
	if m.follow.stopped {
		return // a sentence that was on its way as speech stopped
	}
	start, ok := runeIndex(m.result.text, sentence, m.follow.end)
	if !ok {
		return // a message of the window's, not the result
	}
	m.follow.start, m.follow.end = start, start+utf8.RuneCountInString(sentence)
	m.result.highlight(m.follow.start, m.follow.end)
	if m.follow.onHighlight != nil {
		m.follow.onHighlight(sentence)
	}
}

// SpeechStopped leaves the highlight where speech stopped, for Ctrl+R to
// resume from. It may be called from any goroutine.
func (m *MainWindow) SpeechStopped() {
	fyne.Do(func() { m.follow.stopped = m.follow.end > m.follow.start })
}

// resumeText is what Ctrl+R says: after a stop, the result from the
// highlighted sentence on; else all of it.
func (m *MainWindow) resumeText() string {
	text, from := m.shown.Full, 0
	if m.follow.stopped && m.result.text == text {
		from = m.follow.start
		text = string([]rune(text)[from:])
	}
	// The highlight follows on from there.
	m.follow = follow{start: from, end: from, onHighlight: m.follow.onHighlight}
	return text
}

// runeIndex finds sentence in text at or after the rune offset from, else
// anywhere; it returns the rune offset where it starts.
func runeIndex(text, sentence string, from int) (int, bool) {
	if sentence == "" {
		return 0, false
	}
	skip := len(string([]rune(text)[:min(from, utf8.RuneCountInString(text))]))
	if i := strings.Index(text[skip:], sentence); i >= 0 {
		return utf8.RuneCountInString(text[:skip+i]), true
	}
	if i := strings.Index(text, sentence); i >= 0 {
		return utf8.RuneCountInString(text[:i]), true
	}
	return 0, false
}

// highlight marks the runes start to end of the text, which the voice
// is saying, and scrolls them into view, as a sighted reader's eye would
// follow the voice: they are outlined (see litRenderer), and selected,
// which shows while the view has the focus. The Entry has no call to
// select a range; the view does what a user does: puts the cursor at
// start, holds Shift and moves to end.
func (v *resultView) highlight(start, end int) {
	v.lit = [2]int{start, end}
	v.Entry.KeyUp(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	v.Entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyLeft}) // ends any selection
	v.place(start)
	v.Refresh()
	v.Entry.KeyDown(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	v.place(end - 1)
	v.Entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight})
	v.Entry.KeyUp(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
}

// place sets the cursor fields to rune offset pos, on the (wrapped) row
// where pos stands, found through the Entry's own count of offsets; it
// does not redraw.
func (v *resultView) place(pos int) {
	row := 0
	for r := 1; ; r++ {
		v.CursorRow, v.CursorColumn = r, 0
		at := v.CursorTextOffset()
		if at == 0 || at > pos {
			break // past the last row, or past pos
		}
		row = r
	}
	v.CursorRow, v.CursorColumn = row, 0
	v.CursorColumn = pos - v.CursorTextOffset()
}

// litRenderer draws the result view with the sentence being spoken
// outlined, row by row, over the text: unlike the Entry's selection it
// shows whether or not the view has the focus.
type litRenderer struct {
	fyne.WidgetRenderer
	v     *resultView
	marks []*canvas.Rectangle
}

// Objects are the view's, then the outlines.
func (r *litRenderer) Objects() []fyne.CanvasObject {
	objs := r.WidgetRenderer.Objects()
	objs = objs[:len(objs):len(objs)]
	for _, m := range r.marks {
		objs = append(objs, m)
	}
	return objs
}

// Layout lays out the view and its outlines.
func (r *litRenderer) Layout(s fyne.Size) {
	r.WidgetRenderer.Layout(s)
	r.mark()
}

// Refresh redraws the view and its outlines.
func (r *litRenderer) Refresh() {
	r.WidgetRenderer.Refresh()
	r.mark()
}

// mark outlines, on each row it spans, the part of the highlighted text
// that is in view.
func (r *litRenderer) mark() {
	rows := r.v.litRows()
	for len(r.marks) < len(rows) {
		r.marks = append(r.marks, canvas.NewRectangle(color.Transparent))
	}
	view, off := r.viewport()
	for i, m := range r.marks {
		m.Hide()
		if i >= len(rows) {
			continue
		}
		m.StrokeColor, m.StrokeWidth = theme.Color(colorNameFocusRing), theme.Size(sizeNameFocusRing)/1.5
		// Just around the letters, which stand two input borders below
		// the Entry's cursor position (its text inset and the border it
		// takes away).
		around := int(m.StrokeWidth + 0.5)
		box := rows[i].Add(view.Min.Sub(off)).Add(image.Pt(0, int(2*theme.InputBorderSize()))).Inset(-around)
		if box = box.Intersect(view); box.Dx() <= 0 || box.Dy() <= 0 {
			continue
		}
		m.Move(fyne.NewPos(float32(box.Min.X), float32(box.Min.Y)))
		m.Resize(fyne.NewSize(float32(box.Dx()), float32(box.Dy())))
		m.Show()
	}
}

// viewport is the part of the view that shows text, and how far the text
// is scrolled: the Entry's own scroller, which it keeps on the cursor.
func (r *litRenderer) viewport() (image.Rectangle, image.Point) {
	for _, o := range r.WidgetRenderer.Objects() {
		if s, ok := o.(*container.Scroll); ok {
			p, z := s.Position(), s.Size()
			return image.Rect(int(p.X), int(p.Y), int(p.X+z.Width), int(p.Y+z.Height)),
				image.Pt(int(s.Offset.X), int(s.Offset.Y))
		}
	}
	z := r.v.Size()
	return image.Rect(0, 0, int(z.Width), int(z.Height)), image.Point{}
}

// litRows are the boxes, in the text's own coordinates, of the
// highlighted runes on each row they span; none when nothing is lit.
func (v *resultView) litRows() []image.Rectangle {
	if v.lit[1] <= v.lit[0] {
		return nil
	}
	row, col := v.CursorRow, v.CursorColumn
	defer func() { v.CursorRow, v.CursorColumn = row, col }()
	v.place(v.lit[0])
	first, from := v.CursorRow, v.CursorPosition()
	v.place(v.lit[1])
	last, to := v.CursorRow, v.CursorPosition()
	height := fyne.MeasureText("M", theme.TextSize(), v.TextStyle).Height
	right := v.Size().Width - theme.InnerPadding()
	var boxes []image.Rectangle
	for r := first; r <= last; r++ {
		v.CursorRow, v.CursorColumn = r, 0
		start := v.CursorPosition()
		x0, x1 := start.X, right
		if r == first {
			x0 = from.X
		}
		if r == last {
			x1 = to.X
		}
		if x1 > x0 {
			boxes = append(boxes, image.Rect(int(x0), int(start.Y), int(x1+1), int(start.Y+height)))
		}
	}
	return boxes
}
