package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"github.com/describer/describer/ui/syslook"
)

// The Theme settings: ThemeAuto follows the system's light or dark
// preference; the high-contrast ones reach WCAG 2.2 AAA contrast (7:1)
// for every text and 3:1 for focus indicators and borders.
const (
	ThemeAuto              = "auto"
	ThemeDark              = "dark"
	ThemeLight             = "light"
	ThemeHighContrastDark  = "high-contrast-dark"
	ThemeHighContrastLight = "high-contrast-light"
)

// Themes are the choices for Settings.Theme.
var Themes = []string{ThemeAuto, ThemeDark, ThemeLight, ThemeHighContrastDark, ThemeHighContrastLight}

// Text sizes, in percent of Fyne's own.
const (
	// MinTextSize and MaxTextSize bound Settings.TextSize.
	MinTextSize = 100
	MaxTextSize = 400
	// TextSizeStep is what Ctrl+Plus and Ctrl+Minus add and take away.
	TextSizeStep = 25
)

// focusRingWidth is the focus outline's width at 100 % text in the
// ordinary themes, twice that in the high-contrast ones.
const focusRingWidth = 3

// maxSpacingScale is how far spacing grows with the text (see look.Size).
const maxSpacingScale = 2

// look is Describer's theme: Fyne's default, its variant forced for the
// dark and light themes, its colours replaced for the high-contrast
// ones, and every size scaled by the text size.
type look struct {
	base    fyne.Theme
	variant *fyne.ThemeVariant // nil: the system's
	palette map[fyne.ThemeColorName]color.Color
	scale   float32
	border  float32 // extra factor for borders and the focus outline
	// ring is the colour the focus outline takes (colorNameFocusRing):
	// Fyne's focus colour is see-through, its primary colour is not.
	ring fyne.ThemeColorName
}

// NewLook returns the theme for a Theme setting and a text size in
// percent. Fyne scales everything by FYNE_SCALE itself; the theme's
// sizes allow for it, so that the text size is the size seen.
func NewLook(name string, textSize int) fyne.Theme {
	scale := float32(textSize) / 100 / syslook.FyneScale()
	l := &look{base: theme.DefaultTheme(), scale: scale, border: 1, ring: theme.ColorNamePrimary}
	dark, light := theme.VariantDark, theme.VariantLight
	switch name {
	case ThemeDark:
		l.variant = &dark
	case ThemeLight:
		l.variant = &light
	case ThemeHighContrastDark:
		l.variant, l.palette, l.border, l.ring = &dark, highContrastDark, 2, colorNameFocusRing
	case ThemeHighContrastLight:
		l.variant, l.palette, l.border, l.ring = &light, highContrastLight, 2, colorNameFocusRing
	}
	return l
}

// systemTheme is the theme that name stands for on a system whose look
// is sys: ThemeAuto is high contrast when the system's high-contrast mode
// is on, dark or light as the system prefers, and Fyne's own following
// of the system when that preference cannot be read.
func systemTheme(name string, sys syslook.Look) string {
	if name != ThemeAuto {
		return name
	}
	switch {
	case sys.HighContrast && sys.DarkKnown && !sys.Dark:
		return ThemeHighContrastLight
	case sys.HighContrast:
		return ThemeHighContrastDark
	case sys.DarkKnown && sys.Dark:
		return ThemeDark
	case sys.DarkKnown:
		return ThemeLight
	}
	return ThemeAuto
}

// Color returns the palette's colour, else the base theme's.
func (l *look) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	if n == colorNameFocusRing {
		n = l.ring
	}
	if c, ok := l.palette[n]; ok {
		return c
	}
	if l.variant != nil {
		v = *l.variant
	}
	return l.base.Color(n, v)
}

// Size scales the base theme's sizes. Spacing (padding, corners, the
// focus outline) grows with the text up to twice its size only, so that
// at 400 % the window has room for text rather than for gaps; padding is
// never narrower than the focus outline, which is drawn in it. Borders,
// separators and the focus outline are twice as thick in the
// high-contrast themes, where buttons have borders too (sizeNameBorder).
func (l *look) Size(n fyne.ThemeSizeName) float32 {
	spacing := min(l.scale, maxSpacingScale)
	switch n {
	case sizeNameFocusRing:
		return focusRingWidth * spacing * l.border
	case sizeNameBorder:
		if l.border == 1 {
			return 0
		}
		return l.base.Size(theme.SizeNameInputBorder) * l.scale * l.border
	case theme.SizeNamePadding: // room for the focus outline between controls
		return max(l.base.Size(n)*spacing, l.Size(sizeNameFocusRing))
	case theme.SizeNameInnerPadding, theme.SizeNameInputRadius, theme.SizeNameSelectionRadius:
		return l.base.Size(n) * spacing
	case theme.SizeNameInputBorder, theme.SizeNameSeparatorThickness:
		return l.base.Size(n) * l.scale * l.border
	}
	return l.base.Size(n) * l.scale
}

