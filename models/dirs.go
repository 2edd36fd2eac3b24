// Package models knows where Describer keeps its models and runtime, and
// what the published model sets are. Weights never go into git: they live
// in the user's data directory.
package models

import (
	"os"
	"path/filepath"
	"runtime"
)

// EnvHome names the environment variable that moves every Describer file
// (models, runtime, settings) under one folder.
const EnvHome = "DESCRIBER_HOME"

// DataDir returns the folder for models and the ONNX Runtime library:
// $DESCRIBER_HOME if set; else $XDG_DATA_HOME/describer or
// ~/.local/share/describer on Linux and BSD, ~/Library/Application
// Support/Describer on macOS, %LOCALAPPDATA%\Describer on Windows.
func DataDir() string {
	if h := os.Getenv(EnvHome); h != "" {
		return h
	}
	home, _ := os.UserHomeDir()
	switch runtime.GOOS {
	case "windows":
		if d := os.Getenv("LOCALAPPDATA"); d != "" {
			return filepath.Join(d, "Describer")
		}
		return filepath.Join(home, "AppData", "Local", "Describer")
	case "darwin":
		return filepath.Join(home, "Library", "Application Support", "Describer")
	}
	if d := os.Getenv("XDG_DATA_HOME"); d != "" {
		return filepath.Join(d, "describer")
	}
	return filepath.Join(home, ".local", "share", "describer")
}

// ConfigDir returns the folder for settings: $DESCRIBER_HOME/config if
// DESCRIBER_HOME is set, else the platform's user config folder
// ($XDG_CONFIG_HOME or ~/.config on Linux) plus "describer".
func ConfigDir() string {
	if h := os.Getenv(EnvHome); h != "" {
		return filepath.Join(h, "config")
	}
	d, err := os.UserConfigDir()
	if err != nil {
		home, _ := os.UserHomeDir()
		d = filepath.Join(home, ".config")
	}
	return filepath.Join(d, "describer")
}

// GraphCacheDir returns the folder of ONNX Runtime's optimised graphs
// (ort.Options.GraphCache) under the data folder dataDir: cache/graphs.
// Deleting it only makes the next start slower.
func GraphCacheDir(dataDir string) string { return filepath.Join(dataDir, "cache", "graphs") }

// ModelsDir returns the folder that holds one sub-folder per model set.
func ModelsDir() string { return filepath.Join(DataDir(), "models") }

// Dir returns the folder of the model set s under the data folder, in the
// Hugging Face layout for Hugging Face models: ModelsDir()/FOLDER for
// models, DataDir()/voices for voices, DataDir()/runtime for the runtime.
func Dir(s Set) string { return DirIn(DataDir(), s) }

// DirIn is [Dir] under the data folder dataDir.
func DirIn(dataDir string, s Set) string {
	root := s.Root
	if root == "" {
		root = "models"
	}
	return filepath.Join(dataDir, root, filepath.FromSlash(s.Folder))
}
