package models

// What to tell people about a set: how big it is and the one command that
// fetches it.

// PullCommand returns the command that fetches the set, such as
// "describer models pull caption": the setup hint for that set.
func (s Set) PullCommand() string { return PullCommand(s) }

// PullCommand returns the one command that fetches sets, such as
// "describer models pull caption ocr"; with no sets, "describer models
// pull", which fetches the default sets.
func PullCommand(sets ...Set) string {
	cmd := "describer models pull"
	for _, s := range sets {
		cmd += " " + s.Name
	}
	return cmd
}

// SizeText renders the set's download size for people, such as
// "35.1 MB", saying when part of it is not known in advance ("at least
// 35.1 MB", "size not known").
func (s Set) SizeText() string {
	size := FormatBytes(s.Size())
	for _, f := range s.Files {
		if f.Size == 0 && !f.Optional {
			if s.Size() == 0 {
				return "size not known"
			}
			return "at least " + size
		}
	}
	return size
}
