package filter_test

import (
	"fmt"

	"github.com/describer/describer/app/filter"
)

// A caption is softened before it is spoken; words that merely contain a
// listed word are left alone.
func ExampleFilter_Apply() {
	f := filter.Default()
	fmt.Println(f.Apply("A fucking classic: the Scunthorpe cocktail bar.", "en"))
	fmt.Println(f.Apply("Er ruft: „Du Schwuchtel!“", "de"))
	// Output:
	// A (explicit word) classic: the Scunthorpe cocktail bar. true
	// Er ruft: „Du (beleidigendes Wort)!“ true
}

// The "Soften offensive words in descriptions" setting switches a copy of
// the Default filter; text read from the screen is never passed to Apply.
func ExampleFilter_WithEnabled() {
	f := filter.Default().WithEnabled(false)
	fmt.Println(f.Apply("What the fuck", "en"))
	// Output: What the fuck false
}
