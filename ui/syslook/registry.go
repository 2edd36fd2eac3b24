package syslook

import (
	"strconv"
	"strings"
)

// hcfHighContrastOn is the bit of the HighContrast Flags value that says
// high contrast is on (HCF_HIGHCONTRASTON).
const hcfHighContrastOn = 0x1

// textScale checks Windows's TextScaleFactor, in percent: 0 for nonsense.
func textScale(v uint64) int {
	if !sensible(float64(v)) {
		return 0
	}
	return int(v)
}

// highContrastFlags reads Windows's HighContrast Flags, a decimal number
// stored as a string.
func highContrastFlags(s string) bool {
	v, err := strconv.ParseUint(strings.TrimSpace(s), 10, 32)
	return err == nil && v&hcfHighContrastOn != 0
}
