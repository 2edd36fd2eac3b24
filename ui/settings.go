package ui

import (
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"

	"github.com/describer/describer/app"
	"github.com/describer/describer/app/i18n"
	"github.com/describer/describer/inference"
	"github.com/describer/describer/speech/engine"
	"github.com/describer/describer/ui/syslook"
)

// Devices are the choices for Settings.Device: inference's one list.
var Devices = inference.DeviceNames()

// Details are the choices for Settings.Detail: inference's one list.
var Details = inference.DetailNames()

// Engines are the choices for Settings.Engine: speech/engine's one list.
var Engines = engine.Names()

// SystemLanguage is the Language setting that follows the system's
// locale.
const SystemLanguage = ""

// Languages are the choices for Settings.Language: the system's, then
// each language Describer speaks (its own sentences, or descriptions
// translated into it).
var Languages = []string{SystemLanguage, "en", "de", "fr", "es"}

// Speaking rates, in words per minute.
const (
	// MinRate is the slowest speaking rate.
	MinRate = 80
	// MaxRate is the fastest speaking rate.
	MaxRate = 900
	// DefaultRate is the speaking rate of a fresh install.
	DefaultRate = 175
)

// Hotkeys are the global hotkeys, as text such as "Ctrl+Alt+D" (see
// NormalizeHotkey). An empty one means no hotkey for that action.
type Hotkeys struct {
	// DescribeScreen describes the screen (default Ctrl+Alt+D).
	DescribeScreen string
	// DescribeWindow describes the active window (default Ctrl+Alt+W).
	DescribeWindow string
	// DescribeClipboard describes the image on the clipboard (default
	// Ctrl+Alt+V).
	DescribeClipboard string
	// ReadBlock reads the text block under the mouse pointer (default
	// Ctrl+Alt+R; GNOME gives Ctrl+Alt+T to the terminal).
	ReadBlock string
	// More says more about the image last described: its caption at the
	// next level of detail (default Ctrl+Alt+M; Florence-2 has three).
	More string
	// Find opens "Find in history" (default Ctrl+Alt+F).
	Find string
	// Ask opens the question field about the image last described
	// (default Ctrl+Alt+A).
	Ask string
	// Stop stops the job and speech (default Ctrl+Alt+S).
	Stop string
}

// DefaultHotkeys are the global hotkeys of a fresh install.
var DefaultHotkeys = Hotkeys{
	DescribeScreen:    "Ctrl+Alt+D",
	DescribeWindow:    "Ctrl+Alt+W",
	DescribeClipboard: "Ctrl+Alt+V",
	ReadBlock:         "Ctrl+Alt+R",
	More:              "Ctrl+Alt+M",
	Ask:               "Ctrl+Alt+A",
	Find:              "Ctrl+Alt+F",
	Stop:              "Ctrl+Alt+S",
}

// list returns pointers to the hotkeys with their defaults and labels, in
// the order the settings dialog shows them.
func (h *Hotkeys) list() []hotkeyField {
	return []hotkeyField{
		{&h.DescribeScreen, DefaultHotkeys.DescribeScreen, i18n.T("hotkey.describe-screen"), "hotkey.describe_screen"},
		{&h.DescribeWindow, DefaultHotkeys.DescribeWindow, i18n.T("hotkey.describe-window"), "hotkey.describe_window"},
		{&h.DescribeClipboard, DefaultHotkeys.DescribeClipboard, i18n.T("hotkey.describe-clipboard"), "hotkey.describe_clipboard"},
		{&h.ReadBlock, DefaultHotkeys.ReadBlock, i18n.T("hotkey.read-block"), "hotkey.read_block"},
		{&h.More, DefaultHotkeys.More, i18n.T("hotkey.more"), "hotkey.more"},
		{&h.Ask, DefaultHotkeys.Ask, i18n.T("hotkey.ask"), "hotkey.ask"},
		{&h.Stop, DefaultHotkeys.Stop, i18n.T("hotkey.stop"), "hotkey.stop"},
		{&h.Find, DefaultHotkeys.Find, i18n.T("hotkey.find"), "hotkey.find"},
	}
}

