package app_test

import (
	"context"
	"errors"
	"image"
	"testing"

	"github.com/describer/describer/app"
	"github.com/describer/describer/app/apptest"
)

func TestSourceCaptures(t *testing.T) {
	screen, window, clip := image.NewGray(image.Rect(0, 0, 1, 1)), image.NewGray(image.Rect(0, 0, 2, 2)),
		image.NewGray(image.Rect(0, 0, 3, 3))
	d := &apptest.Desktop{ScreenImage: screen, WindowImage: window, ClipboardImage: clip}
	for _, tc := range []struct {
		source   app.Source
		want     image.Image
		onScreen bool
	}{
		{app.SourceScreen, screen, true},
		{app.SourceAllScreens, screen, true},
		{app.SourceWindow, window, true},
		{app.SourceClipboard, clip, false},
	} {
		t.Run(tc.source.String(), func(t *testing.T) {
			img, err := tc.source.Capture(context.Background(), d)
			if err != nil || img != tc.want {
				t.Errorf("Capture() = %T, %v", img, err)
			}
			if tc.source.OnScreen() != tc.onScreen {
				t.Errorf("OnScreen() = %v", !tc.onScreen)
			}
			if _, err := tc.source.Capture(context.Background(), nil); !errors.Is(err, app.ErrNoDesktop) {
				t.Errorf("without a desktop: %v", err)
			}
		})
	}
	if _, err := app.SourceFile.Capture(context.Background(), d); err == nil || app.SourceFile.OnScreen() {
		t.Error("a file was captured from the desktop")
	}
}
