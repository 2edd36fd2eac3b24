package inference

import "slices"

// detailNames lists the levels of detail, briefest first: the one list of
// their names. A level's index is its number (Florence-2 has all three;
// ViT-GPT2 only the first).
var detailNames = []string{"brief", "detailed", "paragraph"}

// DetailNames returns the names of the levels of detail, briefest first;
// a level's index is its number.
func DetailNames() []string { return slices.Clone(detailNames) }

// DetailList renders the names for a sentence: "brief, detailed or
// paragraph".
func DetailList() string { return orList(DetailNames()) }

// DetailLevel returns the number of the level called name, or -1.
func DetailLevel(name string) int { return slices.Index(detailNames, name) }