// Font is the base theme's.
func (l *look) Font(s fyne.TextStyle) fyne.Resource { return l.base.Font(s) }

// Icon is the base theme's.
func (l *look) Icon(n fyne.ThemeIconName) fyne.Resource { return l.base.Icon(n) }

func rgb(r, g, b uint8) color.Color { return color.NRGBA{R: r, G: g, B: b, A: 0xff} }

// highContrastDark is white and yellow on black.
var highContrastDark = map[fyne.ThemeColorName]color.Color{
	theme.ColorNameBackground: rgb(0, 0, 0), theme.ColorNameForeground: rgb(255, 255, 255),
	theme.ColorNameButton: rgb(0, 0, 0), theme.ColorNameDisabledButton: rgb(0, 0, 0),
	theme.ColorNameDisabled: rgb(200, 200, 200), theme.ColorNamePlaceHolder: rgb(215, 215, 215),
	theme.ColorNameInputBackground: rgb(0, 0, 0), theme.ColorNameInputBorder: rgb(255, 255, 255),
	theme.ColorNameMenuBackground: rgb(0, 0, 0), theme.ColorNameOverlayBackground: rgb(0, 0, 0),
	theme.ColorNameHeaderBackground: rgb(0, 0, 0), theme.ColorNameHover: rgb(48, 48, 48),
	theme.ColorNamePressed: rgb(64, 64, 64), theme.ColorNameSelection: rgb(0, 0, 160),
	theme.ColorNameFocus: color.Transparent, colorNameFocusRing: rgb(255, 255, 0),
	theme.ColorNamePrimary:             rgb(255, 255, 0),
	theme.ColorNameForegroundOnPrimary: rgb(0, 0, 0), theme.ColorNameHyperlink: rgb(255, 255, 0),
	theme.ColorNameError: rgb(255, 128, 128), theme.ColorNameForegroundOnError: rgb(0, 0, 0),
	theme.ColorNameSuccess: rgb(0, 255, 0), theme.ColorNameForegroundOnSuccess: rgb(0, 0, 0),
	theme.ColorNameWarning: rgb(255, 200, 0), theme.ColorNameForegroundOnWarning: rgb(0, 0, 0),
	theme.ColorNameScrollBar: rgb(255, 255, 255), theme.ColorNameScrollBarBackground: rgb(0, 0, 0),
	theme.ColorNameSeparator: rgb(255, 255, 255), theme.ColorNameShadow: color.Transparent,
}

// highContrastLight is black and dark blue on white.
var highContrastLight = map[fyne.ThemeColorName]color.Color{
	theme.ColorNameBackground: rgb(255, 255, 255), theme.ColorNameForeground: rgb(0, 0, 0),
	theme.ColorNameButton: rgb(255, 255, 255), theme.ColorNameDisabledButton: rgb(255, 255, 255),
	theme.ColorNameDisabled: rgb(64, 64, 64), theme.ColorNamePlaceHolder: rgb(48, 48, 48),
	theme.ColorNameInputBackground: rgb(255, 255, 255), theme.ColorNameInputBorder: rgb(0, 0, 0),
	theme.ColorNameMenuBackground: rgb(255, 255, 255), theme.ColorNameOverlayBackground: rgb(255, 255, 255),
	theme.ColorNameHeaderBackground: rgb(255, 255, 255), theme.ColorNameHover: rgb(224, 224, 224),
	theme.ColorNamePressed: rgb(208, 208, 208), theme.ColorNameSelection: rgb(255, 255, 0),
	theme.ColorNameFocus: color.Transparent, colorNameFocusRing: rgb(0, 0, 192),
	theme.ColorNamePrimary:             rgb(0, 0, 192),
	theme.ColorNameForegroundOnPrimary: rgb(255, 255, 255), theme.ColorNameHyperlink: rgb(0, 0, 192),
	theme.ColorNameError: rgb(160, 0, 0), theme.ColorNameForegroundOnError: rgb(255, 255, 255),
	theme.ColorNameSuccess: rgb(0, 96, 0), theme.ColorNameForegroundOnSuccess: rgb(255, 255, 255),
	theme.ColorNameWarning: rgb(112, 64, 0), theme.ColorNameForegroundOnWarning: rgb(255, 255, 255),
	theme.ColorNameScrollBar: rgb(0, 0, 0), theme.ColorNameScrollBarBackground: rgb(255, 255, 255),
	theme.ColorNameSeparator: rgb(0, 0, 0), theme.ColorNameShadow: color.Transparent,
}
