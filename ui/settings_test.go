package ui

import (
	"reflect"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

func TestSettingsRoundTrip(t *testing.T) {
	p := test.NewTempApp(t).Preferences()
	if got := LoadSettings(p); !reflect.DeepEqual(got, DefaultSettings()) {
		t.Errorf("fresh preferences load %+v, want the defaults %+v", got, DefaultSettings())
	}
	s := Settings{
		Device: "cuda", Engine: "piper", Voice: "en_GB-alba-medium", Rate: 260,
		Hotkeys:        Hotkeys{DescribeScreen: "Ctrl+Shift+F5", DescribeWindow: "Alt+Super+W", Stop: "Ctrl+Alt+S"},
		IncludeCaption: false, Detail: "paragraph", IncludeText: true,
		AutoSpeak: false, AutoCopy: true, SaveHistory: true, QuestionTiles: true, TextSize: 250,
		Theme: ThemeHighContrastLight,
	}
	s.Save(p)
	if got := LoadSettings(p); !reflect.DeepEqual(got, s) {
		t.Errorf("round trip:\n got %+v\nwant %+v", got, s)
	}
}

func TestLoadSettingsRepairs(t *testing.T) {
	p := test.NewTempApp(t).Preferences()
	p.SetString("device", "quantum")
	p.SetString("engine", " ESPEAK ")
	p.SetInt("rate", 5000)
	p.SetString("caption_detail", "everything") // unknown: brief
	p.SetString("hotkey.describe_screen", "ctrl + alt + q")
	p.SetString("hotkey.describe_window", "Ctrl+Q+W")      // malformed: default
	p.SetString("hotkey.describe_clipboard", "Ctrl+Alt+Q") // the same as screen: none
	p.SetBool("include_caption", false)
	p.SetBool("include_text", false)
	got := LoadSettings(p)
	want := DefaultSettings()
	want.Engine, want.Rate = "espeak", MaxRate
	want.Hotkeys = Hotkeys{DescribeScreen: "Ctrl+Alt+Q", DescribeWindow: "Ctrl+Alt+W", DescribeClipboard: "", ReadBlock: "Ctrl+Alt+R",
		More: "Ctrl+Alt+M", Ask: "Ctrl+Alt+A", Stop: "Ctrl+Alt+S", Find: "Ctrl+Alt+F"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("repaired:\n got %+v\nwant %+v", got, want)
	}
}

func TestRepairRate(t *testing.T) {
	for _, tc := range []struct{ in, want int }{{0, DefaultRate}, {-3, MinRate}, {79, MinRate}, {80, 80}, {900, 900}, {901, MaxRate}} {
		if got := (Settings{Rate: tc.in}).Repair().Rate; got != tc.want {
			t.Errorf("rate %d repairs to %d, want %d", tc.in, got, tc.want)
		}
	}
}

func TestValidate(t *testing.T) {
	ok := DefaultSettings()
	if err := ok.Validate(); err != nil {
		t.Fatalf("defaults invalid: %v", err)
	}
	for name, tc := range map[string]struct {
		edit func(*Settings)
		want string
	}{
		"device":     {func(s *Settings) { s.Device = "gpu" }, "device"},
		"engine":     {func(s *Settings) { s.Engine = "sapi" }, "speech engine"},
		"rate":       {func(s *Settings) { s.Rate = 1000 }, "from 80 to 900"},
		"detail":     {func(s *Settings) { s.Detail = "everything" }, "level of detail"},
		"nothing":    {func(s *Settings) { s.IncludeCaption, s.IncludeText = false, false }, "caption"},
		"bad hotkey": {func(s *Settings) { s.Hotkeys.Stop = "Shift+S" }, "Stop hotkey"},
		"duplicate":  {func(s *Settings) { s.Hotkeys.Stop = "ctrl+alt+d" }, "are both Ctrl+Alt+D"},
	} {
		t.Run(name, func(t *testing.T) {
			s := DefaultSettings()
			tc.edit(&s)
			err := s.Validate()
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Validate() = %v, want an error mentioning %q", err, tc.want)
			}
		})
	}
}

