//go:build linux || freebsd || openbsd || netbsd

package capture

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/color"
	"math/bits"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/xproto"
	"golang.org/x/image/bmp"

	"github.com/describer/describer/inference/imaging/imagingtest"
	"github.com/describer/describer/ui/xvfbtest"
)

// TestMain gives the tests an X display of their own: they own the
// clipboard and draw windows, which no other package may see.
func TestMain(m *testing.M) { os.Exit(xvfbtest.Main(m)) }

// testX is a test's own X connection.
type testX struct {
	*xConn
	tb testing.TB
}

func mustX(tb testing.TB) *testX {
	tb.Helper()
	x, err := openX()
	if err != nil {
		tb.Fatalf("connect to X: %v", err)
	}
	tb.Cleanup(x.Close)
	return &testX{x, tb}
}

func (x *testX) check(what string, err error) {
	x.tb.Helper()
	if err != nil {
		x.tb.Fatalf("%s: %v", what, err)
	}
}

func (x *testX) atom(name string) xproto.Atom {
	x.tb.Helper()
	a, err := x.internAtom(name, false)
	x.check("intern "+name, err)
	return a
}

// pixel returns the pixel value of c in the root window's visual.
func (x *testX) pixel(c color.NRGBA) uint32 {
	x.tb.Helper()
	for _, d := range x.screen.AllowedDepths {
		for _, v := range d.Visuals {
			if v.VisualId == x.screen.RootVisual {
				return scaleToMask(c.R, v.RedMask) | scaleToMask(c.G, v.GreenMask) | scaleToMask(c.B, v.BlueMask)
			}
		}
	}
	x.tb.Fatal("root visual not found")
	return 0
}

func scaleToMask(v uint8, mask uint32) uint32 {
	shift := bits.TrailingZeros32(mask)
	return (uint32(v) * (mask >> shift) / 255) << shift & mask
}

// window creates and maps a window of one colour, destroyed at the end of the test.
// Override-redirect keeps any window manager from moving or framing it.
func (x *testX) window(parent xproto.Window, r image.Rectangle, c color.NRGBA) xproto.Window {
	x.tb.Helper()
	win, err := xproto.NewWindowId(x.Conn)
	x.check("new window id", err)
	x.check("create window", xproto.CreateWindowChecked(x.Conn, 0, win, parent,
		int16(r.Min.X), int16(r.Min.Y), uint16(r.Dx()), uint16(r.Dy()), 0,
		xproto.WindowClassInputOutput, 0, xproto.CwBackPixel|xproto.CwOverrideRedirect,
		[]uint32{x.pixel(c), 1}).Check())
	x.tb.Cleanup(func() { xproto.DestroyWindow(x.Conn, win) })
	x.check("map window", xproto.MapWindowChecked(x.Conn, win).Check())
	x.check("raise window", xproto.ConfigureWindowChecked(x.Conn, win, xproto.ConfigWindowStackMode,
		[]uint32{xproto.StackModeAbove}).Check())
	return win
}

// setActive sets the root's _NET_ACTIVE_WINDOW as a window manager would, and removes it at
// the end of the test.
func (x *testX) setActive(win xproto.Window) {
	x.tb.Helper()
	a := x.atom("_NET_ACTIVE_WINDOW")
	buf := make([]byte, 4)
	xgb.Put32(buf, uint32(win))
	x.check("set _NET_ACTIVE_WINDOW", xproto.ChangePropertyChecked(x.Conn, xproto.PropModeReplace,
		x.screen.Root, a, xproto.AtomWindow, 32, 1, buf).Check())
	x.tb.Cleanup(func() { xproto.DeletePropertyChecked(x.Conn, x.screen.Root, a).Check() })
}

// assertColour fails unless img's pixel at p is c.
func assertColour(tb testing.TB, img image.Image, p image.Point, c color.NRGBA) {
	tb.Helper()
	got := color.NRGBAModel.Convert(img.At(p.X, p.Y)).(color.NRGBA)
	if got != c {
		tb.Errorf("pixel at %v = %v, want %v", p, got, c)
	}
}

