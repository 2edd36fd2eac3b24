package app

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/describer/describer/app/i18n"
)

// Sentence turns err into the one short sentence the user hears and sees:
// a known kind of failure (a missing or damaged model, no runtime, an
// unreadable image, no sound, a failed download…) gets a short sentence
// that says what the user can do; any other error its own first line with
// the operation prefixes Go errors gather ("ocr: load detector: ")
// stripped, capitalised, with a full stop. A sentence that would still
// hold technical detail (a path, a command-line flag, a byte offset, a
// protobuf word, a script) becomes "That did not work; the details are in
// the log.": the caller logs err itself. nil gives "".
func Sentence(err error) string {
	if err == nil {
		return ""
	}
	if s := known(err); s != "" {
		return s
	}
	s := cleanLine(err)
	if technical(s) || i18n.Current() != i18n.English {
		// Go's errors are in English: another language hears that
		// something failed, and the log has the details.
		return i18n.T("err.see-log")
	}
	return s
}

// cleanLine is err's first line with the operation prefixes stripped, as a
// sentence.
func cleanLine(err error) string {
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
		return i18n.T("err.something")
	}
	r, n := utf8.DecodeRuneInString(s)
	s = string(unicode.ToUpper(r)) + s[n:]
	if !strings.ContainsAny(s[len(s)-1:], ".!?") {
		s += "."
	}
	return s
}

// Plain returns an error whose text is already the sentence for the user,
// in the user's language (from the message catalog): Sentence says it as
// it is.
func Plain(sentence string) error { return plainError(sentence) }

type plainError string

func (e plainError) Error() string { return string(e) }
