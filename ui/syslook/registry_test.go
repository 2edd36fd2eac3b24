package syslook

import "testing"

func TestTextScale(t *testing.T) {
	for v, want := range map[uint64]int{100: 100, 125: 125, 225: 225, 1000: 1000, 0: 0, 1001: 0, 1 << 40: 0} {
		if got := textScale(v); got != want {
			t.Errorf("textScale(%d) = %d, want %d", v, got, want)
		}
	}
}

func TestHighContrastFlags(t *testing.T) {
	for s, want := range map[string]bool{
		"127": true, "1": true, "4223": true, "126": false, "0": false,
		"": false, "on": false, "-1": false, "0x7f": false,
	} {
		if got := highContrastFlags(s); got != want {
			t.Errorf("highContrastFlags(%q) = %v, want %v", s, got, want)
		}
	}
}