// assertNotColour fails if img's pixel at p is c.
func assertNotColour(tb testing.TB, img image.Image, p image.Point, c color.NRGBA) {
	tb.Helper()
	if got := color.NRGBAModel.Convert(img.At(p.X, p.Y)).(color.NRGBA); got == c {
		tb.Errorf("pixel at %v = %v, but it is outside the window", p, got)
	}
}

var (
	red   = color.NRGBA{200, 30, 60, 255}
	green = color.NRGBA{20, 180, 90, 255}
	blue  = color.NRGBA{40, 70, 220, 255}
)

func TestX11Screen(t *testing.T) {
	xvfbtest.Require(t)
	x := mustX(t)
	r := image.Rect(100, 120, 300, 270)
	x.window(x.screen.Root, r, red)
	x.check("warp pointer", xproto.WarpPointerChecked(x.Conn, 0, x.screen.Root, 0, 0, 0, 0, 150, 170).Check())

	for name, f := range map[string]func(context.Context) (image.Image, error){
		"Screen": Screen, "AllScreens": AllScreens, "Desktop.Screen": Desktop{}.Screen,
	} {
		t.Run(name, func(t *testing.T) {
			img, err := f(context.Background())
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			want := image.Pt(int(x.screen.WidthInPixels), int(x.screen.HeightInPixels))
			if img.Bounds() != (image.Rectangle{Max: want}) {
				t.Fatalf("bounds = %v, want (0,0)-%v", img.Bounds(), want)
			}
			for _, p := range []image.Point{r.Min, {150, 170}, r.Max.Sub(image.Pt(1, 1))} {
				assertColour(t, img, p, red)
			}
			for _, p := range []image.Point{r.Min.Sub(image.Pt(1, 1)), r.Max} {
				assertNotColour(t, img, p, red)
			}
		})
	}
}

