package ui

import (
	"image/color"
	"math"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"github.com/describer/describer/ui/syslook"
)

// luminance is WCAG 2.2's relative luminance of c (alpha ignored: the
// palettes are opaque).
func luminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	ch := func(v uint32) float64 {
		s := float64(v) / 0xffff
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*ch(r) + 0.7152*ch(g) + 0.0722*ch(b)
}

// contrast is WCAG 2.2's contrast ratio of two colours.
func contrast(a, b color.Color) float64 {
	la, lb := luminance(a), luminance(b)
	return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
}

// TestContrastRatio checks the formula on WCAG's own end points.
func TestContrastRatio(t *testing.T) {
	if c := contrast(rgb(0, 0, 0), rgb(255, 255, 255)); math.Abs(c-21) > 1e-9 {
		t.Errorf("black on white %v, want 21", c)
	}
	if c := contrast(rgb(119, 119, 119), rgb(255, 255, 255)); math.Abs(c-4.48) > 0.01 {
		t.Errorf("#777 on white %v, want 4.48", c)
	}
}

// TestHighContrastThemes: in each high-contrast theme every text colour
// reaches 7:1 on every background it is drawn on, and focus indicators,
// borders and separators 3:1.
func TestHighContrastThemes(t *testing.T) {
	texts := map[fyne.ThemeColorName][]fyne.ThemeColorName{
		theme.ColorNameForeground: {theme.ColorNameBackground, theme.ColorNameButton, theme.ColorNameInputBackground,
			theme.ColorNameMenuBackground, theme.ColorNameOverlayBackground, theme.ColorNameHeaderBackground,
			theme.ColorNameHover, theme.ColorNamePressed, theme.ColorNameSelection, theme.ColorNameDisabledButton},
		theme.ColorNamePlaceHolder:         {theme.ColorNameInputBackground, theme.ColorNameBackground},
		theme.ColorNameDisabled:            {theme.ColorNameBackground, theme.ColorNameDisabledButton},
		theme.ColorNameHyperlink:           {theme.ColorNameBackground},
		theme.ColorNameError:               {theme.ColorNameBackground},
		theme.ColorNameSuccess:             {theme.ColorNameBackground},
		theme.ColorNameWarning:             {theme.ColorNameBackground},
		theme.ColorNameForegroundOnPrimary: {theme.ColorNamePrimary},
		theme.ColorNameForegroundOnError:   {theme.ColorNameError},
		theme.ColorNameForegroundOnSuccess: {theme.ColorNameSuccess},
		theme.ColorNameForegroundOnWarning: {theme.ColorNameWarning},
	}
	marks := []fyne.ThemeColorName{colorNameFocusRing, theme.ColorNameInputBorder, theme.ColorNameSeparator,
		theme.ColorNameScrollBar, theme.ColorNamePrimary}
	for _, name := range []string{ThemeHighContrastDark, ThemeHighContrastLight} {
		l := NewLook(name, 100)
		c := func(n fyne.ThemeColorName) color.Color { return l.Color(n, theme.VariantDark) }
		for fg, bgs := range texts {
			for _, bg := range bgs {
				if r := contrast(c(fg), c(bg)); r < 7 {
					t.Errorf("%s: %s on %s is %.2f:1, want 7:1", name, fg, bg, r)
				}
			}
		}
		for _, m := range marks {
			for _, bg := range []fyne.ThemeColorName{theme.ColorNameBackground, theme.ColorNameInputBackground, theme.ColorNameButton} {
				if r := contrast(c(m), c(bg)); r < 3 {
					t.Errorf("%s: %s on %s is %.2f:1, want 3:1", name, m, bg, r)
				}
			}
		}
		if l.Size(theme.SizeNameInputBorder) < 2*theme.DefaultTheme().Size(theme.SizeNameInputBorder) {
			t.Errorf("%s: borders are not thicker than the default", name)
		}
		if l.Size(sizeNameBorder) < 2 {
			t.Errorf("%s: buttons have no border", name)
		}
	}
}

// TestFocusRingInEveryTheme: in every theme and variant the focus outline
// is opaque, at least 3 units wide, 3:1 against the window's background,
// and fits in the padding between controls, so no neighbour covers it.
func TestFocusRingInEveryTheme(t *testing.T) {
	for _, name := range Themes {
		for _, v := range []fyne.ThemeVariant{theme.VariantDark, theme.VariantLight} {
			l := NewLook(name, 100)
			ring := l.Color(colorNameFocusRing, v)
			if _, _, _, a := ring.RGBA(); a != 0xffff {
				t.Errorf("%s/%d: the focus outline is see-through", name, v)
			}
			if r := contrast(ring, l.Color(theme.ColorNameBackground, v)); r < 3 {
				t.Errorf("%s/%d: focus outline on the background is %.2f:1, want 3:1", name, v, r)
			}
			w := l.Size(sizeNameFocusRing)
			if w < 3 || w > l.Size(theme.SizeNamePadding) {
				t.Errorf("%s/%d: focus outline %v wide, padding %v", name, v, w, l.Size(theme.SizeNamePadding))
			}
		}
	}
}

