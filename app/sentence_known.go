package app

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"regexp"

	"github.com/describer/describer/inference"
	"github.com/describer/describer/inference/imaging"
	"github.com/describer/describer/inference/ocr"
	"github.com/describer/describer/internal/usererr"
	"github.com/describer/describer/models"
	"github.com/describer/describer/speech"
)

// spoken pairs a kind of failure with what the user hears for it.
type spoken struct {
	kind error
	say  string
}

// knownSentences are the failures worded for the user, the most specific
// first (a damaged OCR model matches both the OCR and the damaged kinds).
var knownSentences = []spoken{
	{context.Canceled, "Stopped."},
	{ErrNothingDescribed, "Nothing has been described yet; describe something first, then ask for more."},
	{ErrOneLevel, "This caption model has one level of detail; Florence-2 has three."},
	{context.DeadlineExceeded, "That took too long and was stopped."},
	{usererr.ErrRuntime, "The AI runtime, ONNX Runtime, is missing or cannot be used; Describer can download it again."},
	{usererr.ErrDevice, "The chosen graphics processor cannot be used; choose Automatic in Settings to use the processor."},
	{ocr.ErrNoModel, "The text reader's files are not installed; Describer can download them."},
	{inference.ErrNoModel, "The caption model is not installed; Describer can download it."},
	{usererr.ErrModelDamaged, "A model's files are damaged; Describer can download them again."},
	{inference.ErrBadModel, "The caption model's files are incomplete or damaged; Describer can download them again."},
	{imaging.ErrDamagedImage, "The image file is damaged or incomplete."},
	{imaging.ErrUnsupportedImage, "That is not an image Describer can read: it reads PNG, JPEG, GIF, BMP, TIFF and WebP."},
	{imaging.ErrEmptyImage, "The image is empty: there is nothing to describe."},
	{imaging.ErrImageTooLarge, fmt.Sprintf("The image is too large to describe: the limit is %d megapixels.", imaging.MaxPixels/1_000_000)},
	{speech.ErrNoAudioDevice, "No sound device was found; descriptions are shown as text."},
	{models.ErrOffline, "The download server cannot be reached; is this computer offline?"},
	{models.ErrTimeout, "The download server stopped answering; try again later."},
	{models.ErrNoSpace, "There is not enough free disk space for the download."},
	{models.ErrHashMismatch, "A downloaded file was not the published one, so it was not installed."},
	{models.ErrNotFound, "The download server does not have the model's files; try again later."},
	{models.ErrServer, "The download server failed; try again later."},
	{models.ErrNPM, "The download through npm failed; try again later."},
}

// known returns the sentence for err's kind, or "".
func known(err error) string {
	var crash *CrashError
	if errors.As(err, &crash) {
		return sentence(crash.Error())
	}
	for _, k := range knownSentences {
		if errors.Is(err, k.kind) {
			return k.say
		}
	}
	return fileSentence(err)
}

// fileSentence words a file that is missing or may not be read, naming
// the file but not its folder.
func fileSentence(err error) string {
	var pe *fs.PathError
	name, object := "That file", "that file"
	if errors.As(err, &pe) && pe.Path != "" {
		name = filepath.Base(pe.Path)
		object = name
	}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return name + " does not exist."
	case errors.Is(err, fs.ErrPermission):
		return "Describer is not allowed to open " + object + "."
	}
	return ""
}

// technicalWords are signs of detail meant for a log, not for speech.
var technicalWords = regexp.MustCompile(`(?i)(^|[\s("'])(--?[a-z][a-z-]*[a-z]\b|~?/[^\s]+|\.{1,2}/|[a-z]:\\)|` +
	`\bprotobuf\b|\bwire type\b|\bbyte \d|\boffset\b|\.sh\b|\b0x[0-9a-f]+|\bgoroutine\b|\bpanic\b`)

// technical reports whether s holds a path, a flag, a byte offset or
// another detail meant for a log.
func technical(s string) bool { return technicalWords.MatchString(s) }
