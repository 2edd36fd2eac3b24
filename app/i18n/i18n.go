// Package i18n is Describer's one message catalog: every sentence the app
// says or shows is looked up here by its id, in the language the user
// chose, with numbers and plurals as that language writes them.
//
// It is github.com/nicksnyder/go-i18n (CLDR plural rules, text/template
// messages, one JSON file per language) rather than Fyne's lang package,
// because the user picks the language in Settings, apart from the system
// locale that Fyne's package follows, and because the command line and
// the app package, which import no Fyne, speak these sentences too.
// Numbers are golang.org/x/text's.
//
// The messages are in messages/LANG.json; English is the source and the
// fallback. Shipped lists the languages that are complete: a test fails
// when one of them lacks a message the code uses.
package i18n

import (
	"embed"
	"encoding/json"
	"fmt"
	"path"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

//go:embed messages/*.json
var files embed.FS

// Shipped are the languages whose messages are complete, English first.
var Shipped = []string{"en", "de", "fr", "es"}

// English is the source language and the fallback for a missing message.
const English = "en"

var (
	ids    = map[string]map[string]bool{} // language → its message ids
	bundle = loadBundle()
	// current is the language in use, a *speaker.
	current atomic.Pointer[speaker]
	cache   sync.Map // language code → *speaker
)

// speaker renders messages in one language.
type speaker struct {
	code    string
	loc     *goi18n.Localizer
	printer *message.Printer
}

func init() { current.Store(speakerFor(English)) }

// loadBundle reads the embedded message files.
func loadBundle() *goi18n.Bundle {
	b := goi18n.NewBundle(language.English)
	b.RegisterUnmarshalFunc("json", json.Unmarshal)
	entries, err := files.ReadDir("messages")
	if err != nil {
		panic(err) // embedded: cannot happen
	}
	for _, e := range entries {
		data, err := files.ReadFile(path.Join("messages", e.Name()))
		var f *goi18n.MessageFile
		if err == nil {
			f, err = b.ParseMessageFileBytes(data, e.Name())
		}
		if err != nil {
			panic(fmt.Sprintf("i18n: %s: %v", e.Name(), err)) // a test catches it first
		}
		lang := strings.TrimSuffix(e.Name(), ".json")
		ids[lang] = map[string]bool{}
		for _, m := range f.Messages {
			ids[lang][m.ID] = true
		}
	}
	return b
}

// speakerFor returns the (cached) speaker of code.
func speakerFor(code string) *speaker {
	if s, ok := cache.Load(code); ok {
		return s.(*speaker)
	}
	tag := language.Make(code)
	s := &speaker{code: code, loc: goi18n.NewLocalizer(bundle, code, English), printer: message.NewPrinter(tag)}
	cache.Store(code, s)
	return s
}

// Use makes code (a base language such as "de") the language messages are
// given in, and returns a function that restores the one before: a test
// defers it. Messages a language lacks are given in English.
func Use(code string) (restore func()) {
	code = Base(code)
	if code == "" {
		code = English
	}
	before := current.Swap(speakerFor(code))
	return func() { current.Store(before) }
}

// Current returns the language messages are given in.
func Current() string { return current.Load().code }

// T returns message id in the current language, its {{.Name}} fields
// filled from args, given as name, value pairs: T("saved", "File", f).
// Numbers in args are written as the language writes them.
func T(id string, args ...any) string { return current.Load().render(id, nil, args) }

// ByID is T for an id held in a table rather than written at the call,
// which the catalog test cannot see: the table's own test checks each id
// with Missing.
func ByID(id string, args ...any) string { return T(id, args...) }

// N is T for a message that depends on a count: the count's plural form
// picks the wording, and {{.N}} is the count as the language writes it.
func N(id string, n int, args ...any) string {
	return current.Load().render(id, n, append(args, "N", n))
}

// render localises id; a message missing everywhere gives its id, which
// the catalog test prevents.
func (s *speaker) render(id string, count any, args []any) string {
	data := make(map[string]any, len(args)/2)
	for i := 0; i+1 < len(args); i += 2 {
		data[fmt.Sprint(args[i])] = s.value(args[i+1])
	}
	out, err := s.loc.Localize(&goi18n.LocalizeConfig{MessageID: id, TemplateData: data, PluralCount: count})
	if err != nil && out == "" {
		return id
	}
	return out
}

// value writes numbers as the language does; anything else is kept.
func (s *speaker) value(v any) any {
	switch n := v.(type) {
	case int, int64:
		return s.printer.Sprintf("%d", n)
	case float64:
		return s.printer.Sprintf("%.1f", n)
	}
	return v
}

// Number writes v with digits decimals as the current language does:
// "263.4" in English, "263,4" in German.
func Number(v float64, digits int) string {
	return current.Load().printer.Sprintf("%.*f", digits, v)
}

// Base returns the base language of a locale or language code ("de" for
// "de_DE.UTF-8", "de-AT" or "de"), lower-case, or "" for "C", "POSIX" or
// an unreadable one.
func Base(code string) string {
	code, _, _ = strings.Cut(code, ".")
	code, _, _ = strings.Cut(code, "@")
	code = strings.ReplaceAll(code, "_", "-")
	if code == "" || code == "C" || code == "POSIX" {
		return ""
	}
	tag, err := language.Parse(code)
	if err != nil {
		return ""
	}
	base, _ := tag.Base()
	return base.String()
}

// Bytes writes a size in decimal units, as download sizes are given:
// "35.1 MB" in English, "35,1 MB" in German.
func Bytes(n int64) string {
	switch {
	case n < 1000:
		return N("bytes.b", int(n))
	case n < 1000*1000:
		return T("bytes.kb", "Size", Number(float64(n)/1e3, 1))
	case n < 1000*1000*1000:
		return T("bytes.mb", "Size", Number(float64(n)/1e6, 1))
	}
	return T("bytes.gb", "Size", Number(float64(n)/1e9, 2))
}

// Clock writes t's time of day as the current language does: "15:04".
func Clock(t time.Time) string { return t.Format(T("time.clock")) }

// Missing returns the shipped languages that lack message id.
func Missing(id string) []string {
	var langs []string
	for _, l := range Shipped {
		if !ids[l][id] {
			langs = append(langs, l)
		}
	}
	return langs
}