func TestX11ScreenCancelled(t *testing.T) {
	xvfbtest.Require(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Screen(ctx); !errors.Is(err, context.Canceled) {
		t.Errorf("Screen with a cancelled context: err = %v, want context.Canceled", err)
	}
}

func TestX11ActiveWindowFrame(t *testing.T) {
	xvfbtest.Require(t)
	x := mustX(t)
	frame := x.window(x.screen.Root, image.Rect(300, 200, 540, 380), red)
	client := x.window(frame, image.Rect(10, 20, 210, 160), green)
	x.setActive(client)

	img, err := Desktop{}.ActiveWindow(context.Background())
	if err != nil {
		t.Fatalf("ActiveWindow: %v", err)
	}
	if s := img.Bounds().Size(); s != image.Pt(240, 180) {
		t.Fatalf("size = %v, want the frame's 240×180", s)
	}
	assertColour(t, img, image.Pt(img.Bounds().Min.X+2, img.Bounds().Min.Y+2), red)
	assertColour(t, img, img.Bounds().Min.Add(image.Pt(15, 25)), green)
	assertColour(t, img, img.Bounds().Max.Sub(image.Pt(1, 1)), red)
}

func TestX11ActiveWindowClipped(t *testing.T) {
	xvfbtest.Require(t)
	x := mustX(t)
	w, h := int(x.screen.WidthInPixels), int(x.screen.HeightInPixels)
	win := x.window(x.screen.Root, image.Rect(w-80, h-100, w+120, h+100), blue)
	x.setActive(win)
	img, err := ActiveWindow(context.Background())
	if err != nil {
		t.Fatalf("ActiveWindow: %v", err)
	}
	if s := img.Bounds().Size(); s != image.Pt(80, 100) {
		t.Fatalf("size = %v, want the on-screen part 80×100", s)
	}
	assertColour(t, img, img.Bounds().Min, blue)
}

func TestX11ActiveWindowFrameExtents(t *testing.T) {
	xvfbtest.Require(t)
	x := mustX(t)
	win := x.window(x.screen.Root, image.Rect(50, 400, 250, 500), green)
	ext := make([]byte, 16)
	for i, v := range []uint32{10, 20, 5, 15} { // left, right, top, bottom
		xgb.Put32(ext[4*i:], v)
	}
	x.check("set _GTK_FRAME_EXTENTS", xproto.ChangePropertyChecked(x.Conn, xproto.PropModeReplace, win,
		x.atom("_GTK_FRAME_EXTENTS"), xproto.AtomCardinal, 32, 4, ext).Check())
	x.setActive(win)
	img, err := ActiveWindow(context.Background())
	if err != nil {
		t.Fatalf("ActiveWindow: %v", err)
	}
	if s := img.Bounds().Size(); s != image.Pt(170, 80) {
		t.Fatalf("size = %v, want 170×80 without the shadow margins", s)
	}
}

func TestX11NoActiveWindow(t *testing.T) {
	xvfbtest.Require(t)
	x := mustX(t)
	hidden, err := xproto.NewWindowId(x.Conn)
	x.check("new window id", err)
	x.check("create window", xproto.CreateWindowChecked(x.Conn, 0, hidden, x.screen.Root, 0, 0, 10, 10, 0,
		xproto.WindowClassInputOutput, 0, 0, nil).Check())
	t.Cleanup(func() { xproto.DestroyWindow(x.Conn, hidden) })
	gone, err := xproto.NewWindowId(x.Conn) // never created

	tests := []struct {
		name   string
		active *xproto.Window
		text   string
	}{
		{"no property", nil, "No window is active."},
		{"zero", new(xproto.Window), "No window is active."},
		{"unmapped", &hidden, "The active window is minimised or hidden."},
		{"destroyed", &gone, "The active window has closed."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := x.atom("_NET_ACTIVE_WINDOW")
			x.check("delete property", xproto.DeletePropertyChecked(x.Conn, x.screen.Root, a).Check())
			if tt.active != nil {
				x.setActive(*tt.active)
			}
			_, err := ActiveWindow(context.Background())
			if !errors.Is(err, ErrNoActiveWindow) || err.Error() != tt.text {
				t.Errorf("ActiveWindow: err = %v, want ErrNoActiveWindow saying %q", err, tt.text)
			}
		})
	}
}

// clipOwner holds the CLIPBOARD selection for a test, answering as a program would.
type clipOwner struct {
	x       *testX
	win     xproto.Window
	offers  map[xproto.Atom][]byte
	chunk   int  // send data larger than this with INCR; 0 means never
	silent  bool // never answer
	targets xproto.Atom
	incr    xproto.Atom

	// the INCR transfer in progress
	req     xproto.Window
	prop    xproto.Atom
	typ     xproto.Atom
	pending []byte
	sending bool
}

// ownClipboard makes a new connection take the CLIPBOARD selection and offer data by format
// name, until the end of the test.
func ownClipboard(tb testing.TB, offers map[string][]byte, chunk int, silent bool) {
	tb.Helper()
	x := mustX(tb)
	o := &clipOwner{x: x, offers: map[xproto.Atom][]byte{}, chunk: chunk, silent: silent,
		targets: x.atom("TARGETS"), incr: x.atom("INCR")}
	for name, data := range offers {
		o.offers[x.atom(name)] = data
	}
	var err error
	o.win, err = xproto.NewWindowId(x.Conn)
	x.check("new window id", err)
	x.check("create window", xproto.CreateWindowChecked(x.Conn, 0, o.win, x.screen.Root, 0, 0, 1, 1, 0,
		xproto.WindowClassInputOnly, 0, 0, nil).Check())
	clip := x.atom("CLIPBOARD")
	x.check("set owner", xproto.SetSelectionOwnerChecked(x.Conn, o.win, clip, xproto.TimeCurrentTime).Check())
	r, err := xproto.GetSelectionOwner(x.Conn, clip).Reply()
	if err != nil || r.Owner != o.win {
		tb.Fatalf("could not take the clipboard: %v", err)
	}
	go o.serve()
}

