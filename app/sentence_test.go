package app_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/png"
	"io/fs"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/describer/describer/app"
	"github.com/describer/describer/inference"
	"github.com/describer/describer/inference/imaging"
	"github.com/describer/describer/inference/ocr"
	"github.com/describer/describer/inference/ort"
	"github.com/describer/describer/inference/vitgpt2"
	"github.com/describer/describer/internal/usererr"
	"github.com/describer/describer/models"
	"github.com/describer/describer/speech"
	"github.com/describer/describer/ui/hotkey"
)

// technicalDetail is what a sentence for the window must never hold: a
// file path, a command-line flag, a byte offset, a protobuf word, a script.
var technicalDetail = regexp.MustCompile(`(^|[\s("'])(~|\.{1,2})?/\w|\w/\w+/|\\|--|\bbyte\b|protobuf|wire type|\.sh\b|setup|\.onnx\b|%!`)

// failures are the kinds of failure a user meets, each made the way the
// layer that fails makes it (really, where that needs no runtime or
// device; otherwise wrapped as that layer wraps it), with the sentence
// the window says.
func failures(t *testing.T) []struct {
	name string
	err  error
	want string
} {
	t.Helper()
	dir := t.TempDir()
	_, _, missingImage := imaging.LoadImage(filepath.Join(dir, "holiday photo.png"))
	_, _, notImage := imaging.DecodeImage(bytes.NewReader([]byte("this is a letter, not a picture")))
	var good bytes.Buffer
	if err := png.Encode(&good, image.NewGray(image.Rect(0, 0, 64, 64))); err != nil {
		t.Fatal(err)
	}
	_, _, truncated := imaging.DecodeImage(bytes.NewReader(good.Bytes()[:good.Len()/2]))
	_, noRuntime := ort.FindLibrary(ort.Options{LibraryPath: filepath.Join(dir, "libonnxruntime.so.1.24.1")})
	_, noCaption := vitgpt2.Load(filepath.Join(dir, "vit-gpt2-image-captioning"), nil, inference.CaptionOptions{})
	_, noOCR := ocr.Open(filepath.Join(dir, "ppocr-v4"), nil)
	damaged := fmt.Errorf("ocr: load detector %q: %w", "/home/ann/.local/share/describer/models/ppocr-v4/det.onnx",
		usererr.Newf(ort.ErrModelDamaged, errors.New("INVALID_PROTOBUF: Protobuf parsing failed"),
			"ort: %s is not a valid ONNX model (unsupported protobuf wire type 7 at byte 1)", "det.onnx"))
	return []struct {
		name string
		err  error
		want string
	}{
		{"image file missing", missingImage, "holiday photo.png does not exist."},
		{"not an image", notImage, "That is not an image Describer can read: it reads PNG, JPEG, GIF, BMP, TIFF and WebP."},
		{"damaged image", truncated, "The image file is damaged or incomplete."},
		{"huge image", fmt.Errorf("load: %w", imaging.ErrImageTooLarge), "The image is too large to describe: the limit is 100 megapixels."},
		{"empty image", imaging.ErrEmptyImage, "The image is empty: there is nothing to describe."},
		{"runtime missing", noRuntime, "The AI runtime, ONNX Runtime, is missing or cannot be used; Describer can download it again."},
		{"runtime too old", usererr.Newf(ort.ErrLibraryVersion, nil, "ort: %s is ONNX Runtime 1.16.3, which lacks C API 24 (run scripts/setup.sh, or pass --ort-lib PATH)", "/usr/lib/libonnxruntime.so"),
			"The AI runtime, ONNX Runtime, is missing or cannot be used; Describer can download it again."},
		{"graphics card unusable", usererr.Newf(ort.ErrDeviceUnavailable, nil, "ort: CUDA unavailable in this ONNX Runtime build; use --device cpu"),
			"The chosen graphics processor cannot be used; choose Automatic in Settings to use the processor."},
		{"caption model missing", noCaption, "The caption model is not installed; Describer can download it."},
		{"text reader missing", noOCR, "The text reader's files are not installed; Describer can download them."},
		{"model damaged", damaged, "A model's files are damaged; Describer can download them again."},
		{"no sound device", fmt.Errorf("speak: %w", usererr.New(`no sound device is available (ALSA: cannot open "default": No such file or directory); descriptions are still shown as text`, speech.ErrNoAudioDevice)),
			"No sound device was found; descriptions are shown as text."},
		{"offline", &models.FetchError{Set: "caption", File: "onnx/encoder_model_quantized.onnx", Source: models.Source{URL: "https://example.org/x"},
			Dir: "/home/ann/.local/share/describer/models/x", Manual: "https://example.org/tree/main", Err: models.ErrOffline},
			"The download server cannot be reached; is this computer offline?"},
		{"disk full", &models.SpaceError{Dir: "/home/ann/.local/share/describer", Need: 300e6, Free: 1e6}, "There is not enough free disk space for the download."},
		{"download not the published file", fmt.Errorf("pull: %w", models.ErrHashMismatch), "A downloaded file was not the published one, so it was not installed."},
		{"hotkey taken", usererr.New("Ctrl+Alt+D is already used by another program; choose another in Settings.", hotkey.ErrTaken),
			"Ctrl+Alt+D is already used by another program; choose another in Settings."},
		{"no display", usererr.New("Capturing the screen needs a graphical desktop (no display was found).", errors.New("capture: no display")),
			"Capturing the screen needs a graphical desktop (no display was found)."},
		{"not allowed to read", &fs.PathError{Op: "open", Path: "/home/bob/secret.png", Err: fs.ErrPermission}, "Describer is not allowed to open secret.png."},
		{"a job that panicked", &app.CrashError{Doing: "describing that", Value: "index out of range [3] with length 0", Stack: []byte("goroutine 7")},
			"Something went wrong describing that; the details are in the log."},
		{"stopped", fmt.Errorf("describe: %w", context.Canceled), "Stopped."},
		{"too slow", fmt.Errorf("describe: %w", context.DeadlineExceeded), "That took too long and was stopped."},
		{"unknown, prefix with a path", errors.New("open /var/lib/thing: input/output error"), "Input/output error."},
		{"unknown, a path inside", errors.New("the voice file /home/ann/v.onnx is broken"), "That did not work; the details are in the log."},
	}
}

