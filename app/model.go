package app

import (
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/describer/describer/app/i18n"
)

// Model is a model loaded on first need, once: the Service holds one for
// its captioner and one for its text reader. A failed load is remembered
// and returned again, until Reset (after a download) lets the next Get try
// again. The zero value with Open set is a required model, as the command
// line uses them; set Optional, Installed and On for one the app can do
// without. Its methods are safe for concurrent use; a nil *Model is a model
// that is not configured.
type Model[T any] struct {
	// What names the model in sentences: "The caption model".
	What string
	// Open loads the model; nil means it is not configured (ErrNoModel).
	Open func() (T, error)
	// Installed, when set, reports whether the model's files are there.
	// While they are not, Get returns ErrUnavailable with Missing and does
	// not try to load.
	Installed func() bool
	// On, when set, reports whether the user wants the model now. While
	// not, Get returns ErrUnavailable with Off.
	On func() bool
	// Missing and Off say why the model is left out: "the caption model is
	// not installed; …", "describing the picture is turned off in Settings".
	Missing, Off string
	// Optional makes a failed load ErrUnavailable, with the sentence
	// "<What> cannot be used: <Sentence(err)>", so descriptions go on without the
	// model; otherwise Get returns Open's error itself.
	Optional bool
	// Note, when set, is asked after a load until it returns a sentence
	// ("Florence-2 is not installed, so the small caption model …"),
	// which is told once.
	Note func() string
	// Tell, when set, is told the sentences a person must hear about the
	// model (the app says them): an optional model's failed load, once for
	// each failure, and Note.
	Tell func(msg string)

	mu     sync.Mutex
	v      T
	loaded bool
	noted  bool // Note was told
	err    error
	took   time.Duration
}

// Loaded returns a Model that holds v, already open.
func Loaded[T any](v T) *Model[T] {
	return &Model[T]{Open: func() (T, error) { return v, nil }}
}

// Get returns the loaded model, loading it first if need be, or says why
// it cannot: ErrUnavailable (turned off, not installed, or an optional
// model that failed to load), ErrNoModel (no Open), or Open's error.
func (m *Model[T]) Get() (T, error) {
	var zero T
	if m == nil {
		return zero, fmt.Errorf("%w: no model configured", ErrNoModel)
	}
	if m.On != nil && !m.On() {
		return zero, fmt.Errorf("%w: %s", ErrUnavailable, m.Off)
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	switch {
	case m.loaded:
		return m.v, nil
	case m.err != nil:
		return zero, m.err
	case m.Open == nil:
		m.err = fmt.Errorf("%w: %s is not configured", ErrNoModel, m.name())
		return zero, m.err
	case m.Installed != nil && !m.Installed():
		return zero, fmt.Errorf("%w: %s", ErrUnavailable, m.Missing)
	}
	start := time.Now()
	v, err := m.Open()
	m.took += time.Since(start)
	if err != nil {
		m.err = m.failed(err)
		return zero, m.err
	}
	m.v, m.loaded = v, true
	if m.Note != nil && m.Tell != nil && !m.noted {
		if note := m.Note(); note != "" {
			m.noted = true
			m.Tell(Sentence(errors.New(note)))
		}
	}
	return v, nil
}

// failed is what Get returns, and keeps returning, for a failed load.
func (m *Model[T]) failed(err error) error {
	if !m.Optional {
		return err
	}
	msg := i18n.T("model.unusable", "What", m.name(), "Problem", Sentence(err))
	if m.Tell != nil {
		m.Tell(msg)
	}
	return fmt.Errorf("%w: %s", ErrUnavailable, msg)
}

func (m *Model[T]) name() string {
	if m.What == "" {
		return "model"
	}
	return m.What
}

// Reset forgets a failed load, so the next Get tries again: after a
// download installed the model's files.
func (m *Model[T]) Reset() {
	if m == nil {
		return
	}
	m.mu.Lock()
	m.err = nil
	m.mu.Unlock()
}

// Loaded reports whether the model has been loaded.
func (m *Model[T]) Loaded() bool {
	if m == nil {
		return false
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.loaded
}

// Err is the remembered failure of the last load, or nil.
func (m *Model[T]) Err() error {
	if m == nil {
		return nil
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.err
}

// LoadTime is how long loading took so far.
func (m *Model[T]) LoadTime() time.Duration {
	if m == nil {
		return 0
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.took
}

// Close releases the loaded model when it has a Close method, once: a
// later Get loads it again.
func (m *Model[T]) Close() error {
	if m == nil {
		return nil
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	c, ok := any(m.v).(interface{ Close() error })
	loaded := m.loaded
	var zero T
	m.v, m.loaded = zero, false // closed once; a later Get loads again
	if ok && loaded {
		return c.Close()
	}
	return nil
}