func (o *clipOwner) serve() {
	for {
		ev, err := o.x.WaitForEvent()
		if ev == nil && err == nil {
			return
		}
		switch e := ev.(type) {
		case xproto.SelectionRequestEvent:
			if !o.silent {
				o.answer(e)
			}
		case xproto.PropertyNotifyEvent:
			if o.sending && e.Window == o.req && e.Atom == o.prop && e.State == xproto.PropertyDelete {
				o.sendChunk()
			}
		}
	}
}

func (o *clipOwner) answer(e xproto.SelectionRequestEvent) {
	prop := e.Property
	if e.Target == o.targets {
		list := []xproto.Atom{o.targets}
		for a := range o.offers {
			list = append(list, a)
		}
		buf := make([]byte, 4*len(list))
		for i, a := range list {
			xgb.Put32(buf[4*i:], uint32(a))
		}
		xproto.ChangeProperty(o.x.Conn, xproto.PropModeReplace, e.Requestor, prop, xproto.AtomAtom, 32,
			uint32(len(list)), buf)
	} else if data, ok := o.offers[e.Target]; !ok {
		prop = xproto.AtomNone
	} else if o.chunk > 0 && len(data) > o.chunk {
		xproto.ChangeWindowAttributes(o.x.Conn, e.Requestor, xproto.CwEventMask,
			[]uint32{xproto.EventMaskPropertyChange})
		size := make([]byte, 4)
		xgb.Put32(size, uint32(len(data)))
		xproto.ChangeProperty(o.x.Conn, xproto.PropModeReplace, e.Requestor, prop, o.incr, 32, 1, size)
		o.req, o.prop, o.typ, o.pending, o.sending = e.Requestor, prop, e.Target, data, true
	} else {
		xproto.ChangeProperty(o.x.Conn, xproto.PropModeReplace, e.Requestor, prop, e.Target, 8,
			uint32(len(data)), data)
	}
	n := xproto.SelectionNotifyEvent{Time: e.Time, Requestor: e.Requestor, Selection: e.Selection,
		Target: e.Target, Property: prop}
	xproto.SendEvent(o.x.Conn, false, e.Requestor, 0, string(n.Bytes()))
}

// sendChunk writes the next piece of an INCR transfer, or the empty piece that ends it.
func (o *clipOwner) sendChunk() {
	n := min(o.chunk, len(o.pending))
	piece := o.pending[:n]
	o.pending = o.pending[n:]
	o.sending = n > 0
	xproto.ChangeProperty(o.x.Conn, xproto.PropModeReplace, o.req, o.prop, o.typ, 8, uint32(n), piece)
}

func TestX11Clipboard(t *testing.T) {
	xvfbtest.Require(t)
	small := imagingtest.RandomNRGBA(64, 48, true)
	large := imagingtest.RandomNRGBA(300, 300, true) // about 270 kB of PNG: sent with INCR in 64 kB pieces
	var bmpData bytes.Buffer
	if err := bmp.Encode(&bmpData, small); err != nil {
		t.Fatal(err)
	}
	file := writePNG(t, t.TempDir()+"/copied picture.png", small)
	uri := "file://" + strings.ReplaceAll(file, " ", "%20") + "\r\n"

	tests := []struct {
		name   string
		offers map[string][]byte
		chunk  int
		want   image.Image
	}{
		{"png", map[string][]byte{"image/png": encodePNG(t, small), "UTF8_STRING": []byte("hi")}, 0, small},
		{"bmp", map[string][]byte{"image/bmp": bmpData.Bytes()}, 0, small},
		{"png preferred over bmp", map[string][]byte{"image/png": encodePNG(t, small), "image/bmp": {1, 2}}, 0, small},
		{"incr", map[string][]byte{"image/png": encodePNG(t, large)}, 64 << 10, large},
		{"uri list", map[string][]byte{"text/uri-list": []byte(uri), "UTF8_STRING": []byte(file)}, 0, small},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ownClipboard(t, tt.offers, tt.chunk, false)
			got, err := Desktop{}.Clipboard(context.Background())
			if err != nil {
				t.Fatalf("Clipboard: %v", err)
			}
			imagingtest.AssertSame(t, got, tt.want)
		})
	}
}

