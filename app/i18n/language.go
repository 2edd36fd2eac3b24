package i18n

import (
	"github.com/jeandeaual/go-locale"
)

// System returns the base language of the system's locale (LC_ALL,
// LC_MESSAGES, LANG and LANGUAGE on Linux; the user's language setting
// on Windows and macOS), or English when it says none.
func System() string {
	code, err := locale.GetLanguage()
	if b := Base(code); err == nil && b != "" {
		return b
	}
	return English
}

// names are the languages Describer offers, each named in itself.
var names = map[string]string{
	"en": "English", "de": "Deutsch", "fr": "Français", "es": "Español",
	"it": "Italiano", "nl": "Nederlands",
}

// Name returns the language of code named in that language, as a
// language menu lists it ("Deutsch"); code itself for one Describer does
// not offer.
func Name(code string) string {
	if n, ok := names[code]; ok {
		return n
	}
	return code
}
