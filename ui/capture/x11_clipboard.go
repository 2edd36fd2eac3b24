//go:build linux || freebsd || openbsd || netbsd

package capture

import (
	"context"
	"errors"
	"fmt"
	"image"
	"time"

	"github.com/describer/describer/internal/usererr"
	"github.com/jezek/xgb"
	"github.com/jezek/xgb/xproto"
)

// selectionTimeout is how long Clipboard waits for each answer from the clipboard's owner.
var selectionTimeout = 2 * time.Second

// propertyChunk is how many 32-bit units one GetProperty request reads.
const propertyChunk = 1 << 18

// errRefused means the clipboard's owner cannot give the data in the format asked for.
var errRefused = errors.New("clipboard owner refused the format")

// clipboardImage asks the owner of the CLIPBOARD selection for an image, or for a list of
// copied files of which the first image is loaded.
func clipboardImage(ctx context.Context) (image.Image, error) {
	return withX("clipboard", func(x *xConn) (image.Image, error) {
		s, err := newSelReader(x)
		if err != nil {
			return nil, fmt.Errorf("capture: clipboard: %w", err)
		}
		defer s.close()
		return s.image(ctx)
	})
}

// selReader converts the CLIPBOARD selection into a property on a hidden window of its own.
type selReader struct {
	x      *xConn
	win    xproto.Window
	atoms  map[string]xproto.Atom
	events chan xgb.Event
	done   chan struct{}
}

var selAtomNames = []string{"CLIPBOARD", "TARGETS", "INCR", "DESCRIBER_SELECTION"}

func newSelReader(x *xConn) (*selReader, error) {
	s := &selReader{x: x, atoms: map[string]xproto.Atom{}, events: make(chan xgb.Event, 64), done: make(chan struct{})}
	for _, n := range selAtomNames {
		a, err := x.internAtom(n, false)
		if err != nil {
			return nil, err
		}
		s.atoms[n] = a
	}
	win, err := xproto.NewWindowId(x.Conn)
	if err != nil {
		return nil, fmt.Errorf("new window id: %w", err)
	}
	err = xproto.CreateWindowChecked(x.Conn, 0, win, x.screen.Root, -10, -10, 1, 1, 0,
		xproto.WindowClassInputOnly, 0, xproto.CwEventMask,
		[]uint32{xproto.EventMaskPropertyChange}).Check()
	if err != nil {
		return nil, fmt.Errorf("create window: %w", err)
	}
	s.win = win
	go s.pump()
	return s, nil
}

// pump hands events to s.events until the connection closes; after close it discards them.
func (s *selReader) pump() {
	for {
		ev, err := s.x.WaitForEvent()
		if ev == nil && err == nil {
			return
		}
		if ev == nil {
			continue // an error from a request nobody checks
		}
		select {
		case s.events <- ev:
		case <-s.done:
		}
	}
}

func (s *selReader) close() { close(s.done) }

// image finds the best format the owner offers and decodes it.
func (s *selReader) image(ctx context.Context) (image.Image, error) {
	owner, err := xproto.GetSelectionOwner(s.x.Conn, s.atoms["CLIPBOARD"]).Reply()
	if err != nil {
		return nil, fmt.Errorf("capture: clipboard: get owner: %w", err)
	}
	if owner.Owner == xproto.WindowNone {
		return nil, noClipboardImage()
	}
	offered, err := s.targets(ctx)
	if err != nil {
		return nil, err
	}
	for _, name := range imageTypes {
		if a, ok := offered[name]; ok {
			return s.decode(ctx, name, a)
		}
	}
	for _, name := range fileListTypes {
		if a, ok := offered[name]; ok {
			data, _, err := s.convert(ctx, a)
			if err != nil {
				return nil, s.convertError(err)
			}
			return firstImageFile(data)
		}
	}
	return nil, noClipboardImage()
}

// targets returns the formats the owner offers that this package reads, by name. An owner
// that does not answer TARGETS is asked for PNG directly.
func (s *selReader) targets(ctx context.Context) (map[string]xproto.Atom, error) {
	want := map[xproto.Atom]string{}
	for _, n := range append(append([]string{}, imageTypes...), fileListTypes...) {
		a, err := s.x.internAtom(n, true)
		if err != nil {
			return nil, fmt.Errorf("capture: clipboard: %w", err)
		}
		if a != xproto.AtomNone {
			want[a] = n
		}
	}
	data, format, err := s.convert(ctx, s.atoms["TARGETS"])
	if errors.Is(err, errRefused) {
		png, err := s.x.internAtom("image/png", false)
		if err != nil {
			return nil, fmt.Errorf("capture: clipboard: %w", err)
		}
		return map[string]xproto.Atom{"image/png": png}, nil
	}
	if err != nil {
		return nil, s.convertError(err)
	}
	offered := map[string]xproto.Atom{}
	for i := 0; format == 32 && i+4 <= len(data); i += 4 {
		a := xproto.Atom(xgb.Get32(data[i:]))
		if n, ok := want[a]; ok {
			offered[n] = a
		}
	}
	return offered, nil
}

