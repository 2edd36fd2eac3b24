package ui

import (
	"image"
	"testing"

	"fyne.io/fyne/v2"
)

// TestWindowFitsAtLargeText: at 100, 200 and 400 % text in each theme, a
// 1280×800 window holds every control whole: the buttons wrap into rows
// without overlapping, nothing reaches past the window, and the result
// and history keep room to show a line. A long status line scrolls
// instead of pushing the rest down.
func TestWindowFitsAtLargeText(t *testing.T) {
	for _, name := range Themes {
		for _, size := range []int{100, 200, 400} {
			s := DefaultSettings()
			s.Theme, s.TextSize = name, size
			m, _, _ := newTestWindow(t, s)
			r := testResult
			r.Thumb, r.Image = image.NewNRGBA(image.Rect(0, 0, 160, 100)), image.NewNRGBA(image.Rect(0, 0, 1280, 800))
			m.ShowResult(r) // with every button shown
			m.SetStatus("No sound device was found; descriptions are shown as text until one is. " +
				"Not installed: voice (63.5 MB). Without them, speech uses eSpeak NG.")
			m.win.Resize(fyne.NewSize(1280, 800))
			content := m.win.Content()
			if min := content.MinSize(); min.Width > 1280 || min.Height > 800 {
				t.Errorf("%s %d %%: the window needs %v", name, size, min)
			}
			var placed []fyne.CanvasObject
			for _, o := range []fyne.CanvasObject{m.describeScreen, m.describeWindow, m.describeClipboard,
				m.openImage, m.stop, m.copyResult, m.showImage, m.settingsButton, m.question, m.result, m.history} {
				pos, sz := m.app.Driver().AbsolutePositionForObject(o), o.Size()
				win := m.win.Canvas().Size()
				if pos.X < 0 || pos.Y < 0 || pos.X+sz.Width > win.Width || pos.Y+sz.Height > win.Height {
					t.Errorf("%s %d %%: %T at %v size %v leaves the window %v", name, size, o, pos, sz, win)
				}
				if sz.Width < o.MinSize().Width-1 || sz.Height < o.MinSize().Height-1 {
					t.Errorf("%s %d %%: %T squeezed to %v, needs %v", name, size, o, sz, o.MinSize())
				}
				for _, p := range placed {
					if overlap(m.app, o, p) {
						t.Errorf("%s %d %%: %T overlaps %T", name, size, o, p)
					}
				}
				placed = append(placed, o)
			}
		}
	}
}

// overlap reports whether a and b cover a common area of the window.
func overlap(app fyne.App, a, b fyne.CanvasObject) bool {
	pa, pb := app.Driver().AbsolutePositionForObject(a), app.Driver().AbsolutePositionForObject(b)
	sa, sb := a.Size(), b.Size()
	return pa.X < pb.X+sb.Width && pb.X < pa.X+sa.Width && pa.Y < pb.Y+sb.Height && pb.Y < pa.Y+sa.Height
}

// TestSettingsFitAtLargeText: at 400 % the settings dialog fits in a
// 1280×800 window, its labels stand above their fields, and moving the
// focus to the last field scrolls it into view.
func TestSettingsFitAtLargeText(t *testing.T) {
	s := DefaultSettings()
	s.TextSize = 400
	m, _, _ := newTestWindow(t, s)
	m.win.Resize(fyne.NewSize(1280, 800))
	m.showSettings()
	d := m.settingsOpen
	win, drv := m.win.Canvas().Size(), m.app.Driver()
	pos := drv.AbsolutePositionForObject(d.scroll)
	if pos.Y < 0 || pos.Y+d.scroll.Size().Height > win.Height || pos.X+d.scroll.Size().Width > win.Width {
		t.Fatalf("the settings at %v size %v leave the window %v", pos, d.scroll.Size(), win)
	}
	if d.scroll.Content.Size().Height <= d.scroll.Size().Height {
		t.Fatalf("at 400 %% the settings (%v) fit without scrolling in %v; the test proves nothing", d.scroll.Content.Size(), d.scroll.Size())
	}
	last := d.checks.filter
	m.win.Canvas().Focus(last)
	top := drv.AbsolutePositionForObject(last).Y
	if top < pos.Y || top+last.Size().Height > pos.Y+d.scroll.Size().Height {
		t.Errorf("the focused field at y %v is outside the view %v..%v", top, pos.Y, pos.Y+d.scroll.Size().Height)
	}
	m.win.Canvas().Focus(d.device)
	if d.scroll.Offset.Y != 0 {
		t.Errorf("back on the first field the view is scrolled by %v", d.scroll.Offset.Y)
	}
}
