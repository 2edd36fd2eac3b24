package modelscli

import (
	"errors"
	"fmt"
	"strings"

	"github.com/describer/describer/models"
)

// MissingNote says in one sentence which sets are missing, why (from the
// error that stopped the first of them, if any), what still works without
// them, and the one command that fetches them: what "models pull
// --first-run" prints. (The desktop app words its own note, in terms of
// the app rather than of commands.)
func MissingNote(missing []models.Set, cause error) string {
	if len(missing) == 0 {
		return ""
	}
	var sized []string
	for _, s := range missing {
		sized = append(sized, fmt.Sprintf("%s (%s)", s.Name, models.FormatBytes(s.Size())))
	}
	var b strings.Builder
	b.WriteString("not installed: " + joinAnd(sized))
	var fe *models.FetchError
	switch {
	case errors.As(cause, &fe) && errors.Is(cause, models.ErrOffline) && fe.Source.Package == "":
		fmt.Fprintf(&b, ", because %s cannot be reached", fe.Source.Host())
	case cause != nil:
		fmt.Fprintf(&b, ", because %s", cause.Error())
	}
	if works := meanwhile(missing); len(works) > 0 {
		fmt.Fprintf(&b, "; meanwhile %s", joinAnd(works))
	}
	fmt.Fprintf(&b, "; run %q to fetch them", models.PullCommand(missing...))
	return b.String()
}

// meanwhile says what still works without the missing sets.
func meanwhile(missing []models.Set) []string {
	var works []string
	for _, s := range missing {
		switch s.Kind {
		case models.KindCaption:
			if models.SmallCaptionInstalled() {
				works = append(works, "describe captions with the small model, in one level of detail")
			} else {
				works = append(works, "describe still reads the text of images")
			}
		case models.KindVoice:
			works = append(works, "speech uses eSpeak NG")
		case models.KindQuestion:
			works = append(works, "descriptions work; only questions about an image wait for it")
		case models.KindOCR:
			works = append(works, "describe --no-ocr still captions images")
		case models.KindRuntime:
			works = append(works, "nothing that runs a model works until ONNX Runtime is installed")
		}
	}
	return dedupe(works)
}

// joinAnd lists items as "a, b and c".
func joinAnd(items []string) string {
	if len(items) < 2 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}

// dedupe returns items without repeats, in order.
func dedupe(items []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, it := range items {
		if !seen[it] {
			seen[it] = true
			out = append(out, it)
		}
	}
	return out
}

// plural renders n with the singular or plural phrase: "1 file", "2 files".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
