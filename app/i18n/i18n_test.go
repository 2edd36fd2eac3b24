package i18n

import "testing"

// Messages come in the language in use, with its numbers and plural
// forms.
func TestMessagesFollowTheLanguage(t *testing.T) {
	cases := []struct {
		lang string
		say  func() string
		want string
	}{
		{"en", func() string { return T("text.heading") }, "Text on screen:"},
		{"en", func() string { return N("history.summary", 1) }, "History, 1 result. Up and down arrows pick results."},
		{"en", func() string { return N("history.summary", 1234) }, "History, 1,234 results. Up and down arrows pick results."},
		{"en", func() string { return Bytes(263_400_000) }, "263.4 MB"},
		{"en", func() string { return Bytes(1) }, "1 byte"},
		{"de", func() string { return T("text.heading") }, "Text auf dem Bildschirm:"},
		{"de", func() string { return N("history.summary", 1) }, "Verlauf, 1 Ergebnis. Mit Pfeil hoch und Pfeil runter wählen Sie Ergebnisse aus."},
		{"de", func() string { return N("history.summary", 1234) }, "Verlauf, 1.234 Ergebnisse. Mit Pfeil hoch und Pfeil runter wählen Sie Ergebnisse aus."},
		{"de", func() string { return Bytes(263_400_000) }, "263,4 MB"},
		{"de-AT", func() string { return T("status.ready") }, "Bereit"},
		{"fr", func() string { return Bytes(263_400_000) }, "263,4 Mo"},
		{"es", func() string { return N("history.summary", 1234) }, "Historial, 1.234 resultados. Use las flechas arriba y abajo para elegir un resultado."},
		{"it", func() string { return T("status.ready") }, "Ready"}, // not shipped: English
	}
	for _, c := range cases {
		restore := Use(c.lang)
		got := c.say()
		restore()
		if got != c.want {
			t.Errorf("%s: got %q, want %q", c.lang, got, c.want)
		}
	}
	if Current() != English {
		t.Errorf("after restoring, the language is %q", Current())
	}
}

// Base reads locale and language codes.
func TestBase(t *testing.T) {
	for in, want := range map[string]string{
		"de_DE.UTF-8": "de", "de-AT": "de", "fr": "fr", "en_US@euro": "en", "C": "", "POSIX": "", "": "", "no such!": "",
	} {
		if got := Base(in); got != want {
			t.Errorf("Base(%q) = %q, want %q", in, got, want)
		}
	}
}

// System follows the locale's environment on Linux.
func TestSystem(t *testing.T) {
	t.Setenv("LANGUAGE", "")
	t.Setenv("LC_MESSAGES", "")
	t.Setenv("LC_ALL", "de_DE.UTF-8")
	if got := System(); got != "de" {
		t.Errorf("System() under LC_ALL=de_DE.UTF-8 = %q", got)
	}
	t.Setenv("LC_ALL", "C")
	t.Setenv("LANG", "")
	if got := System(); got != English {
		t.Errorf("System() under C = %q, want English", got)
	}
}
