package desktop_test

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2/test"

	"github.com/describer/describer/app"
	"github.com/describer/describer/app/apptest"
	"github.com/describer/describer/speech"
	"github.com/describer/describer/ui"
	"github.com/describer/describer/ui/desktop"
)

// A desktop app over a voice that records: main hands it the real
// adapters instead.
func Example() {
	voice := &apptest.Engine{Label: "example"}
	d := desktop.New(context.Background(), desktop.Config{
		App:       test.NewApp(),
		Settings:  ui.DefaultSettings(),
		Captioner: &app.Model[app.Captioner]{},
		Reader:    &app.Model[app.TextReader]{},
		OpenVoice: func(context.Context, app.VoiceChoice) (speech.Engine, error) { return voice, nil },
	})
	defer d.Close()
	d.Start(nil) // speech, hotkeys, history, models; then "ready"
	fmt.Println(d.Window() != nil)
	// Output: true
}
