package captureview_test

import (
	"fmt"
	"image"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"github.com/describer/describer/ui/captureview"
)

func Example() {
	a := test.NewApp() // in the app: its fyne.App
	screen := image.NewNRGBA(image.Rect(0, 0, 1280, 800))
	blocks := []image.Rectangle{ // the OCR's text blocks, in reading order
		image.Rect(40, 30, 600, 60),
		image.Rect(40, 90, 900, 120),
	}
	say := func(string) {}                             // in the app: speak it
	keys := func(*fyne.KeyEvent) bool { return false } // in the app: Escape, F1…
	v := captureview.New(screen, blocks, say, keys)
	v.Shortcut = func(fyne.Shortcut) bool { return false } // in the app: the window's shortcuts

	w := a.NewWindow("Capture")
	w.SetContent(v)
	w.Resize(fyne.NewSize(800, 600))
	w.Canvas().Focus(v) // says "Captured image, 1,280 by 800 pixels, 2 text blocks outlined, zoom 100 percent."

	ctrlPlus := &desktop.CustomShortcut{KeyName: fyne.KeyEqual, Modifier: fyne.KeyModifierShortcutDefault}
	v.TypedShortcut(ctrlPlus) // says "Zoom 125 percent"
	fmt.Println(v.Zoom())
	v.TypedShortcut(ctrlPlus)
	fmt.Println(v.Zoom())
	v.SetImage(nil, nil) // a new capture starts at 100 %
	fmt.Println(v.Zoom())
	// Output:
	// 125
	// 150
	// 100
}