// TestLookScalesSizes: the text size scales every size; dark and light
// fix the variant whatever the system's.
func TestLookScalesSizes(t *testing.T) {
	base := theme.DefaultTheme()
	if got, want := NewLook(ThemeAuto, 200).Size(theme.SizeNameText), 2*base.Size(theme.SizeNameText); got != want {
		t.Errorf("text at 200 %%: %v, want %v", got, want)
	}
	if got, want := NewLook(ThemeDark, 400).Size(theme.SizeNamePadding), 2*base.Size(theme.SizeNamePadding); got != want {
		t.Errorf("padding at 400 %%: %v, want %v (spacing grows to twice only)", got, want)
	}
	light := NewLook(ThemeLight, 100).Color(theme.ColorNameBackground, theme.VariantDark)
	if light != base.Color(theme.ColorNameBackground, theme.VariantLight) {
		t.Errorf("the light theme follows the system's dark variant")
	}
}

// Ctrl+Plus, Ctrl+Minus and Ctrl+0 change the text size at once, say it,
// keep it and tell the controller; the size stays within its bounds.
func TestTextSizeKeys(t *testing.T) {
	m, c, a := newTestWindow(t, DefaultSettings())
	press := func(k fyne.KeyName) {
		t.Helper()
		if !m.runShortcut(&desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault}) {
			t.Fatalf("no shortcut for %s", k)
		}
	}
	base := theme.DefaultTheme().Size(theme.SizeNameText)
	press(fyne.KeyEqual)
	mustSay(t, c, "Text size 125 percent")
	if got := a.Settings().Theme().Size(theme.SizeNameText); got != base*1.25 {
		t.Errorf("text size %v after Ctrl+Plus, want %v", got, base*1.25)
	}
	for range 20 {
		press(fyne.KeyPlus)
	}
	if a.Preferences().StringWithFallback(prefTheme, "unsaved") != "unsaved" {
		t.Errorf("changing the text size saved the theme too (a one-run --theme would stay)")
	}
	mustSay(t, c, "Text size 400 percent")
	if LoadSettings(a.Preferences()).TextSize != MaxTextSize || c.settings[len(c.settings)-1].TextSize != MaxTextSize {
		t.Errorf("400 %% was not kept or not told")
	}
	press(fyne.KeyMinus)
	mustSay(t, c, "Text size 375 percent")
	press(fyne.Key0)
	mustSay(t, c, "Text size 100 percent")
	if got := a.Settings().Theme().Size(theme.SizeNameText); got != base {
		t.Errorf("text size %v after Ctrl+0, want %v", got, base)
	}
}

// TestAutomaticThemeFollowsTheSystem: the automatic theme is high
// contrast when the system's high-contrast mode is on, dark or light as
// the system prefers; a chosen theme stays whatever the system says; the
// window takes the system's look at once.
func TestAutomaticThemeFollowsTheSystem(t *testing.T) {
	for _, tc := range []struct {
		sys  syslook.Look
		want string
	}{
		{syslook.Look{HighContrast: true}, ThemeHighContrastDark},
		{syslook.Look{HighContrast: true, Dark: true, DarkKnown: true}, ThemeHighContrastDark},
		{syslook.Look{HighContrast: true, DarkKnown: true}, ThemeHighContrastLight},
		{syslook.Look{Dark: true, DarkKnown: true}, ThemeDark},
		{syslook.Look{DarkKnown: true}, ThemeLight},
		{syslook.Look{}, ThemeAuto},
	} {
		if got := systemTheme(ThemeAuto, tc.sys); got != tc.want {
			t.Errorf("system %+v: %s, want %s", tc.sys, got, tc.want)
		}
		if got := systemTheme(ThemeLight, tc.sys); got != ThemeLight {
			t.Errorf("system %+v overrode the chosen light theme: %s", tc.sys, got)
		}
	}
	a := test.NewTempApp(t)
	m := NewMainWindow(a, &fakeController{}, DefaultSettings(), syslook.Look{HighContrast: true, DarkKnown: true})
	t.Cleanup(m.win.Close)
	if got := a.Settings().Theme().Color(theme.ColorNameBackground, theme.VariantDark); got != rgb(255, 255, 255) {
		t.Errorf("with the system in high contrast, light, the background is %v", got)
	}
}

// TestTextSizeStartsFromTheSystem: the system's text scaling is the text
// size until one is saved, within 100 to 400 %.
func TestTextSizeStartsFromTheSystem(t *testing.T) {
	p := test.NewTempApp(t).Preferences()
	for sys, want := range map[int]int{0: 100, 125: 125, 50: 100, 900: 400} {
		if got := LoadSettings(p).FollowSystem(p, syslook.Look{TextSize: sys}).TextSize; got != want {
			t.Errorf("system %d %%: text size %d, want %d", sys, got, want)
		}
	}
	s := LoadSettings(p)
	s.TextSize = 150
	s.Save(p)
	if got := LoadSettings(p).FollowSystem(p, syslook.Look{TextSize: 200}).TextSize; got != 150 {
		t.Errorf("the saved 150 %% gave way to the system's 200 %%: %d", got)
	}
}

// TestFyneScaleIsAllowedFor: with FYNE_SCALE=2, Fyne doubles every size
// itself, so the theme's text at 200 % is the base size.
func TestFyneScaleIsAllowedFor(t *testing.T) {
	t.Setenv("FYNE_SCALE", "2")
	if got, want := NewLook(ThemeDark, 200).Size(theme.SizeNameText), theme.DefaultTheme().Size(theme.SizeNameText); got != want {
		t.Errorf("text at 200 %% under FYNE_SCALE=2: %v, want %v", got, want)
	}
}
