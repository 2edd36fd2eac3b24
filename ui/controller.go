// Package ui is Describer's window, built with Fyne: buttons and keyboard
// shortcuts that ask for a description, a text area and history that show
// the results, a settings dialog and a system-tray menu.
//
// Fyne exposes nothing to screen readers, so the window speaks for itself:
// every focus change, dialog and confirmation is handed to Controller.Say,
// and every action has a keyboard shortcut (see Shortcuts). The window does
// no work of its own; it asks a Controller and shows what comes back
// through MainWindow's methods, which any goroutine may call.
package ui

import (
	"image"
	"time"

	"github.com/describer/describer/app"
)

// Source says what to describe; it is app.Source.
type Source = app.Source

// The sources a Request can name.
const (
	SourceScreen     = app.SourceScreen
	SourceWindow     = app.SourceWindow
	SourceClipboard  = app.SourceClipboard
	SourceFile       = app.SourceFile
	SourceAllScreens = app.SourceAllScreens
	SourcePointer    = app.SourcePointer
)

// Request is one describe request; it is app.Request.
type Request = app.Request

// Controller is what the window asks of the rest of the app. Every method
// returns at once; work happens on the controller's goroutines and results
// come back through the Window's methods.
type Controller interface {
	// Describe starts a job; it cancels any running one. The controller
	// reports through MainWindow.SetBusy, ShowResult or ShowError, then
	// SetBusy("") once the job and its speech are over.
	Describe(r Request)
	// Stop stops the job and speech.
	Stop()
	// Say speaks a short UI message in the chosen engine (self-voicing). A
	// new message may cut off the one before it.
	Say(text string)
	// SettingsChanged hands over settings the user has just saved.
	SettingsChanged(s Settings)
}

// Result is one finished description.
type Result struct {
	// Time is when the description finished.
	Time time.Time
	// Source names what was described, for people: "Screen", "photo.png".
	Source string
	// Short is a one-line summary, spoken when the result is picked from
	// the history.
	Short string
	// Full is the whole description: caption and the text read.
	Full string
	// Thumb is a small picture of what was described, or nil.
	Thumb image.Image
	// Image is what was described, at full size, and Blocks the places of
	// its text blocks in it, in reading order; the window keeps them for
	// the latest result only.
	Image  image.Image
	Blocks []image.Rectangle
}
