package engine

import (
	"os"
	"path/filepath"
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

// InstalledPiperVoice returns the .onnx file of the Piper voice Auto and
// Piper use when no voice is named: the catalog's default voice when it is
// installed in VoicesDir(dataDir), else the first there by name, or "" when
// none is. A voice counts as installed when NAME.onnx has its NAME.onnx.json.
func InstalledPiperVoice(dataDir string) string {
	dir := VoicesDir(dataDir)
	found, _ := filepath.Glob(filepath.Join(dir, "*.onnx"))
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
