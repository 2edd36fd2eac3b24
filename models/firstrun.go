package models

import (
	"errors"
	"fmt"
	"strings"
)

// MissingNote says in one sentence which sets are missing, why (from the
// error that stopped the first of them, if any), what still works without
// them, and the one command that fetches them: what "models pull
// --first-run" prints. (The desktop app words its own note, in terms of
// the app rather than of commands.)
func MissingNote(missing []Set, cause error) string {
	if len(missing) == 0 {
		return ""
	}
	var names, sized []string
	for _, s := range missing {
		names = append(names, s.Name)
		sized = append(sized, fmt.Sprintf("%s (%s)", s.Name, FormatBytes(s.Size())))
	}
	var b strings.Builder
	b.WriteString("not installed: " + joinAnd(sized))
	var fe *FetchError
	switch {
	case errors.As(cause, &fe) && errors.Is(cause, ErrOffline) && fe.Source.Package == "":
		fmt.Fprintf(&b, ", because %s cannot be reached", fe.Source.Host())
	case errors.As(cause, &fe):
		fmt.Fprintf(&b, ", because %s", cause.Error())
	case cause != nil:
		fmt.Fprintf(&b, ", because %s", cause.Error())
	}
	var works []string
	for _, s := range missing {
		switch s.Kind {
		case KindCaption:
			works = append(works, "describe --ocr-only still reads the text of images")
		case KindVoice:
			works = append(works, "speech uses eSpeak NG")
		case KindOCR:
			works = append(works, "describe --no-ocr still captions images")
		case KindRuntime:
			works = append(works, "nothing that runs a model works until ONNX Runtime is installed")
		}
	}
	if len(works) > 0 {
		fmt.Fprintf(&b, "; meanwhile %s", joinAnd(dedupe(works)))
	}
	fmt.Fprintf(&b, "; run \"describer models pull %s\" to fetch them", strings.Join(names, " "))
	return b.String()
}

func joinAnd(items []string) string {
	if len(items) < 2 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}

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
