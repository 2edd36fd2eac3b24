package ui

import "github.com/describer/describer/app"

// ErrorSentence is the sentence the window shows and speaks for err:
// app.Sentence, the one wording of errors that the app and its window
// share.
func ErrorSentence(err error) string { return app.Sentence(err) }