// decode converts the selection to the image format name and decodes it.
func (s *selReader) decode(ctx context.Context, name string, target xproto.Atom) (image.Image, error) {
	data, _, err := s.convert(ctx, target)
	if err != nil {
		return nil, s.convertError(err)
	}
	img, err := decodeImage(data)
	if err != nil {
		return nil, sentence("The image on the clipboard could not be read.", ErrNoClipboardImage,
			fmt.Errorf("capture: clipboard %s: %w", name, err))
	}
	return img, nil
}

// convertError turns a failed conversion into the error Clipboard returns.
func (s *selReader) convertError(err error) error {
	var se *usererr.Error
	switch {
	case errors.Is(err, errRefused):
		return noClipboardImage(err)
	case errors.As(err, &se):
		return err
	default:
		return fmt.Errorf("capture: clipboard: %w", err)
	}
}

// convert asks the owner for the selection as target and returns the data and its format
// (8, 16 or 32 bits a unit), following the INCR protocol for large data.
func (s *selReader) convert(ctx context.Context, target xproto.Atom) ([]byte, byte, error) {
	prop := s.atoms["DESCRIBER_SELECTION"]
	xproto.ConvertSelection(s.x.Conn, s.win, s.atoms["CLIPBOARD"], target, prop, xproto.TimeCurrentTime)
	ev, err := s.wait(ctx, func(ev xgb.Event) bool {
		n, ok := ev.(xproto.SelectionNotifyEvent)
		return ok && n.Requestor == s.win && n.Target == target
	})
	if err != nil {
		return nil, 0, err
	}
	if ev.(xproto.SelectionNotifyEvent).Property == xproto.AtomNone {
		return nil, 0, errRefused
	}
	data, typ, format, err := s.readProperty(prop)
	if err != nil {
		return nil, 0, err
	}
	if typ != s.atoms["INCR"] {
		return data, format, nil
	}
	return s.readIncr(ctx, prop)
}

// readIncr receives data sent in pieces: after the INCR property is deleted, the owner
// writes each piece to the property and waits for it to be deleted; an empty piece ends.
func (s *selReader) readIncr(ctx context.Context, prop xproto.Atom) ([]byte, byte, error) {
	var all []byte
	var format byte
	for {
		_, err := s.wait(ctx, func(ev xgb.Event) bool {
			n, ok := ev.(xproto.PropertyNotifyEvent)
			return ok && n.Window == s.win && n.Atom == prop && n.State == xproto.PropertyNewValue
		})
		if err != nil {
			return nil, 0, err
		}
		data, _, f, err := s.readProperty(prop)
		if err != nil {
			return nil, 0, err
		}
		if len(data) == 0 {
			return all, format, nil
		}
		if len(all)+len(data) > maxImageBytes {
			return nil, 0, fmt.Errorf("clipboard data is larger than %d bytes", maxImageBytes)
		}
		all, format = append(all, data...), f
	}
}

// readProperty reads the whole of a property on s.win, then deletes it.
func (s *selReader) readProperty(prop xproto.Atom) (data []byte, typ xproto.Atom, format byte, err error) {
	for offset := uint32(0); ; {
		r, err := xproto.GetProperty(s.x.Conn, false, s.win, prop, xproto.GetPropertyTypeAny,
			offset, propertyChunk).Reply()
		if err != nil {
			return nil, 0, 0, fmt.Errorf("read clipboard property: %w", err)
		}
		data, typ, format = append(data, r.Value...), r.Type, r.Format
		if r.BytesAfter == 0 || len(r.Value) == 0 {
			break
		}
		if len(data)+int(r.BytesAfter) > maxImageBytes {
			return nil, 0, 0, fmt.Errorf("clipboard data is larger than %d bytes", maxImageBytes)
		}
		offset += uint32(len(r.Value) / 4)
	}
	if err := xproto.DeletePropertyChecked(s.x.Conn, s.win, prop).Check(); err != nil {
		return nil, 0, 0, fmt.Errorf("delete clipboard property: %w", err)
	}
	return data, typ, format, nil
}

// wait returns the first event that match accepts, giving up after selectionTimeout.
func (s *selReader) wait(ctx context.Context, match func(xgb.Event) bool) (xgb.Event, error) {
	t := time.NewTimer(selectionTimeout)
	defer t.Stop()
	for {
		select {
		case ev := <-s.events:
			if match(ev) {
				return ev, nil
			}
		case <-t.C:
			return nil, sentence(fmt.Sprintf("The program holding the clipboard did not answer within %g seconds.",
				selectionTimeout.Seconds()), context.DeadlineExceeded)
		case <-ctx.Done():
			return nil, fmt.Errorf("capture: clipboard: %w", ctx.Err())
		}
	}
}