// hotkeyField is one hotkey setting.
type hotkeyField struct {
	value        *string
	def, label   string
	preferenceID string
}

// Settings are the user's choices, kept in the app's preferences.
type Settings struct {
	// Device is where models run: auto, cpu, cuda, directml or coreml.
	Device string
	// Language is what Describer speaks and shows, one of Languages:
	// its own sentences, and captions and answers translated into it;
	// SystemLanguage ("") follows the system's locale.
	Language string
	// Engine is the speech engine: auto, piper, espeak or screenreader
	// (hand the text to the user's screen reader).
	Engine string
	// Voice names the voice within the engine; empty means its default.
	Voice string
	// Rate is the speaking rate in words per minute, MinRate…MaxRate.
	Rate int
	// Hotkeys are the global hotkeys.
	Hotkeys Hotkeys
	// IncludeCaption asks for a caption of the picture.
	IncludeCaption bool
	// Detail is how much a caption says: brief, detailed or paragraph
	// (Florence-2; the small model has one level).
	Detail string
	// IncludeText asks for the text in the picture (OCR).
	IncludeText bool
	// AutoSpeak speaks each result as soon as it is ready.
	AutoSpeak bool
	// AutoCopy puts each result's full text on the clipboard.
	AutoCopy bool
	// SaveHistory keeps past results on disk between runs.
	SaveHistory bool
	// TextSize is the window's text size in percent, MinTextSize to
	// MaxTextSize; every size of the window scales with it.
	TextSize int
	// Theme is the window's colours, one of Themes.
	Theme string
	// FilterOutput softens slurs and sexual words in captions and answers
	// (never in the screen's text).
	FilterOutput bool
	// HistoryEntries and HistoryDays bound the kept history: its newest
	// HistoryEntries, none older than HistoryDays; 0 means no bound.
	HistoryEntries, HistoryDays int
	// QuestionTiles cuts an image into 512-pixel tiles for questions:
	// finer detail (small text), several times slower.
	QuestionTiles bool
}

// Lang returns the language to speak: Language, or the system's when it
// is SystemLanguage and one of Languages (else English).
func (s Settings) Lang() string {
	if s.Language != SystemLanguage {
		return s.Language
	}
	if sys := i18n.System(); slices.Contains(Languages, sys) {
		return sys
	}
	return i18n.English
}

// DefaultSettings returns the settings of a fresh install.
func DefaultSettings() Settings {
	return Settings{
		Device:         "auto",
		Engine:         "auto",
		Rate:           DefaultRate,
		Hotkeys:        DefaultHotkeys,
		IncludeCaption: true,
		Detail:         Details[0],
		IncludeText:    true,
		AutoSpeak:      true,
		HistoryEntries: DefaultHistoryEntries,
		FilterOutput:   true,
		TextSize:       MinTextSize,
		Theme:          ThemeAuto,
	}
}

// DefaultHistoryEntries is how many results a fresh install keeps, when
// it keeps the history.
const DefaultHistoryEntries = 10000

// MaxHistoryBound is the largest number of entries or days the history
// bounds accept.
const MaxHistoryBound = 1_000_000

// Preference keys.
const (
	prefDevice         = "device"
	prefLanguage       = "language"
	prefEngine         = "engine"
	prefVoice          = "voice"
	prefRate           = "rate"
	prefIncludeCaption = "include_caption"
	prefDetail         = "caption_detail"
	prefIncludeText    = "include_text"
	prefAutoSpeak      = "auto_speak"
	prefAutoCopy       = "auto_copy"
	prefSaveHistory    = "save_history"
	prefQuestionTiles  = "question_tiles"
	prefHistoryEntries = "history_entries"
	prefFilterOutput   = "filter_output"
	prefTextSize       = "text_size"
	prefTheme          = "theme"
	prefHistoryDays    = "history_days"
)

