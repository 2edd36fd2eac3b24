package screenreader

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"unsafe"

	"golang.org/x/sys/windows"

	"github.com/describer/describer/speech"
)

// nvdaDLLNames are the controller client's file names, newest first.
// NVDA 2024.1 (controller client API 2.0) ships nvdaControllerClient.dll in
// x86, x64 and arm64 folders; earlier releases named it
// nvdaControllerClient32.dll and nvdaControllerClient64.dll. The functions
// used here exist in both.
func nvdaDLLNames() []string {
	names := []string{"nvdaControllerClient.dll"}
	switch runtime.GOARCH {
	case "amd64":
		names = append(names, "nvdaControllerClient64.dll")
	case "386":
		names = append(names, "nvdaControllerClient32.dll")
	}
	return names
}

// findNVDADLL returns the controller client to load: cfg's path, else the
// first of nvdaDLLNames beside the executable. Only full paths are loaded,
// never a bare name searched for in the current directory.
func findNVDADLL(cfg Config) (string, error) {
	if cfg.NVDAControllerDLL != "" {
		if _, err := os.Stat(cfg.NVDAControllerDLL); err != nil {
			return "", fmt.Errorf("NVDA controller client: %w", err)
		}
		return cfg.NVDAControllerDLL, nil
	}
	exe, err := os.Executable()
	if err != nil {
		return "", fmt.Errorf("NVDA controller client: find the program's folder: %w", err)
	}
	dir := filepath.Dir(exe)
	for _, n := range nvdaDLLNames() {
		p := filepath.Join(dir, n)
		if _, err := os.Stat(p); err == nil {
			return p, nil
		}
	}
	return "", fmt.Errorf("NVDA controller client: none of %s is beside %s: %w",
		strings.Join(nvdaDLLNames(), ", "), exe, ErrNotAvailable)
}

// NVDA is a speech.Engine that speaks through the NVDA screen reader with
// its controller client DLL (nvdaController_speakText and
// nvdaController_cancelSpeech), in the user's NVDA voice and settings.
//
// Speak interrupts NVDA's current speech, queues the text and returns: NVDA
// owns its speech queue and does not say when it has finished. Stop cancels
// NVDA's speech.
type NVDA struct {
	dll                   *windows.LazyDLL
	speak, cancel, testUp *windows.LazyProc

	mu     sync.Mutex
	closed bool
}

// OpenNVDA loads the controller client and checks that NVDA is running.
func OpenNVDA(cfg Config) (*NVDA, error) {
	path, err := findNVDADLL(cfg)
	if err != nil {
		return nil, err
	}
	dll := windows.NewLazyDLL(path)
	if err := dll.Load(); err != nil {
		return nil, fmt.Errorf("NVDA controller client %s: %w", path, err)
	}
	n := &NVDA{
		dll:    dll,
		speak:  dll.NewProc("nvdaController_speakText"),
		cancel: dll.NewProc("nvdaController_cancelSpeech"),
		testUp: dll.NewProc("nvdaController_testIfRunning"),
	}
	for _, p := range []*windows.LazyProc{n.speak, n.cancel, n.testUp} {
		if err := p.Find(); err != nil {
			return nil, fmt.Errorf("NVDA controller client %s: %w", path, err)
		}
	}
	if err := n.running(); err != nil {
		return nil, err
	}
	return n, nil
}

// Name returns "NVDA".
func (n *NVDA) Name() string { return NameNVDA }

func (n *NVDA) running() error {
	r, _, _ := n.testUp.Call()
	return nvdaErr("is NVDA running", r)
}

// Speak interrupts NVDA and gives it text to say. Text with nothing to say
// (only spaces or control characters) gives speech.ErrNothingToSay.
func (n *NVDA) Speak(ctx context.Context, text string) error {
	if blank(text) {
		return speech.ErrNothingToSay
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if n.isClosed() {
		return ErrClosed
	}
	p, err := windows.UTF16PtrFromString(strings.ReplaceAll(text, "\x00", " "))
	if err != nil {
		return fmt.Errorf("NVDA: %w", err)
	}
	if err := n.Stop(); err != nil {
		return err
	}
	r, _, _ := n.speak.Call(uintptr(unsafe.Pointer(p)))
	runtime.KeepAlive(p)
	return nvdaErr("speak", r)
}

// Stop makes NVDA stop speaking.
func (n *NVDA) Stop() error {
	if n.isClosed() {
		return nil
	}
	r, _, _ := n.cancel.Call()
	return nvdaErr("stop speech", r)
}

// Close marks the engine closed. The DLL stays loaded: Windows unloads it
// with the process, and unloading a DLL that may still run an RPC call is
// not safe.
func (n *NVDA) Close() error {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.closed = true
	return nil
}

func (n *NVDA) isClosed() bool {
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.closed
}

// nvdaErr turns a controller client result (a Windows error code) into an
// error.
func nvdaErr(op string, r uintptr) error {
	if r == 0 {
		return nil
	}
	errno := windows.Errno(uint32(r))
	if errno == windows.RPC_S_SERVER_UNAVAILABLE || errno == windows.EPT_S_NOT_REGISTERED {
		return fmt.Errorf("NVDA: %s: NVDA is not running: %w", op, errors.Join(ErrNoScreenReader, errno))
	}
	return fmt.Errorf("NVDA: %s: %w", op, errno)
}

// nvdaWindowOpen looks for NVDA's hidden message window (class
// "wxWindowClassNR", title "NVDA"), which needs no controller DLL.
func nvdaWindowOpen() bool {
	class, _ := windows.UTF16PtrFromString("wxWindowClassNR")
	title, _ := windows.UTF16PtrFromString("NVDA")
	r, _, _ := procFindWindowW.Call(uintptr(unsafe.Pointer(class)), uintptr(unsafe.Pointer(title)))
	runtime.KeepAlive(class)
	runtime.KeepAlive(title)
	return r != 0
}

var procFindWindowW = windows.NewLazySystemDLL("user32.dll").NewProc("FindWindowW")
