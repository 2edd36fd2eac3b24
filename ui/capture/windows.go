//go:build windows

package capture

import (
	"context"
	"encoding/binary"
	"fmt"
	"image"
	"time"
	"unicode/utf16"
	"unsafe"

	"github.com/kbinani/screenshot"
	"golang.org/x/sys/windows"

	"github.com/describer/describer/inference/imaging"
)

var (
	user32                         = windows.NewLazySystemDLL("user32.dll")
	kernel32                       = windows.NewLazySystemDLL("kernel32.dll")
	procGetCursorPos               = user32.NewProc("GetCursorPos")
	procGetWindowRect              = user32.NewProc("GetWindowRect")
	procIsIconic                   = user32.NewProc("IsIconic")
	procOpenClipboard              = user32.NewProc("OpenClipboard")
	procCloseClipboard             = user32.NewProc("CloseClipboard")
	procGetClipboardData           = user32.NewProc("GetClipboardData")
	procIsClipboardFormatAvailable = user32.NewProc("IsClipboardFormatAvailable")
	procRegisterClipboardFormatW   = user32.NewProc("RegisterClipboardFormatW")
	procGlobalLock                 = kernel32.NewProc("GlobalLock")
	procGlobalUnlock               = kernel32.NewProc("GlobalUnlock")
	procGlobalSize                 = kernel32.NewProc("GlobalSize")
)

// Standard clipboard formats.
const (
	cfDIB   = 8
	cfHDROP = 15
	cfDIBV5 = 17
)

// clipboardTimeout is how long Clipboard waits for another program to close the clipboard.
const clipboardTimeout = 2 * time.Second

func platformReady() error { return nil }

func noDisplaysError() error {
	return sentence("No screen was found to capture.", ErrNoDisplay)
}

// pointer returns the mouse pointer's position in virtual-screen coordinates.
func pointer(ctx context.Context) (image.Point, bool, error) {
	var p struct{ X, Y int32 }
	if r, _, err := procGetCursorPos.Call(uintptr(unsafe.Pointer(&p))); r == 0 {
		return image.Point{}, false, fmt.Errorf("get cursor position: %w", err)
	}
	return image.Pt(int(p.X), int(p.Y)), true, nil
}

// activeWindowRect returns the foreground window's rectangle, clipped to the displays. It
// prefers the frame bounds the desktop window manager draws, which leave out the invisible
// resize borders that GetWindowRect includes.
func activeWindowRect(ctx context.Context) (image.Rectangle, error) {
	hwnd := windows.GetForegroundWindow()
	if hwnd == 0 {
		return image.Rectangle{}, sentence("No window is active.", ErrNoActiveWindow)
	}
	if r, _, _ := procIsIconic.Call(uintptr(hwnd)); r != 0 || !windows.IsWindowVisible(hwnd) {
		return image.Rectangle{}, sentence("The active window is minimised or hidden.", ErrNoActiveWindow)
	}
	var rc windows.Rect
	err := windows.DwmGetWindowAttribute(hwnd, windows.DWMWA_EXTENDED_FRAME_BOUNDS,
		unsafe.Pointer(&rc), uint32(unsafe.Sizeof(rc)))
	if err != nil {
		if r, _, err := procGetWindowRect.Call(uintptr(hwnd), uintptr(unsafe.Pointer(&rc))); r == 0 {
			return image.Rectangle{}, sentence("The active window has closed.", ErrNoActiveWindow, err)
		}
	}
	ds, err := displays()
	if err != nil {
		return image.Rectangle{}, err
	}
	var all image.Rectangle
	for _, d := range ds {
		all = all.Union(d)
	}
	r := image.Rect(int(rc.Left), int(rc.Top), int(rc.Right), int(rc.Bottom)).Intersect(all)
	if r.Empty() {
		return image.Rectangle{}, sentence("The active window is off the screen.", ErrNoActiveWindow)
	}
	return r, nil
}

