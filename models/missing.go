package models

// MissingDefaults lists the default sets of this platform that are not
// installed, leaving out the kinds (KindCaption…) in replaced: those the user gave a
// folder of their own for, or a runtime found elsewhere.
func MissingDefaults(replaced map[string]bool) []Set {
	var missing []Set
	for _, s := range Defaults() {
		if !replaced[s.Kind] && Status(s).State != Installed {
			missing = append(missing, s)
		}
	}
	return missing
}

// SmallCaptionInstalled reports whether the small caption model is
// installed: it captions, in one level of detail, while Florence-2 is
// missing.
func SmallCaptionInstalled() bool { return Status(CaptionSmall).State == Installed }
