package screenreader

import (
	"context"

	"github.com/describer/describer/speech"
)

// probe looks for NVDA: its message window, or the controller client's
// nvdaController_testIfRunning when the DLL is present.
func probe(ctx context.Context, cfg Config) Status {
	res := make(chan bool, 1)
	go func() { res <- nvdaRunning(cfg) }()
	select {
	case up := <-res:
		if up {
			return Status{ScreenReaders: []string{NameNVDA}}
		}
	case <-ctx.Done():
	}
	return Status{}
}

func nvdaRunning(cfg Config) bool {
	if nvdaWindowOpen() {
		return true
	}
	n, err := OpenNVDA(cfg)
	if err != nil {
		return false
	}
	_ = n.Close()
	return true
}

// openFor opens NVDA, the one screen reader reached on Windows.
func openFor(_ context.Context, cfg Config, _ Status) (speech.Engine, error) {
	return OpenNVDA(cfg)
}