func TestNormalizeHotkey(t *testing.T) {
	for _, tc := range []struct{ in, want, err string }{
		{"Ctrl+Alt+D", "Ctrl+Alt+D", ""},
		{" alt + control + d ", "Ctrl+Alt+D", ""},
		{"Shift+Win+s", "Shift+Super+S", ""},
		{"cmd+option+7", "Alt+Super+7", ""},
		{"F12", "F12", ""},
		{"shift+f5", "Shift+F5", ""},
		{"Ctrl+PageDown", "Ctrl+PageDown", ""},
		{"Ctrl+Alt+Space", "Ctrl+Alt+Space", ""},
		{"", "", "empty"},
		{"D", "", "add Ctrl, Alt or Super"},
		{"Shift+D", "", "add Ctrl, Alt or Super"},
		{"Ctrl+Alt", "", "modifiers but no key"},
		{"Ctrl+Ctrl+D", "", `"Ctrl" appears twice`},
		{"Ctrl+Q+D", "", `"Q" and "D" are both keys`},
		{"Ctrl+", "", "empty part"},
		{"Ctrl+F25", "", "not a key"},
		{"Ctrl+Banana", "", "not a key"},
	} {
		t.Run(tc.in, func(t *testing.T) {
			got, err := NormalizeHotkey(tc.in)
			if tc.err == "" && (err != nil || got != tc.want) {
				t.Errorf("NormalizeHotkey(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
			}
			if tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)) {
				t.Errorf("NormalizeHotkey(%q) = %q, %v; want an error mentioning %q", tc.in, got, err, tc.err)
			}
		})
	}
}

func FuzzNormalizeHotkey(f *testing.F) {
	for _, s := range []string{"Ctrl+Alt+D", "shift+f5", "+", "Ctrl++", "ctrl+alt+ß"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		k, err := NormalizeHotkey(s)
		if err != nil {
			return
		}
		again, err := NormalizeHotkey(k)
		if err != nil || again != k {
			t.Fatalf("NormalizeHotkey(%q) = %q, which normalises to %q, %v", s, k, again, err)
		}
	})
}

func TestSettingsDialogSave(t *testing.T) {
	m, c, a := newTestWindow(t, DefaultSettings())
	test.Tap(m.settingsButton)
	d := m.settingsOpen
	d.device.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown}) // Automatic → CPU
	d.device.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown}) // → CUDA
	mustSay(t, c, "NVIDIA graphics (CUDA)")
	d.engine.SetSelected("My screen reader")
	d.voice.SetText("alba")
	d.rate.SetText("220")
	d.detail.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown}) // Brief → Detailed
	mustSay(t, c, "Detailed")
	d.hotkeys[0].SetText("ctrl+shift+f5")
	d.hotkeys[2].SetText("") // no clipboard hotkey
	test.Tap(d.checks.autoSpeak)
	test.Tap(d.checks.saveHistory)
	c.reset()
	test.Tap(d.save)

	want := DefaultSettings()
	want.Device, want.Engine, want.Voice, want.Rate, want.Detail = "cuda", "screenreader", "alba", 220, "detailed"
	want.Hotkeys.DescribeScreen, want.Hotkeys.DescribeClipboard = "Ctrl+Shift+F5", ""
	want.AutoSpeak, want.SaveHistory = false, true
	if len(c.settings) != 1 || !reflect.DeepEqual(c.settings[0], want) {
		t.Fatalf("SettingsChanged got %+v\nwant %+v", c.settings, want)
	}
	if got := LoadSettings(a.Preferences()); !reflect.DeepEqual(got, want) {
		t.Errorf("preferences hold %+v, want %+v", got, want)
	}
	mustSay(t, c, "Settings saved")
	if m.settingsOpen != nil || m.win.Canvas().Focused() != m.settingsButton {
		t.Errorf("after Save: dialog open %v, focus on %T; want closed, focus on Settings", m.settingsOpen != nil, m.win.Canvas().Focused())
	}

	test.Tap(m.settingsButton) // opens with the saved values
	if m.settingsOpen.rate.Text != "220" || m.settingsOpen.device.Selected != "NVIDIA graphics (CUDA)" {
		t.Errorf("reopened with rate %q, device %q", m.settingsOpen.rate.Text, m.settingsOpen.device.Selected)
	}
}

