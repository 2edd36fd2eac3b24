package engine

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/describer/describer/models"
)

// VoicesDir returns the folder of installed Piper voices in dataDir
// ("" means models.DataDir()).
func VoicesDir(dataDir string) string {
	if dataDir == "" {
		dataDir = models.DataDir()
	}
	return filepath.Join(dataDir, "voices")
}

// english reports whether a language code means English ("" does).
func english(lang string) bool { return lang == "" || lang == "en" }

// InstalledPiperVoiceFor is InstalledPiperVoice for text in language lang
// (an ISO 639-1 code; "" is English): for another language, the first
// voice by name that Piper names for it (de_DE-thorsten-medium.onnx for
// "de"), or "" when none is installed.
func InstalledPiperVoiceFor(dataDir, lang string) string {
	if english(lang) {
		return InstalledPiperVoice(dataDir)
	}
	found, _ := filepath.Glob(filepath.Join(VoicesDir(dataDir), lang+"_*.onnx"))
	sort.Strings(found)
	for _, f := range found {
		if _, err := os.Stat(f + ".json"); err == nil {
			return f
		}
	}
	return ""
}

// otherLanguage matches Piper's names of voices in languages other than
// English ("de_DE-thorsten-medium.onnx").
var otherLanguage = regexp.MustCompile(`^([a-df-z][a-z]|e[a-mo-z])_[A-Z]{2}-`)

// InstalledPiperVoice returns the .onnx file of the Piper voice Auto and
// Piper use when no voice is named: the catalog's default voice when it is
// installed in VoicesDir(dataDir), else the first there by name that is
// not named for another language than English (Piper names voices
// de_DE-thorsten-medium: Describer speaks English, which a German voice
// reads badly), or "" when none is. A voice counts as installed when
// NAME.onnx has its NAME.onnx.json.
func InstalledPiperVoice(dataDir string) string {
	dir := VoicesDir(dataDir)
	all, _ := filepath.Glob(filepath.Join(dir, "*.onnx"))
	found := slices.DeleteFunc(all, func(f string) bool { return otherLanguage.MatchString(filepath.Base(f)) })
	sort.Strings(found)
	if def, ok := models.Lookup("voice"); ok {
		for _, f := range def.Files {
			if strings.HasSuffix(f.Path, ".onnx") {
				found = append([]string{filepath.Join(dir, filepath.FromSlash(f.Path))}, found...)
			}
		}
	}
	for _, f := range found {
		if _, err := os.Stat(f + ".json"); err == nil {
			return f
		}
	}
	return ""
}