// clipboardImage reads a PNG, a DIB or a copied image file from the clipboard.
func clipboardImage(ctx context.Context) (image.Image, error) {
	if err := openClipboard(ctx); err != nil {
		return nil, err
	}
	defer procCloseClipboard.Call()
	if png := registeredFormat("PNG"); png != 0 {
		if data, ok := clipboardBytes(png); ok {
			if img, err := decodeImage(data); err == nil {
				return img, nil
			}
		}
	}
	for _, f := range []uintptr{cfDIBV5, cfDIB} {
		if data, ok := clipboardBytes(f); ok {
			img, err := imaging.DecodeDIB(data)
			if err != nil {
				return nil, sentence("The image on the clipboard could not be read.", ErrNoClipboardImage,
					fmt.Errorf("capture: clipboard: %w", err))
			}
			return img, nil
		}
	}
	if data, ok := clipboardBytes(cfHDROP); ok {
		var errs []error
		for _, p := range dropFiles(data) {
			img, err := loadImageFile(p)
			if err == nil {
				return img, nil
			}
			errs = append(errs, err)
		}
		return nil, noClipboardImage(errs...)
	}
	return nil, noClipboardImage()
}

// openClipboard opens the clipboard, retrying while another program holds it open.
func openClipboard(ctx context.Context) error {
	deadline := time.Now().Add(clipboardTimeout)
	for {
		r, _, err := procOpenClipboard.Call(0)
		if r != 0 {
			return nil
		}
		if time.Now().After(deadline) {
			return sentence("Another program kept the clipboard busy for 2 seconds.", context.DeadlineExceeded, err)
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("capture: clipboard: %w", ctx.Err())
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// registeredFormat returns the id of a named clipboard format, or 0.
func registeredFormat(name string) uintptr {
	p, err := windows.UTF16PtrFromString(name)
	if err != nil {
		return 0
	}
	r, _, _ := procRegisterClipboardFormatW.Call(uintptr(unsafe.Pointer(p)))
	return r
}

// clipboardBytes copies the clipboard's data in format f; the clipboard must be open.
func clipboardBytes(f uintptr) ([]byte, bool) {
	if r, _, _ := procIsClipboardFormatAvailable.Call(f); r == 0 {
		return nil, false
	}
	h, _, _ := procGetClipboardData.Call(f)
	if h == 0 {
		return nil, false
	}
	size, _, _ := procGlobalSize.Call(h)
	if size == 0 || size > maxImageBytes {
		return nil, false
	}
	p, _, _ := procGlobalLock.Call(h)
	if p == 0 {
		return nil, false
	}
	defer procGlobalUnlock.Call(h)
	// GlobalLock returns a pointer to memory Windows owns; copy it out before unlocking.
	src := unsafe.Slice(*(**byte)(unsafe.Pointer(&p)), size)
	return append([]byte(nil), src...), true
}

// dropFiles returns the paths in a CF_HDROP block: a DROPFILES header whose first field
// gives the offset of a list of NUL-terminated names, ended by an empty name.
func dropFiles(b []byte) []string {
	if len(b) < 20 {
		return nil
	}
	off := int(binary.LittleEndian.Uint32(b))
	wide := binary.LittleEndian.Uint32(b[16:]) != 0
	if off < 20 || off > len(b) {
		return nil
	}
	var paths []string
	b = b[off:]
	for {
		var name string
		if wide {
			var u []uint16
			for len(b) >= 2 && binary.LittleEndian.Uint16(b) != 0 {
				u, b = append(u, binary.LittleEndian.Uint16(b)), b[2:]
			}
			name, b = string(utf16.Decode(u)), b[min(2, len(b)):]
		} else {
			i := 0
			for i < len(b) && b[i] != 0 {
				i++
			}
			name, b = string(b[:i]), b[min(i+1, len(b)):]
		}
		if name == "" {
			return paths
		}
		paths = append(paths, name)
	}
}

// capturePixels copies the pixels of r, in virtual-screen coordinates.
func capturePixels(r image.Rectangle) (*image.RGBA, error) { return screenshot.CaptureRect(r) }