func TestSettingsDialogRefusesBadValues(t *testing.T) {
	for name, tc := range map[string]struct {
		edit  func(*settingsDialog)
		field func(*settingsDialog) fyne.Focusable
		say   string
	}{
		"rate": {func(d *settingsDialog) { d.rate.SetText("fast") },
			func(d *settingsDialog) fyne.Focusable { return d.rate },
			"The speaking rate must be a whole number from 80 to 900."},
		"hotkey": {func(d *settingsDialog) { d.hotkeys[6].SetText("Ctrl+Alt") },
			func(d *settingsDialog) fyne.Focusable { return d.hotkeys[6] },
			"Stop hotkey: the shortcut has modifiers but no key; add one, like Ctrl+Alt+D."},
		"duplicate": {func(d *settingsDialog) { d.hotkeys[1].SetText("ctrl+alt+d") },
			func(d *settingsDialog) fyne.Focusable { return d.checks.caption },
			"Two hotkeys are both Ctrl+Alt+D: Describe screen hotkey and Describe window hotkey."},
		"nothing to describe": {func(d *settingsDialog) { d.checks.caption.SetChecked(false); d.checks.text.SetChecked(false) },
			func(d *settingsDialog) fyne.Focusable { return d.checks.caption },
			"Choose a caption, the text, or both."},
	} {
		t.Run(name, func(t *testing.T) {
			m, c, _ := newTestWindow(t, DefaultSettings())
			test.Tap(m.settingsButton)
			d := m.settingsOpen
			tc.edit(d)
			d.rate.OnSubmitted(d.rate.Text) // Return in a field saves
			if len(c.settings) != 0 || m.settingsOpen == nil {
				t.Fatalf("bad settings were saved: %+v", c.settings)
			}
			if d.problem.Text != tc.say || c.lastSay() != tc.say {
				t.Errorf("shown %q, said %q; want %q", d.problem.Text, c.lastSay(), tc.say)
			}
			if f := m.win.Canvas().Focused(); f != tc.field(d) {
				t.Errorf("focus on %T, want the field to correct", f)
			}
		})
	}
}

func TestSettingsDialogEscapeCancels(t *testing.T) {
	m, c, _ := newTestWindow(t, DefaultSettings())
	test.Tap(m.settingsButton)
	d := m.settingsOpen
	d.rate.SetText("300")
	d.voice.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if m.settingsOpen != nil || len(c.settings) != 0 || c.stops != 0 {
		t.Errorf("Escape: open %v, saved %v, stops %d; want closed, unsaved, no Stop", m.settingsOpen != nil, c.settings, c.stops)
	}
	mustSay(t, c, "Settings cancelled")
	if m.settings.Rate != DefaultRate {
		t.Errorf("rate = %d after cancel", m.settings.Rate)
	}
}

func TestSettingsDialogFocusSpeaks(t *testing.T) {
	t.Setenv("LC_ALL", "en_GB.UTF-8") // the system's language, said in the Language choice
	m, c, _ := newTestWindow(t, DefaultSettings())
	test.Tap(m.settingsButton)
	cv := m.win.Canvas()
	want := []string{"Language, Automatic: the system's language (English)", "Speech, Automatic", "Voice, blank", "Speaking rate, words a minute, 175",
		"Caption detail, Brief", "Colours, Automatic", "Text size, percent, 100",
		"Keep at most this many results (0: all), 10000", "Keep results for this many days (0: always), 0",
		"Describe screen hotkey, Ctrl+Alt+D", "Describe window hotkey, Ctrl+Alt+W",
		"Describe clipboard hotkey, Ctrl+Alt+V", "Read text under pointer hotkey, Ctrl+Alt+R", "Say more hotkey, Ctrl+Alt+M",
		"Ask a question hotkey, Ctrl+Alt+A", "Stop hotkey, Ctrl+Alt+S", "Find in history hotkey, Ctrl+Alt+F",
		"Describe the picture, checked", "Read the text in it, checked", "Speak each result, checked",
		"Copy each result to the clipboard, not checked", "Keep history between runs, not checked",
		"Questions read fine detail (slower), not checked", "Soften offensive words in descriptions, checked",
		"Cancel", "Save", "Device, Automatic"}
	for _, w := range want {
		test.FocusNext(cv)
		if got := c.lastSay(); got != w {
			t.Fatalf("after Tab said %q, want %q", got, w)
		}
	}
	m.settingsOpen.checks.autoCopy.TypedRune(' ')
	mustSay(t, c, "checked")
	m.settingsOpen.device.TypedKey(&fyne.KeyEvent{Name: fyne.KeyF1})
	mustSayPrefix(t, c, "Settings. Tab and Shift Tab")
}
