package filter_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/describer/describer/app/filter"
)

// maxGrowth bounds how many times longer Apply may make a text: the
// longest mask is 20 bytes and the shortest listed word 3.
const maxGrowth = 7

func FuzzApply(f *testing.F) {
	f.Add("He called him a nigger.", "en")
	f.Add("Ku\u0308mmeltu\u0308rke SCHEIẞE", "de-AT")
	f.Add("l'enculé, sale pédé", "fr")
	f.Add("¿Qué coño?\xff", "es")
	f.Add("fuck-fuck fuck", "")
	f.Fuzz(func(t *testing.T, text, lang string) {
		out, changed := filter.Default().Apply(text, lang)
		if changed != (out != text) {
			t.Errorf("Apply(%q) = %q, changed %v", text, out, changed)
		}
		if len(out) > maxGrowth*len(text) {
			t.Errorf("Apply made %d bytes into %d", len(text), len(out))
		}
		if utf8.ValidString(text) && !utf8.ValidString(out) {
			t.Errorf("Apply(%q) = %q: not UTF-8", text, out)
		}
		if again, changed := filter.Default().Apply(out, lang); again != out || changed {
			t.Errorf("Apply(%q) = %q, but again %q", text, out, again)
		}
	})
}

// caption is a 30-word caption of the kind a model writes.
const caption = "A man in a red jacket rides a bicycle past a small café while two women " +
	"with umbrellas wait at the bus stop beside a tall grey building in the rain."

func BenchmarkApply(b *testing.B) {
	f := filter.Default()
	for _, c := range []struct{ name, lang, text string }{
		{"clean en", "en", caption},
		{"clean de", "de", "Ein Mann in einer roten Jacke fährt mit dem Fahrrad an einem kleinen Café vorbei, " +
			"während zwei Frauen mit Schirmen an der Bushaltestelle neben einem großen grauen Gebäude im Regen warten."},
		{"two masked en", "en", strings.Replace(strings.Replace(caption, "man", "fucking", 1), "women", "sluts", 1)},
	} {
		words := len(strings.Fields(c.text))
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				f.Apply(c.text, c.lang)
			}
			ns := float64(b.Elapsed().Nanoseconds()) / float64(b.N)
			b.ReportMetric(ns, "ns/caption")
			b.ReportMetric(ns/float64(words), "ns/word")
		})
	}
}
