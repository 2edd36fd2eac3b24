package filter_test

import (
	"testing"

	"github.com/describer/describer/app/filter"
)

// applyCase is one text, its language and what Apply should make of it.
type applyCase struct {
	name, lang, in, want string
}

func TestApplyMasks(t *testing.T) {
	for _, c := range []applyCase{
		{"en slur", "en", "He called him a nigger.", "He called him a (offensive word)."},
		{"en plural", "en", "those kikes", "those (offensive word)"},
		{"en capitals", "en", "FAGGOT!", "(offensive word)!"},
		{"en title case", "en", "Whores, all of them", "(offensive word), all of them"},
		{"en -ed", "en", "a retarded idea", "a (offensive word) idea"},
		{"en -ing", "en", "the fucking car", "the (explicit word) car"},
		{"en -er", "en", "you fuckers", "you (explicit word)"},
		{"en -es", "en", "two dildoes", "two (explicit word)"},
		{"en sexual", "en", "a dildo on a table", "a (explicit word) on a table"},
		{"en brackets", "en", "(fuck)", "((explicit word))"},
		{"en quotes", "en", `"Slut," she said.`, `"(offensive word)," she said.`},
		{"en curly quotes", "en", "‘cunt’", "‘(explicit word)’"},
		{"en hyphen", "en", "fuck-off", "(explicit word)-off"},
		{"en possessive", "en", "the twat's car", "the (explicit word)'s car"},
		{"en elided", "en", "fuckin' great", "(explicit word)' great"},
		{"en emoji", "en", "🍆dildo🍆", "🍆(explicit word)🍆"},
		{"en lines", "en", "fuck\nslut\tspic", "(explicit word)\n(offensive word)\t(offensive word)"},
		{"en several", "en", "A wank, a whore and a wetback.", "A (explicit word), a (offensive word) and a (offensive word)."},
		{"de slur", "de", "Du Schwuchtel!", "Du (beleidigendes Wort)!"},
		{"de capitals", "de", "NEGERN", "(beleidigendes Wort)"},
		{"de umlaut", "de", "Kümmeltürken raus", "(beleidigendes Wort) raus"},
		{"de decomposed umlaut", "de", "Ku\u0308mmeltu\u0308rke", "(beleidigendes Wort)"},
		{"de sexual", "de", "Sie haben gefickt.", "Sie haben (anstößiges Wort)."},
		{"de English word", "de", "What the fuck", "What the (anstößiges Wort)"},
		{"de region", "de-AT", "Fotzen", "(anstößiges Wort)"},
		{"de upper code", "DE", "Nutte", "(beleidigendes Wort)"},
		{"fr slur", "fr", "Sale pédé.", "Sale (mot offensant)."},
		{"fr capitals", "fr", "PÉDÉS", "(mot offensant)"},
		{"fr elision", "fr", "l'enculé", "l'(mot cru)"},
		{"fr feminine", "fr", "Youpines", "(mot offensant)"},
		{"fr English word", "fr", "un fucking désastre", "un (mot cru) désastre"},
		{"fr region", "fr_CA", "Salopes", "(mot offensant)"},
		{"es slur", "es", "¡Maricón!", "¡(palabra ofensiva)!"},
		{"es no accent", "es", "maricon", "(palabra ofensiva)"},
		{"es capitals", "es", "MARICONES", "(palabra ofensiva)"},
		{"es sexual", "es", "¿Qué coño?", "¿Qué (palabra explícita)?"},
		{"es verb", "es", "están follando", "están (palabra explícita)"},
		{"es English word", "es", "un nigger", "un (palabra ofensiva)"},
		{"unknown language is English", "it", "fuck", "(explicit word)"},
		{"empty language is English", "", "slut", "(offensive word)"},
	} {
		t.Run(c.name, func(t *testing.T) {
			out, changed := filter.Default().Apply(c.in, c.lang)
			if out != c.want || !changed {
				t.Errorf("Apply(%q, %q) = %q, %v; want %q, true", c.in, c.lang, out, changed, c.want)
			}
		})
	}
}

