package ui

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/describer/describer/app/i18n"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"
)

// ImageExtensions are the file extensions Open image… offers and drops
// accept, lower case with the dot.
var ImageExtensions = []string{".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff", ".webp"}

// isImage reports whether u names a file with an image extension.
func isImage(u fyne.URI) bool {
	ext := strings.ToLower(u.Extension())
	for _, e := range ImageExtensions {
		if ext == e {
			return true
		}
	}
	return false
}

// HandleDrop describes the image files among uris, in the order given; the
// window's drop handler calls it, on Fyne's goroutine. Each other file is named in a spoken "That
// is not an image file" message.
//
// The controller gets one Request per image. Because Describe cancels the
// running job, the window sends the first at once and keeps the rest: it
// sends the next once the previous one's result (or error) has been shown
// and SetBusy("") says that job and its speech are over. A new describe
// action, a new drop or Stop forgets the rest.
func (m *MainWindow) HandleDrop(uris []fyne.URI) {
	var images []string
	var others []string
	for _, u := range uris {
		if u != nil && isImage(u) {
			images = append(images, u.Path())
		} else if u != nil {
			others = append(others, u.Name())
		}
	}
	switch len(others) {
	case 0:
	case 1:
		m.say(i18n.T("file.not-image", "Name", others[0]))
	default:
		m.say(i18n.T("file.not-images", "Names", strings.Join(others, ", ")))
	}
	if len(images) == 0 {
		return
	}
	if len(images) > 1 {
		m.say(i18n.N("file.describing-many", len(images)))
	}
	m.queue = images[1:]
	m.describeFile(images[0])
}

// describeFile asks for a description of the image at path, leaving the
// queue as it is.
func (m *MainWindow) describeFile(path string) {
	m.queueResult = false
	m.ctl.Describe(Request{Source: SourceFile, Path: path})
}

// nextQueued sends the next dropped file once the current one is done.
func (m *MainWindow) nextQueued() {
	if len(m.queue) == 0 || !m.queueResult {
		return
	}
	next := m.queue[0]
	m.queue = m.queue[1:]
	m.describeFile(next)
}

// openDialog is the Open image dialog: a path field that is spoken like
// every other control (Fyne's file browser is silent), and a Browse
// button that opens that browser for people who can see it.
type openDialog struct {
	dlg                  *dialog.CustomDialog
	path                 *speakEntry
	open, browse, cancel *speakButton
	problem              *widget.Label
}

// showOpenImage asks for an image file: its path typed or pasted (a
// leading ~ is the home folder), or picked with Browse.
func (m *MainWindow) showOpenImage() {
	d := &openDialog{problem: widget.NewLabel("")}
	keys := func(ev *fyne.KeyEvent) bool {
		if ev.Name == fyne.KeyEscape {
			d.dlg.Hide()
			m.say(i18n.T("cancelled"))
			return true
		}
		return m.typedKey(ev)
	}
	d.path = newSpeakEntry(i18n.T("open.path"), "", m.sayFocus, keys)
	d.path.PlaceHolder = "/home/you/Pictures/photo.png"
	d.path.OnSubmitted = func(string) { m.openTyped(d) }
	d.open = newSpeakButton(i18n.T("open.describe"), func() { m.openTyped(d) }, m.sayFocus, keys)
	d.open.Importance = widget.HighImportance
	d.browse = newSpeakButton(i18n.T("open.browse"), func() { d.dlg.Hide(); m.showFileBrowser() }, m.sayFocus, keys)
	d.cancel = newSpeakButton(i18n.T("cancel"), func() { d.dlg.Hide(); m.say(i18n.T("cancelled")) }, m.sayFocus, keys)
	d.problem.Wrapping = fyne.TextWrapWord
	content := container.NewVBox(widget.NewLabel(i18n.T("open.path")), d.path, d.problem,
		container.NewHBox(layout.NewSpacer(), d.cancel, d.browse, d.open))
	d.dlg = dialog.NewCustomWithoutButtons(i18n.T("open.title"), content, m.win)
	d.dlg.Resize(fyne.NewSize(560, 220))
	m.openImageDialog = d
	d.dlg.Show()
	m.quietly(func() { m.win.Canvas().Focus(d.path) })
	m.say(i18n.T("open.dialog"))
}

// openTyped describes the file whose path was typed, or says what is
// wrong with it and keeps the dialog open.
func (m *MainWindow) openTyped(d *openDialog) {
	p := strings.TrimSpace(d.path.Text)
	p = strings.Trim(p, `"'`) // a path pasted with quotes
	if rest, ok := strings.CutPrefix(p, "~"); ok && (rest == "" || rest[0] == '/' || rest[0] == '\\') {
		if home, err := os.UserHomeDir(); err == nil {
			p = home + rest
		}
	}
	problem := ""
	switch st, err := os.Stat(p); {
	case p == "":
		problem = i18n.T("open.empty")
	case err != nil:
		problem = i18n.T("open.missing", "Path", p)
	case st.IsDir():
		problem = i18n.T("open.folder", "Path", p)
	case !isImage(storage.NewFileURI(p)):
		problem = i18n.T("open.not-image", "Name", filepath.Base(p))
	}
	if problem != "" {
		d.problem.SetText(problem)
		m.say(problem)
		return
	}
	d.dlg.Hide()
	m.queue = nil
	m.describeFile(p)
}

// showFileBrowser opens Fyne's file dialog, limited to images.
func (m *MainWindow) showFileBrowser() {
	m.say(i18n.T("open.browsing"))
	d := dialog.NewFileOpen(m.openChosen, m.win)
	d.SetFilter(storage.NewExtensionFileFilter(ImageExtensions))
	m.fileDialog = d
	d.Show()
}

// openChosen describes the file picked in the Open image dialog.
func (m *MainWindow) openChosen(r fyne.URIReadCloser, err error) {
	if err != nil {
		m.showError(err)
		return
	}
	if r == nil {
		m.say(i18n.T("cancelled"))
		return
	}
	u := r.URI()
	if cerr := r.Close(); cerr != nil {
		fyne.LogError("close "+u.String(), cerr)
	}
	m.queue = nil
	if !isImage(u) {
		m.say(i18n.T("file.not-image", "Name", u.Name()))
		return
	}
	m.describeFile(u.Path())
}
