package app

import (
	"context"
	"errors"
	"io/fs"
	"path/filepath"
	"regexp"

	"github.com/describer/describer/app/i18n"
	"github.com/describer/describer/inference"
	"github.com/describer/describer/inference/imaging"
	"github.com/describer/describer/inference/ocr"
	"github.com/describer/describer/internal/usererr"
	"github.com/describer/describer/models"
	"github.com/describer/describer/speech"
)

// spoken pairs a kind of failure with the message the user hears for it.
type spoken struct {
	kind error
	id   string // in the message catalog
}

// knownSentences are the failures worded for the user, the most specific
// first (a damaged OCR model matches both the OCR and the damaged kinds).
var knownSentences = []spoken{
	{context.Canceled, "err.stopped"},
	{ErrNothingDescribed, "err.nothing-described"},
	{ErrOneLevel, "err.one-level"},
	{context.DeadlineExceeded, "err.too-long"},
	{usererr.ErrRuntime, "err.runtime"},
	{usererr.ErrDevice, "err.device"},
	{ocr.ErrNoModel, "err.no-ocr"},
	{inference.ErrNoModel, "err.no-caption"},
	{usererr.ErrModelDamaged, "err.model-damaged"},
	{inference.ErrBadModel, "err.caption-damaged"},
	{imaging.ErrDamagedImage, "err.image-damaged"},
	{imaging.ErrUnsupportedImage, "err.image-unsupported"},
	{imaging.ErrEmptyImage, "err.image-empty"},
	{imaging.ErrImageTooLarge, "err.image-too-large"},
	{speech.ErrNoAudioDevice, "err.no-sound"},
	{models.ErrOffline, "err.offline"},
	{models.ErrTimeout, "err.timeout"},
	{models.ErrNoSpace, "err.no-space"},
	{models.ErrHashMismatch, "err.hash"},
	{models.ErrNotFound, "err.not-found"},
	{models.ErrServer, "err.server"},
	{models.ErrNPM, "err.npm"},
	{ErrHistorySetAside, "err.history-set-aside"},
}

// known returns the sentence for err's kind, or "".
func known(err error) string {
	var plain plainError
	if errors.As(err, &plain) {
		return string(plain)
	}
	var crash *CrashError
	if errors.As(err, &crash) {
		if i18n.Current() == i18n.English {
			return sentence(crash.Error())
		}
		return i18n.T("err.crashed")
	}
	for _, k := range knownSentences {
		if errors.Is(err, k.kind) {
			return i18n.ByID(k.id, "Megapixels", imaging.MaxPixels/1_000_000)
		}
	}
	return fileSentence(err)
}

// fileSentence words a file that is missing or may not be read, naming
// the file but not its folder.
func fileSentence(err error) string {
	var pe *fs.PathError
	named := errors.As(err, &pe) && pe.Path != ""
	switch {
	case errors.Is(err, fs.ErrNotExist) && named:
		return i18n.T("err.file-missing", "Name", filepath.Base(pe.Path))
	case errors.Is(err, fs.ErrNotExist):
		return i18n.T("err.that-file-missing")
	case errors.Is(err, fs.ErrPermission) && named:
		return i18n.T("err.file-forbidden", "Name", filepath.Base(pe.Path))
	case errors.Is(err, fs.ErrPermission):
		return i18n.T("err.that-file-forbidden")
	}
	return ""
}

// technicalWords are signs of detail meant for a log, not for speech.
var technicalWords = regexp.MustCompile(`(?i)(^|[\s("'])(--?[a-z][a-z-]*[a-z]\b|~?/[^\s]+|\.{1,2}/|[a-z]:\\)|` +
	`\bprotobuf\b|\bwire type\b|\bbyte \d|\boffset\b|\.sh\b|\b0x[0-9a-f]+|\bgoroutine\b|\bpanic\b`)

// technical reports whether s holds a path, a flag, a byte offset or
// another detail meant for a log.
func technical(s string) bool { return technicalWords.MatchString(s) }