func TestApplyLeavesInnocentText(t *testing.T) {
	for _, c := range []struct{ lang, text string }{
		{"en", "classic assess Scunthorpe cocktail analysis therapist grape Dickens Sussex"},
		{"en", "Essex, Middlesex and Penistone; Clitheroe; Pakistan; Nigeria and Niger"},
		{"en", "shiitake, cumulative, summa cum laude, a sextant, a cockpit, fuchsia"},
		{"en", "a blue tit on a branch, a rooster, a pussycat, a donkey"},
		{"en", "a niggardly sum, spicy food, Fagin, a Wankel engine, a fire retardant"},
		{"en", "a honky-tonk piano, Dick Van Dyke, bitten, a document, Arsenal"},
		{"en", "a bite of cake, a baiser, Schwanz"},
		{"de", "Der Schwanz des Hundes, eine Muschel, Mose, eine Fichte, ein Nussbaum"},
		{"de", "Spastik, die Mongolei, eine Negation, der Kanal, eine Zigarette, die Straße"},
		{"de", "Ibuprofen retard, ein schwules Paar, der Titel"},
		{"fr", "en retard, des retards, un baiser, une chatte, la queue du chat"},
		{"fr", "une salopette, le député, la réputation, la pédagogie, un pédiatre"},
		{"fr", "une pédale, le bitume, le Niger, une négociation, une tapette à mouches"},
		{"fr", "un raton laveur, un con, une computation"},
		{"es", "un perro negro, una negrita, una computadora, una disputa, la reputación"},
		{"es", "el diputado, un coñac, el follaje, la zorra, la paja, una concha"},
		{"es", "una mariposa, marisco, un padre putativo, el tren va retrasado"},
	} {
		t.Run(c.lang+" "+c.text[:12], func(t *testing.T) {
			if out, changed := filter.Default().Apply(c.text, c.lang); out != c.text || changed {
				t.Errorf("Apply(%q, %q) = %q, %v; want it unchanged", c.text, c.lang, out, changed)
			}
		})
	}
}

func TestApplyUsesOnlyTheTextsLanguage(t *testing.T) {
	for _, c := range []struct{ lang, text string }{
		{"en", "Neger Schwuchtel pédé maricón coño"},
		{"it", "Neger Schwuchtel pédé maricón coño"},
		{"de", "pédé maricón coño"},
		{"fr", "Neger Schwuchtel maricón"},
		{"es", "Neger Schwuchtel pédé"},
	} {
		t.Run(c.lang, func(t *testing.T) {
			if out, changed := filter.Default().Apply(c.text, c.lang); changed {
				t.Errorf("Apply(%q, %q) = %q; want another language's words kept", c.text, c.lang, out)
			}
		})
	}
}

func TestApplyChangedFlag(t *testing.T) {
	for _, c := range []struct{ lang, text string }{
		{"en", ""}, {"en", " "}, {"en", "a cat"}, {"en", "fuck"}, {"de", "Hure"},
		{"fr", "pute"}, {"es", "puta"}, {"en", "x fuck y fuck z"}, {"en", "\xff\xfe"},
	} {
		t.Run(c.lang+" "+c.text, func(t *testing.T) {
			out, changed := filter.Default().Apply(c.text, c.lang)
			if changed != (out != c.text) {
				t.Errorf("Apply(%q) = %q, changed %v", c.text, out, changed)
			}
		})
	}
}

func TestApplyEmpty(t *testing.T) {
	for _, lang := range []string{"en", "de", "fr", "es", ""} {
		if out, changed := filter.Default().Apply("", lang); out != "" || changed {
			t.Errorf("Apply(\"\", %q) = %q, %v", lang, out, changed)
		}
	}
}

func TestApplyIdempotent(t *testing.T) {
	text := "Fuck, the slut's wank-fest: niggers! Fotze, pédé, coño."
	for _, lang := range []string{"en", "de", "fr", "es", "it"} {
		t.Run(lang, func(t *testing.T) {
			once, _ := filter.Default().Apply(text, lang)
			if twice, changed := filter.Default().Apply(once, lang); twice != once || changed {
				t.Errorf("Apply(Apply(text)) = %q, %v; want %q, false", twice, changed, once)
			}
		})
	}
}

func TestApplySwitchedOff(t *testing.T) {
	var nilFilter *filter.Filter
	for _, c := range []struct {
		name string
		f    *filter.Filter
	}{
		{"nil", nilFilter},
		{"zero", &filter.Filter{}},
		{"off", filter.Default().WithEnabled(false)},
		{"nil switched on", nilFilter.WithEnabled(true)},
	} {
		t.Run(c.name, func(t *testing.T) {
			if out, changed := c.f.Apply("fuck", "en"); out != "fuck" || changed || c.f.Enabled() {
				t.Errorf("Apply = %q, %v, Enabled %v; want text unchanged", out, changed, c.f.Enabled())
			}
		})
	}
}

func TestWithEnabledLeavesDefault(t *testing.T) {
	off := filter.Default().WithEnabled(false)
	if !filter.Default().Enabled() {
		t.Fatal("switching a copy off switched Default off")
	}
	if out, _ := off.WithEnabled(true).Apply("fuck", "en"); out != "(explicit word)" {
		t.Errorf("switched back on: Apply = %q", out)
	}
}

func TestApplyCleanTextDoesNotAllocate(t *testing.T) {
	text := "A man in a red jacket is riding a bicycle past a café on Straße 5."
	allocs := testing.AllocsPerRun(100, func() { filter.Default().Apply(text, "de") })
	if allocs != 0 {
		t.Errorf("Apply of clean text made %v allocations; want 0", allocs)
	}
}