// LoadSettings reads the settings from p, using the default for each one
// never saved and repairing any stored value that is out of range.
func LoadSettings(p fyne.Preferences) Settings {
	d := DefaultSettings()
	s := Settings{
		Device:         p.StringWithFallback(prefDevice, d.Device),
		Language:       p.StringWithFallback(prefLanguage, d.Language),
		Engine:         p.StringWithFallback(prefEngine, d.Engine),
		Voice:          p.StringWithFallback(prefVoice, d.Voice),
		Rate:           p.IntWithFallback(prefRate, d.Rate),
		IncludeCaption: p.BoolWithFallback(prefIncludeCaption, d.IncludeCaption),
		Detail:         p.StringWithFallback(prefDetail, d.Detail),
		IncludeText:    p.BoolWithFallback(prefIncludeText, d.IncludeText),
		AutoSpeak:      p.BoolWithFallback(prefAutoSpeak, d.AutoSpeak),
		AutoCopy:       p.BoolWithFallback(prefAutoCopy, d.AutoCopy),
		SaveHistory:    p.BoolWithFallback(prefSaveHistory, d.SaveHistory),
		QuestionTiles:  p.BoolWithFallback(prefQuestionTiles, d.QuestionTiles),
		HistoryEntries: p.IntWithFallback(prefHistoryEntries, d.HistoryEntries),
		FilterOutput:   p.BoolWithFallback(prefFilterOutput, d.FilterOutput),
		TextSize:       p.IntWithFallback(prefTextSize, d.TextSize),
		Theme:          p.StringWithFallback(prefTheme, d.Theme),
		HistoryDays:    p.IntWithFallback(prefHistoryDays, d.HistoryDays),
	}
	for _, h := range s.Hotkeys.list() {
		*h.value = p.StringWithFallback(h.preferenceID, h.def)
	}
	return s.Repair()
}

// HistoryMaxAge is how long the history keeps a result: HistoryDays
// days, 0 for no bound.
func (s Settings) HistoryMaxAge() time.Duration { return time.Duration(s.HistoryDays) * 24 * time.Hour }

// FollowSystem starts the text size from the system's text scaling (l,
// see syslook.Read) when none was saved in p, within MinTextSize to
// MaxTextSize. (ThemeAuto follows the system's colours: see
// MainWindow.SetSystemLook.)
func (s Settings) FollowSystem(p fyne.Preferences, l syslook.Look) Settings {
	if l.TextSize > 0 && p.IntWithFallback(prefTextSize, 0) == 0 {
		s.TextSize = min(max(l.TextSize, MinTextSize), MaxTextSize)
	}
	return s
}

// SaveTextSize writes the text size alone to p, leaving the rest as saved
// (a one-run --theme, say, stays for that run).
func (s Settings) SaveTextSize(p fyne.Preferences) { p.SetInt(prefTextSize, s.Repair().TextSize) }

// Save writes the settings, repaired, to p.
func (s Settings) Save(p fyne.Preferences) {
	s = s.Repair()
	p.SetString(prefDevice, s.Device)
	p.SetString(prefLanguage, s.Language)
	p.SetString(prefEngine, s.Engine)
	p.SetString(prefVoice, s.Voice)
	p.SetInt(prefRate, s.Rate)
	p.SetBool(prefIncludeCaption, s.IncludeCaption)
	p.SetString(prefDetail, s.Detail)
	p.SetBool(prefIncludeText, s.IncludeText)
	p.SetBool(prefAutoSpeak, s.AutoSpeak)
	p.SetBool(prefAutoCopy, s.AutoCopy)
	p.SetBool(prefSaveHistory, s.SaveHistory)
	p.SetBool(prefQuestionTiles, s.QuestionTiles)
	p.SetInt(prefHistoryEntries, s.HistoryEntries)
	p.SetBool(prefFilterOutput, s.FilterOutput)
	p.SetInt(prefTextSize, s.TextSize)
	p.SetString(prefTheme, s.Theme)
	p.SetInt(prefHistoryDays, s.HistoryDays)
	for _, h := range s.Hotkeys.list() {
		p.SetString(h.preferenceID, *h.value)
	}
}

