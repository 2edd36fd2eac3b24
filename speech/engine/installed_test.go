package engine

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/describer/describer/models"
)

func TestInstalledPiperVoicePrefersTheDefault(t *testing.T) {
	home := t.TempDir()
	if got := InstalledPiperVoice(home); got != "" {
		t.Fatalf("no voices installed, got %q", got)
	}
	installVoice(t, home, "de_DE-thorsten-medium.onnx") // not English: never chosen for English text
	if got := InstalledPiperVoice(home); got != "" {
		t.Fatalf("only a German voice installed, got %q", got)
	}
	installVoice(t, home, "en_GB-alan-low.onnx")
	// No .json: not a usable voice.
	if err := os.WriteFile(filepath.Join(VoicesDir(home), "en_US-lessac-medium.onnx"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := InstalledPiperVoice(home); filepath.Base(got) != "en_GB-alan-low.onnx" {
		t.Errorf("one voice: got %q", got)
	}
	installVoice(t, home, "en_US-ljspeech-medium.onnx")
	if got := InstalledPiperVoice(home); filepath.Base(got) != "en_US-ljspeech-medium.onnx" {
		t.Errorf("with the default voice installed: got %q", got)
	}
}

func TestInstalledPiperVoiceInTheDataFolder(t *testing.T) {
	home := t.TempDir()
	t.Setenv(models.EnvHome, home)
	want := installVoice(t, home, "en_GB-alan-low.onnx")
	if got := InstalledPiperVoice(""); got != want {
		t.Errorf("InstalledPiperVoice(\"\") = %q, want %q", got, want)
	}
}
