//go:build linux || freebsd || openbsd || netbsd

package capture

import (
	"encoding/binary"
	"fmt"
	"image"
	"os"

	"github.com/jezek/xgb/xproto"
	"github.com/kbinani/screenshot"

	"github.com/describer/describer/inference/imaging"
)

// bandBytes bounds the pixels one GetImage request asks for.
const bandBytes = 8 << 20

// capturePixels copies the pixels of r, given in screenshot's coordinates, from the root
// window with the core GetImage request.
//
// It does not use screenshot.Capture on X11: that initialises the MIT-SHM extension on
// every call, which writes to xgb's package-wide event and error tables while other
// connections (the hotkey package's) read them, a data race that can crash the program.
// In a Wayland session the root window of XWayland does not show Wayland windows, so there
// screenshot.Capture is used, which asks the desktop portal over D-Bus.
func capturePixels(r image.Rectangle) (*image.RGBA, error) {
	if os.Getenv("XDG_SESSION_TYPE") == "wayland" {
		return screenshot.CaptureRect(r)
	}
	return withX("capture", func(x *xConn) (*image.RGBA, error) {
		return x.getImage(r)
	})
}

// getImage reads r from the root window in bands of rows. Parts of r outside the root
// window are black.
func (x *xConn) getImage(r image.Rectangle) (*image.RGBA, error) {
	if int64(r.Dx())*int64(r.Dy()) > maxGrabPixels {
		return nil, fmt.Errorf("capture: %v is too large", r)
	}
	img := image.NewRGBA(image.Rectangle{Max: r.Size()})
	for i := 3; i < len(img.Pix); i += 4 {
		img.Pix[i] = 0xff
	}
	origin := x.origin()
	root := image.Rect(0, 0, int(x.screen.WidthInPixels), int(x.screen.HeightInPixels))
	src := r.Add(origin).Intersect(root) // in root coordinates
	if src.Empty() {
		return img, nil
	}
	conv, err := x.pixelConverter()
	if err != nil {
		return nil, err
	}
	rows := max(1, bandBytes/(4*src.Dx()))
	for y := src.Min.Y; y < src.Max.Y; y += rows {
		band := image.Rect(src.Min.X, y, src.Max.X, min(y+rows, src.Max.Y))
		reply, err := xproto.GetImage(x.Conn, xproto.ImageFormatZPixmap, xproto.Drawable(x.screen.Root),
			int16(band.Min.X), int16(band.Min.Y), uint16(band.Dx()), uint16(band.Dy()), 0xffffffff).Reply()
		if err != nil {
			return nil, fmt.Errorf("capture: get image: %w", err)
		}
		at := band.Min.Sub(r.Min.Add(origin)) // where the band goes in img
		if err := conv.copy(img, at, band.Size(), reply.Data); err != nil {
			return nil, err
		}
	}
	return img, nil
}

// pixelConverter turns ZPixmap data of the root window's depth and visual into RGBA.
type pixelConverter struct {
	bpp, pad int
	order    binary.ByteOrder
	ch       [3]imaging.Channel
	bgrx     bool // the common 32-bit layout: bytes blue, green, red, unused
}

func (x *xConn) pixelConverter() (*pixelConverter, error) {
	setup := xproto.Setup(x.Conn)
	c := &pixelConverter{order: binary.LittleEndian}
	if setup.ImageByteOrder == xproto.ImageOrderMSBFirst {
		c.order = binary.BigEndian
	}
	for _, f := range setup.PixmapFormats {
		if f.Depth == x.screen.RootDepth {
			c.bpp, c.pad = int(f.BitsPerPixel), int(f.ScanlinePad)
		}
	}
	var vis *xproto.VisualInfo
	for _, d := range x.screen.AllowedDepths {
		for i, v := range d.Visuals {
			if v.VisualId == x.screen.RootVisual {
				vis = &d.Visuals[i]
			}
		}
	}
	if vis == nil || (c.bpp != 16 && c.bpp != 24 && c.bpp != 32) || c.pad%8 != 0 || c.pad == 0 ||
		vis.Class != xproto.VisualClassTrueColor && vis.Class != xproto.VisualClassDirectColor {
		return nil, sentence("The screen uses a colour format that cannot be captured.", ErrUnsupported)
	}
	c.ch = [3]imaging.Channel{imaging.NewChannel(vis.RedMask), imaging.NewChannel(vis.GreenMask), imaging.NewChannel(vis.BlueMask)}
	c.bgrx = c.bpp == 32 && c.order == binary.LittleEndian &&
		vis.RedMask == 0xff0000 && vis.GreenMask == 0xff00 && vis.BlueMask == 0xff
	return c, nil
}

// copy writes a size.X × size.Y block of ZPixmap data into img at at.
func (c *pixelConverter) copy(img *image.RGBA, at, size image.Point, data []byte) error {
	bits := size.X * c.bpp
	stride := (bits + c.pad - 1) / c.pad * c.pad / 8
	if len(data) < stride*size.Y {
		return fmt.Errorf("capture: get image: %d bytes, want %d", len(data), stride*size.Y)
	}
	step := c.bpp / 8
	for y := range size.Y {
		row := data[y*stride : y*stride+size.X*step]
		out := img.Pix[img.PixOffset(at.X, at.Y+y):]
		if c.bgrx {
			for i := 0; i+3 < len(row); i += 4 {
				out[i], out[i+1], out[i+2] = row[i+2], row[i+1], row[i]
			}
			continue
		}
		for xx := range size.X {
			p := row[xx*step:]
			var v uint32
			switch step {
			case 2:
				v = uint32(c.order.Uint16(p))
			case 3:
				if c.order == binary.LittleEndian {
					v = uint32(p[0]) | uint32(p[1])<<8 | uint32(p[2])<<16
				} else {
					v = uint32(p[2]) | uint32(p[1])<<8 | uint32(p[0])<<16
				}
			default:
				v = c.order.Uint32(p)
			}
			o := out[4*xx : 4*xx+3 : 4*xx+3]
			o[0], o[1], o[2] = c.ch[0].Get(v, 0), c.ch[1].Get(v, 0), c.ch[2].Get(v, 0)
		}
	}
	return nil
}
