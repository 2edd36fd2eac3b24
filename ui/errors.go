package ui

import (
	"context"
	"errors"
	"strings"
	"unicode"
	"unicode/utf8"
)

// ErrorSentence turns err into one short sentence to show and speak: the
// operation prefixes Go errors gather ("ocr: load detector: ") are
// stripped, the first letter is capitalised and the sentence ends with a
// full stop. A cancelled job reads "Stopped."; nil gives "".
func ErrorSentence(err error) string {
	switch {
	case err == nil:
		return ""
	case errors.Is(err, context.Canceled):
		return "Stopped."
	case errors.Is(err, context.DeadlineExceeded):
		return "That took too long and was stopped."
	}
	msg := firstLine(err.Error())
	parts := strings.Split(msg, ": ")
	for len(parts) > 1 && isPrefix(parts[0]) {
		parts = parts[1:]
	}
	return sentence(strings.Join(parts, ": "))
}

// firstLine returns the first non-blank line of msg, trimmed: errors.Join
// puts one error on each line and the first is the one that matters.
func firstLine(msg string) string {
	for line := range strings.Lines(msg) {
		if line = strings.TrimSpace(line); line != "" {
			return line
		}
	}
	return ""
}

// isPrefix reports whether part looks like an operation prefix of a wrapped
// Go error, such as "ocr", "load detector" or `open "/a/b.onnx"`: at most
// three words, none with an upper-case letter, the last perhaps a quoted
// or path argument.
func isPrefix(part string) bool {
	if i := strings.IndexByte(part, '"'); i > 0 && strings.HasSuffix(part, `"`) {
		part = part[:i] // a quoted argument, such as a file name
	}
	words := strings.Fields(part)
	if n := len(words); n > 1 && strings.ContainsAny(words[n-1], `/\`) {
		words = words[:n-1] // a path argument
	}
	if len(words) == 0 || len(words) > 3 {
		return false
	}
	for _, w := range words {
		for _, r := range w {
			if !unicode.IsLower(r) && !unicode.IsDigit(r) && !strings.ContainsRune("_-.", r) {
				return false
			}
		}
	}
	return true
}

// sentence capitalises s and ends it with a full stop unless it already
// ends with one, a question mark or an exclamation mark.
func sentence(s string) string {
	s = strings.TrimRight(strings.TrimSpace(s), ":;, ")
	if s == "" {
		return "Something went wrong."
	}
	r, n := utf8.DecodeRuneInString(s)
	s = string(unicode.ToUpper(r)) + s[n:]
	if !strings.ContainsAny(s[len(s)-1:], ".!?") {
		s += "."
	}
	return s
}