// Repair returns s with every unusable value replaced: an unknown device or
// engine by "auto", an unknown language by the system's, an unknown level of detail by brief, a rate of 0 by DefaultRate and any other rate clamped to
// MinRate…MaxRate, a malformed hotkey by its default, a hotkey used twice
// by none, and captions and text both off by both on. Hotkeys come back in
// the canonical spelling of NormalizeHotkey. The zero Settings repairs to
// DefaultSettings but for its booleans.
func (s Settings) Repair() Settings {
	s.Device = strings.ToLower(strings.TrimSpace(s.Device))
	if !slices.Contains(Devices, s.Device) {
		s.Device = "auto"
	}
	if s.Language = strings.ToLower(strings.TrimSpace(s.Language)); !slices.Contains(Languages, s.Language) {
		s.Language = SystemLanguage
	}
	s.Engine = strings.ToLower(strings.TrimSpace(s.Engine))
	if !slices.Contains(Engines, s.Engine) {
		s.Engine = "auto"
	}
	s.Voice = strings.TrimSpace(s.Voice)
	s.Detail = strings.ToLower(strings.TrimSpace(s.Detail))
	if !slices.Contains(Details, s.Detail) {
		s.Detail = Details[0]
	}
	switch {
	case s.Rate == 0:
		s.Rate = DefaultRate
	case s.Rate < MinRate:
		s.Rate = MinRate
	case s.Rate > MaxRate:
		s.Rate = MaxRate
	}
	if !s.IncludeCaption && !s.IncludeText {
		s.IncludeCaption, s.IncludeText = true, true
	}
	s.HistoryEntries = min(max(s.HistoryEntries, 0), MaxHistoryBound)
	s.TextSize = min(max(s.TextSize, MinTextSize), MaxTextSize) // 0, never saved: 100 %
	if s.Theme = strings.ToLower(strings.TrimSpace(s.Theme)); !slices.Contains(Themes, s.Theme) {
		s.Theme = ThemeAuto
	}
	s.HistoryDays = min(max(s.HistoryDays, 0), MaxHistoryBound)
	s.Hotkeys = s.Hotkeys.repair()
	return s
}

// repair canonicalises each hotkey, restores a malformed one's default and
// clears one that repeats an earlier one.
func (h Hotkeys) repair() Hotkeys {
	seen := map[string]bool{}
	for _, f := range h.list() {
		if *f.value == "" {
			continue
		}
		k, err := NormalizeHotkey(*f.value)
		if err != nil {
			k = f.def
		}
		if seen[k] {
			k = ""
		}
		seen[k] = k != ""
		*f.value = k
	}
	return h
}

// Validate reports, as a sentence for the user, the first setting the
// user must correct; nil means every value is usable as it is.
func (s Settings) Validate() error {
	if !slices.Contains(Devices, s.Device) {
		return app.Plain(i18n.T("settings.bad-device", "Value", s.Device))
	}
	if !slices.Contains(Engines, s.Engine) {
		return app.Plain(i18n.T("settings.bad-engine", "Value", s.Engine))
	}
	if !slices.Contains(Details, s.Detail) {
		return app.Plain(i18n.T("settings.bad-detail", "Value", s.Detail))
	}
	if s.Rate < MinRate || s.Rate > MaxRate {
		return app.Plain(i18n.T("settings.bad-rate", "Min", MinRate, "Max", MaxRate))
	}
	if !s.IncludeCaption && !s.IncludeText {
		return app.Plain(i18n.T("settings.nothing"))
	}
	return s.Hotkeys.validate()
}

// validate checks each hotkey's form and that no two are the same.
func (h Hotkeys) validate() error {
	seen := map[string]string{}
	for _, f := range h.list() {
		if *f.value == "" {
			continue
		}
		k, err := NormalizeHotkey(*f.value)
		if err != nil {
			return app.Plain(i18n.T("settings.bad-hotkey", "Label", f.label, "Reason", err))
		}
		if other, ok := seen[k]; ok {
			return app.Plain(i18n.T("settings.same-hotkey", "First", other, "Second", f.label, "Key", k))
		}
		seen[k] = f.label
	}
	return nil
}
