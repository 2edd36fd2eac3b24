package syslook

import (
	"context"
	"testing"
	"time"
)

// gnome is the output of gsettings for each key it knows.
type gnome struct{ scale, highContrast, scheme, theme string }

// runner returns a fake gsettings with g's answers; an empty one fails as
// a missing key or schema does.
func (g gnome) runner(t *testing.T) runner {
	out := map[string]string{}
	for key, v := range map[string]string{
		gnomeInterface + " text-scaling-factor": g.scale,
		gnomeA11y + " high-contrast":            g.highContrast,
		gnomeInterface + " color-scheme":        g.scheme,
		gnomeInterface + " gtk-theme":           g.theme,
	} {
		if v != "" {
			out["get "+key] = v
		}
	}
	return answers(t, "gsettings", out)
}

func TestReadWithGnome(t *testing.T) {
	tests := []struct {
		name string
		g    gnome
		want Look
	}{
		{"text size, high contrast, dark", gnome{"1.25\n", "true\n", "'prefer-dark'\n", "'Adwaita'\n"},
			Look{TextSize: 125, HighContrast: true, Dark: true, DarkKnown: true}},
		{"defaults", gnome{"1.0\n", "false\n", "'default'\n", "'Adwaita'\n"},
			Look{TextSize: 100, DarkKnown: true}},
		{"prefer light", gnome{"", "", "'prefer-light'\n", ""}, Look{DarkKnown: true}},
		{"HighContrastInverse theme", gnome{"2.0\n", "false\n", "", "'HighContrastInverse'\n"},
			Look{TextSize: 200, HighContrast: true, Dark: true, DarkKnown: true}},
		{"HighContrastInverse beats prefer-light", gnome{"", "", "'prefer-light'\n", "'HighContrastInverse'\n"},
			Look{HighContrast: true, Dark: true, DarkKnown: true}},
		{"HighContrast theme", gnome{"", "", "", "'HighContrast'\n"}, Look{HighContrast: true}},
		{"no a11y schema", gnome{"1.5\n", "", "'prefer-dark'\n", ""}, Look{TextSize: 150, Dark: true, DarkKnown: true}},
		{"garbage", gnome{"big\n", "yes\n", "'purple'\n", "HighContrast-ish\n"}, Look{}},
		{"zero scale", gnome{"0.0\n", "", "", ""}, Look{}},
		{"negative scale", gnome{"-1.25\n", "", "", ""}, Look{}},
		{"NaN scale", gnome{"nan\n", "", "", ""}, Look{}},
		{"huge scale", gnome{"12.0\n", "", "", ""}, Look{}},
		{"nothing set", gnome{}, Look{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := readWith(context.Background(), tt.g.runner(t), env(nil))
			if got != tt.want {
				t.Errorf("readWith = %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestReadWithGsettingsMissing(t *testing.T) {
	if got := readWith(context.Background(), failing(notFound("gsettings")), env(nil)); got != (Look{}) {
		t.Errorf("readWith = %+v, want the zero Look", got)
	}
}

func TestReadWithFyneScale(t *testing.T) {
	tests := []struct {
		name, fyneScale string
		run             runner
		want            int
	}{
		{"fallback", "1.5", failing(notFound("gsettings")), 150},
		{"fallback rounds", "1.333", failing(notFound("gsettings")), 133},
		{"desktop wins", "2", gnome{scale: "1.25\n"}.runner(t), 125},
		{"nonsense desktop value falls back", "2", gnome{scale: "0\n"}.runner(t), 200},
		{"invalid FYNE_SCALE", "abc", failing(notFound("gsettings")), 0},
		{"zero FYNE_SCALE", "0", failing(notFound("gsettings")), 0},
		{"negative FYNE_SCALE", "-1", failing(notFound("gsettings")), 0},
		{"unset", "", failing(notFound("gsettings")), 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := readWith(context.Background(), tt.run, env(map[string]string{"FYNE_SCALE": tt.fyneScale}))
			if got.TextSize != tt.want {
				t.Errorf("TextSize = %d, want %d", got.TextSize, tt.want)
			}
		})
	}
}

func TestReadWithHungCommand(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	done := make(chan Look, 1)
	go func() { done <- readWith(ctx, blocking, env(map[string]string{"FYNE_SCALE": "1.5"})) }()
	select {
	case got := <-done:
		if want := (Look{TextSize: 150}); got != want {
			t.Errorf("readWith = %+v, want %+v", got, want)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("readWith did not return after its deadline")
	}
}

func TestReadWithBudget(t *testing.T) {
	var deadlines []time.Time
	run := func(ctx context.Context, _ string, _ ...string) (string, error) {
		d, ok := ctx.Deadline()
		if !ok {
			t.Error("command ran without a deadline")
		}
		deadlines = append(deadlines, d)
		return "", notFound("gsettings")
	}
	start := time.Now()
	readWith(context.Background(), run, env(nil))
	end := time.Now()
	if len(deadlines) == 0 {
		t.Fatal("no command ran")
	}
	for _, d := range deadlines {
		if d != deadlines[0] {
			t.Errorf("deadlines %v differ: the budget must be for all commands together", deadlines)
		}
	}
	if d := deadlines[0]; d.Before(start.Add(budget)) || d.After(end.Add(budget)) {
		t.Errorf("deadline %v after start, want %v after the call", d.Sub(start), budget)
	}
}