func TestX11ClipboardNoImage(t *testing.T) {
	xvfbtest.Require(t)
	t.Run("no owner", func(t *testing.T) {
		x := mustX(t)
		x.check("clear owner", xproto.SetSelectionOwnerChecked(x.Conn, xproto.WindowNone, x.atom("CLIPBOARD"),
			xproto.TimeCurrentTime).Check())
		assertNoClipboardImage(t)
	})
	t.Run("text only", func(t *testing.T) {
		ownClipboard(t, map[string][]byte{"UTF8_STRING": []byte("just words")}, 0, false)
		assertNoClipboardImage(t)
	})
	t.Run("file list without images", func(t *testing.T) {
		ownClipboard(t, map[string][]byte{"text/uri-list": []byte("file:///nonexistent/x.png\n")}, 0, false)
		assertNoClipboardImage(t)
	})
}

func assertNoClipboardImage(t *testing.T) {
	t.Helper()
	start := time.Now()
	_, err := Clipboard(context.Background())
	if !errors.Is(err, ErrNoClipboardImage) || err.Error() != "The clipboard holds no image." {
		t.Errorf("Clipboard: err = %v, want ErrNoClipboardImage", err)
	}
	if d := time.Since(start); d > selectionTimeout {
		t.Errorf("Clipboard took %v, longer than the %v timeout", d, selectionTimeout)
	}
}

func TestX11ClipboardOwnerNeverAnswers(t *testing.T) {
	xvfbtest.Require(t)
	defer func(d time.Duration) { selectionTimeout = d }(selectionTimeout)
	selectionTimeout = 300 * time.Millisecond
	ownClipboard(t, map[string][]byte{"image/png": {1}}, 0, true)

	start := time.Now()
	_, err := Clipboard(context.Background())
	if !errors.Is(err, context.DeadlineExceeded) ||
		err.Error() != "The program holding the clipboard did not answer within 0.3 seconds." {
		t.Errorf("Clipboard: err = %v, want a timeout sentence", err)
	}
	if d := time.Since(start); d < selectionTimeout || d > 10*selectionTimeout {
		t.Errorf("gave up after %v, want about %v", d, selectionTimeout)
	}

	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if _, err := Clipboard(ctx); !errors.Is(err, context.DeadlineExceeded) || time.Since(start) > 10*selectionTimeout {
		t.Errorf("Clipboard with a 50 ms context: err = %v", err)
	}
}

func TestDisplayError(t *testing.T) {
	if err := displayError(":0", ""); err != nil {
		t.Errorf("with DISPLAY: %v", err)
	}
	if err := displayError("", "wayland-0"); !errors.Is(err, ErrUnsupported) ||
		!strings.HasPrefix(err.Error(), "Capturing the screen needs X11 or XWayland") {
		t.Errorf("Wayland only: %v", err)
	}
	if err := displayError("", ""); !errors.Is(err, ErrNoDisplay) {
		t.Errorf("no display: %v", err)
	}
	t.Setenv("DISPLAY", "")
	t.Setenv("WAYLAND_DISPLAY", "")
	for name, f := range map[string]func(context.Context) (image.Image, error){
		"Screen": Screen, "AllScreens": AllScreens, "ActiveWindow": ActiveWindow, "Clipboard": Clipboard,
	} {
		if _, err := f(context.Background()); !errors.Is(err, ErrNoDisplay) {
			t.Errorf("%s without a display: err = %v, want ErrNoDisplay", name, err)
		}
	}
}

func BenchmarkScreen(b *testing.B) {
	xvfbtest.Require(b)
	ctx := context.Background()
	start := time.Now()
	for b.Loop() {
		if _, err := Screen(ctx); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(time.Since(start).Milliseconds())/float64(b.N), "ms/capture")
}