// TestSentenceForEachFailure: what the user hears for each kind of
// failure is one short sentence with nothing technical in it.
func TestSentenceForEachFailure(t *testing.T) {
	for _, tc := range failures(t) {
		t.Run(tc.name, func(t *testing.T) {
			if tc.err == nil {
				t.Fatal("the failing call did not fail")
			}
			got := app.Sentence(tc.err)
			if got != tc.want {
				t.Errorf("Sentence(%q)\n got %q\nwant %q", tc.err, got, tc.want)
			}
			if technicalDetail.MatchString(got) {
				t.Errorf("%q holds technical detail", got)
			}
		})
	}
}

// TestSentenceCleansOtherErrors: an error of no known kind is its own
// first line, operation prefixes stripped, as one sentence.
func TestSentenceCleansOtherErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		err  error
		want string
	}{
		{"nil", nil, ""},
		{"package prefixes", fmt.Errorf("ocr: load detector: %w", errors.New("the model file is missing")), "The model file is missing."},
		{"quoted argument", fmt.Errorf("load image %q: %w", "a.png", errors.New("the picture is odd")), "The picture is odd."},
		{"keeps a full stop", errors.New("speech: Piper is not installed."), "Piper is not installed."},
		{"keeps a question", errors.New("is the screen locked?"), "Is the screen locked?"},
		{"a sentence is not a prefix", errors.New("the image is too wide: 20000×20 pixels"), "The image is too wide: 20000×20 pixels."},
		{"capitals are not a prefix", errors.New("ORT: CUDA is not available"), "ORT: CUDA is not available."},
		{"first line of a join", errors.Join(errors.New("capture: no display"), errors.New("close: ignored")), "No display."},
		{"only prefixes", errors.New("ocr: "), "Ocr."},
		{"blank", errors.New("  "), "Something went wrong."},
		{"unicode start", errors.New("émoji: ümlaut first"), "Ümlaut first."},
		{"a flag", errors.New("voice: pass --voice FILE.onnx"), "That did not work; the details are in the log."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := app.Sentence(tc.err); got != tc.want {
				t.Errorf("Sentence(%v) = %q, want %q", tc.err, got, tc.want)
			}
		})
	}
}
