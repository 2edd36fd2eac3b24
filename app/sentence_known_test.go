package app

import (
	"testing"

	"github.com/describer/describer/app/i18n"
)

// TestEveryKnownSentenceIsInTheCatalog: the failures worded for the user
// are in every shipped language.
func TestEveryKnownSentenceIsInTheCatalog(t *testing.T) {
	for _, k := range knownSentences {
		if missing := i18n.Missing(k.id); len(missing) != 0 {
			t.Errorf("%q (for %v) is missing from %v", k.id, k.kind, missing)
		}
	}
}
