package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"github.com/describer/describer/app/i18n"
	"github.com/describer/describer/assets"
)

// Icon is the application icon as a Fyne resource, for the window, the
// tray and the app.
var Icon fyne.Resource = fyne.NewStaticResource("describer.png", assets.Icon)

// setupTray gives a desktop app a system-tray icon and menu with the main
// actions; closing the window then hides it instead of quitting.
func (m *MainWindow) setupTray() {
	m.win.SetIcon(Icon)
	da, ok := m.app.(desktop.App)
	if !ok {
		return
	}
	quit := fyne.NewMenuItem(i18n.T("menu.quit"), m.app.Quit)
	quit.IsQuit = true
	da.SetSystemTrayMenu(fyne.NewMenu("Describer",
		fyne.NewMenuItem(i18n.T("action.describe-screen"), func() { m.describe(SourceScreen) }),
		fyne.NewMenuItem(i18n.T("action.describe-window"), func() { m.describe(SourceWindow) }),
		fyne.NewMenuItem(i18n.T("action.describe-clipboard"), func() { m.describe(SourceClipboard) }),
		fyne.NewMenuItem(i18n.T("action.stop"), m.stopJob),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem(i18n.T("menu.show"), m.showWindow),
		quit,
	))
	da.SetSystemTrayIcon(Icon)
	da.SetSystemTrayWindow(m.win) // sets its own close intercept; ours replaces it
	m.hasTray = true
	m.win.SetCloseIntercept(m.closeToTray)
}

// closeToTray hides the window, saying the first time where Describer went.
func (m *MainWindow) closeToTray() {
	m.win.Hide()
	if !m.toldTray {
		m.toldTray = true
		m.say(i18n.T("tray.still-running"))
	}
}

// showWindow shows the window and brings it to the front.
func (m *MainWindow) showWindow() {
	m.win.Show()
	m.win.RequestFocus()
}
