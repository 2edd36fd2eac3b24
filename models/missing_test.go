package models

import "testing"

func TestMissingDefaultsLeavesOutReplacedKinds(t *testing.T) {
	t.Setenv("DESCRIBER_HOME", t.TempDir())
	all := MissingDefaults(nil)
	if len(all) != len(Defaults()) {
		t.Fatalf("with nothing installed, %d sets missing, want all %d defaults", len(all), len(Defaults()))
	}
	for _, s := range MissingDefaults(map[string]bool{KindCaption: true, KindRuntime: true}) {
		if s.Kind == KindCaption || s.Kind == KindRuntime {
			t.Errorf("%s is listed although its kind was replaced", s.Name)
		}
	}
}
