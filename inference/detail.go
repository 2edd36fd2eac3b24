package inference

import "slices"

// DetailChoice is one level of detail a caption can have, with the words a
// person hears for it.
type DetailChoice struct {
	// Name is what the command line and the settings store: "brief".
	Name string
	// Label is what a settings dialog shows and speaks.
	Label string
}

// Details lists the levels of detail, briefest first: the one list of
// their names. A level's index is its number (Florence-2 has all three;
// ViT-GPT2 only the first).
var Details = []DetailChoice{
	{"brief", "Brief"},
	{"detailed", "Detailed"},
	{"paragraph", "Paragraph"},
}

// DetailNames returns the names of Details, in order.
func DetailNames() []string {
	names := make([]string, len(Details))
	for i, d := range Details {
		names[i] = d.Name
	}
	return names
}

// DetailList renders the names for a sentence: "brief, detailed or
// paragraph".
func DetailList() string { return orList(DetailNames()) }

// DetailLevel returns the number of the level called name, or -1.
func DetailLevel(name string) int { return slices.Index(DetailNames(), name) }
