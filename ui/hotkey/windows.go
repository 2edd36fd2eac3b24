//go:build windows

package hotkey

import (
	"errors"
	"fmt"
	"runtime"
	"unsafe"

	"golang.org/x/sys/windows"
)

var (
	user32                 = windows.NewLazySystemDLL("user32.dll")
	procRegisterHotKey     = user32.NewProc("RegisterHotKey")
	procUnregisterHotKey   = user32.NewProc("UnregisterHotKey")
	procGetMessageW        = user32.NewProc("GetMessageW")
	procPeekMessageW       = user32.NewProc("PeekMessageW")
	procPostThreadMessageW = user32.NewProc("PostThreadMessageW")
)

const (
	wmHotkey   = 0x0312
	wmApp      = 0x8000
	wmWake     = wmApp + 1 // tells the message loop that requests are waiting
	pmNoRemove = 0x0000

	modAlt      = 0x0001
	modControl  = 0x0002
	modShift    = 0x0004
	modWin      = 0x0008
	modNoRepeat = 0x4000
)

// winMsg is the Win32 MSG structure.
type winMsg struct {
	hwnd     uintptr
	message  uint32
	wParam   uintptr
	lParam   uintptr
	time     uint32
	pt       struct{ x, y int32 }
	lPrivate uint32
}

// winRequest asks the message-loop thread to register, unregister or stop.
type winRequest struct {
	op    int // opRegister, opUnregister or opClose
	combo Combo
	key   keyInfo
	reply chan error
}

const (
	opRegister = iota
	opUnregister
	opClose
)

// winBackend owns one locked OS thread: RegisterHotKey ties a hotkey to the thread that
// registered it and posts WM_HOTKEY to that thread's message queue.
type winBackend struct {
	tid      uint32
	requests chan winRequest
	done     chan struct{}
	pressed  func(Combo)
}

func newBackend(pressed func(Combo)) (backend, error) {
	if err := user32.Load(); err != nil {
		return nil, sentence("Global hotkeys are unavailable because user32.dll could not be loaded.",
			ErrUnsupported, err)
	}
	b := &winBackend{requests: make(chan winRequest, 4), done: make(chan struct{}), pressed: pressed}
	ready := make(chan uint32)
	go b.loop(ready)
	b.tid = <-ready
	return b, nil
}

// loop runs the thread's message loop until a close request.
func (b *winBackend) loop(ready chan<- uint32) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	defer close(b.done)
	var msg winMsg
	// The first call to a message function creates the thread's queue, so that
	// PostThreadMessage from other threads cannot fail.
	procPeekMessageW.Call(uintptr(unsafe.Pointer(&msg)), 0, wmApp, wmApp, pmNoRemove)
	ready <- windows.GetCurrentThreadId()
	ids := map[Combo]uintptr{}
	combos := map[uintptr]Combo{}
	nextID := uintptr(1)
	for {
		r, _, _ := procGetMessageW.Call(uintptr(unsafe.Pointer(&msg)), 0, 0, 0)
		if int32(r) <= 0 { // WM_QUIT or failure
			unregisterAll(ids)
			return
		}
		switch msg.message {
		case wmHotkey:
			if c, ok := combos[msg.wParam]; ok {
				b.pressed(c)
			}
		case wmWake:
			if b.drain(ids, combos, &nextID) {
				return
			}
		}
	}
}

// drain serves every waiting request and reports whether one asked the loop to stop.
func (b *winBackend) drain(ids map[Combo]uintptr, combos map[uintptr]Combo, next *uintptr) bool {
	for {
		select {
		case req := <-b.requests:
			if req.op == opClose {
				req.reply <- unregisterAll(ids)
				return true
			}
			req.reply <- b.serve(req, ids, combos, next)
		default:
			return false
		}
	}
}

// serve registers or unregisters one hotkey on the loop's thread.
func (b *winBackend) serve(req winRequest, ids map[Combo]uintptr, combos map[uintptr]Combo, next *uintptr) error {
	if req.op == opUnregister {
		id, ok := ids[req.combo]
		if !ok {
			return nil
		}
		delete(ids, req.combo)
		delete(combos, id)
		if r, _, err := procUnregisterHotKey.Call(0, id); r == 0 {
			return fmt.Errorf("hotkey: unregister %s: %w", req.combo, err)
		}
		return nil
	}
	id := *next
	*next++
	r, _, err := procRegisterHotKey.Call(0, id, uintptr(winMods(req.combo.Mods)|modNoRepeat), uintptr(req.key.vk))
	if r == 0 {
		if errors.Is(err, windows.ERROR_HOTKEY_ALREADY_REGISTERED) {
			return takenError(req.combo, err)
		}
		return fmt.Errorf("hotkey: register %s: %w", req.combo, err)
	}
	ids[req.combo] = id
	combos[id] = req.combo
	return nil
}

func unregisterAll(ids map[Combo]uintptr) error {
	var errs []error
	for c, id := range ids {
		if r, _, err := procUnregisterHotKey.Call(0, id); r == 0 {
			errs = append(errs, fmt.Errorf("unregister %s: %w", c, err))
		}
	}
	return joinClose(errs...)
}

func winMods(m Modifier) uint32 {
	var w uint32
	if m&ModAlt != 0 {
		w |= modAlt
	}
	if m&ModCtrl != 0 {
		w |= modControl
	}
	if m&ModShift != 0 {
		w |= modShift
	}
	if m&ModSuper != 0 {
		w |= modWin
	}
	return w
}

// call hands a request to the loop's thread and waits for its answer. The Manager's lock
// makes requests one at a time, so the buffered channel never fills.
func (b *winBackend) call(req winRequest) error {
	req.reply = make(chan error, 1)
	select {
	case b.requests <- req:
	case <-b.done:
		return ErrClosed
	}
	if r, _, err := procPostThreadMessageW.Call(uintptr(b.tid), wmWake, 0, 0); r == 0 {
		return fmt.Errorf("hotkey: wake message loop: %w", err)
	}
	select {
	case err := <-req.reply:
		return err
	case <-b.done:
		select {
		case err := <-req.reply:
			return err
		default:
			return ErrClosed
		}
	}
}

func (b *winBackend) grab(c Combo, k keyInfo) error {
	return b.call(winRequest{op: opRegister, combo: c, key: k})
}

func (b *winBackend) ungrab(c Combo) error {
	return b.call(winRequest{op: opUnregister, combo: c})
}

func (b *winBackend) close() error {
	err := b.call(winRequest{op: opClose})
	<-b.done
	return err
}
