package app_test

import (
	"os"
	"strings"
	"testing"

	"github.com/describer/describer/app"
)

func TestTraceAppendsEvents(t *testing.T) {
	path := t.TempDir() + "/trace"
	var none *app.Trace
	none.Event("ignored") // a nil trace writes nothing and does not panic
	tr := app.OpenTrace(path)
	tr.Event("hotkey")
	tr.Event("earcon")
	if err := tr.Close(); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	if len(lines) != 2 || !strings.HasSuffix(lines[0], " hotkey") || !strings.HasSuffix(lines[1], " earcon") {
		t.Fatalf("trace = %q; want a hotkey line, then an earcon line", data)
	}
}
