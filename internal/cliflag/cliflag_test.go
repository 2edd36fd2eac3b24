package cliflag

import (
	"errors"
	"flag"
	"slices"
	"strings"
	"testing"
)

func TestParseInterspersed(t *testing.T) {
	for _, tc := range []struct {
		args []string
		pos  []string
		json bool
	}{
		{[]string{"a.png", "--json", "b.png"}, []string{"a.png", "b.png"}, true},
		{[]string{"--json", "a.png"}, []string{"a.png"}, true},
		{[]string{"a.png", "--", "--json"}, []string{"a.png", "--json"}, false},
		{nil, nil, false},
	} {
		fs := flag.NewFlagSet("describe", flag.ContinueOnError)
		asJSON := fs.Bool("json", false, "print JSON")
		pos, err := Parse(fs, tc.args, nil, "describe FILE...")
		if err != nil || !slices.Equal(pos, tc.pos) || *asJSON != tc.json {
			t.Errorf("%q: positional %q, json %v, error %v; want %q, %v", tc.args, pos, *asJSON, err, tc.pos, tc.json)
		}
	}
}

func TestParseHelpAndErrors(t *testing.T) {
	fs := flag.NewFlagSet("describe", flag.ContinueOnError)
	fs.Bool("json", false, "print one JSON object per image")
	var help strings.Builder
	if _, err := Parse(fs, []string{"-h"}, &help, "describe FILE..."); !errors.Is(err, flag.ErrHelp) ||
		!strings.HasPrefix(help.String(), "Usage: describer describe FILE...\n\nFlags:\n") || !strings.Contains(help.String(), "-json") {
		t.Errorf("help: %v\n%s", err, help.String())
	}
	if _, err := Parse(fs, []string{"--nope"}, &help, ""); err == nil || !strings.Contains(err.Error(), "nope") {
		t.Errorf("unknown flag: %v", err)
	}
}
