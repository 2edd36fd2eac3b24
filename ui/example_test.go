package ui_test

import (
	"errors"
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"

	"github.com/describer/describer/ui"
	"github.com/describer/describer/ui/syslook"
)

// printer is a Controller that prints what the window asks of it.
type printer struct{}

func (printer) Describe(r ui.Request)       { fmt.Println("describe", r.Source, r.Path) }
func (printer) Stop()                       { fmt.Println("stop") }
func (printer) Say(text string)             { fmt.Println("say:", text) }
func (printer) SettingsChanged(ui.Settings) { fmt.Println("settings changed") }

func Example() {
	a := test.NewApp() // in the app: fyne.io/fyne/v2/app.NewWithID(…)
	w := ui.NewMainWindow(a, printer{}, ui.LoadSettings(a.Preferences()), syslook.Look{})

	// A file dropped on the window; the app answers through w's methods,
	// from any goroutine.
	w.HandleDrop([]fyne.URI{storage.NewFileURI("/home/ann/notes.txt"), storage.NewFileURI("/home/ann/cat.png")})
	w.SetBusy("Describing cat.png")
	w.ShowResult(ui.Result{Time: time.Now(), Source: "cat.png", Short: "A cat", Full: "A cat on a sofa."})
	w.SetBusy("")
	w.ShowError(errors.New("ocr: load detector: the text model is missing"))

	w.Window().Show() // then a.Run()
	// Output:
	// say: That is not an image file: notes.txt
	// describe file /home/ann/cat.png
	// say: The text model is missing.
}

func ExampleNormalizeHotkey() {
	k, err := ui.NormalizeHotkey("alt + control + d")
	fmt.Println(k, err)
	_, err = ui.NormalizeHotkey("Shift+D")
	fmt.Println(err)
	// Output:
	// Ctrl+Alt+D <nil>
	// Shift+D alone would stop you typing it; add Ctrl, Alt or Super
}
