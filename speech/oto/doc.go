// Package oto plays speech through the computer's sound device with
// github.com/hajimehoshi/oto/v2; it is the only package that imports oto.
//
// oto allows one audio context per process, at one sample rate, so every
// Player shares a context at the rate the first call to New (or Open)
// asks for. Later calls get a Player at that same rate whatever they ask
// for (Player.SampleRate says which); speech.Speaker resamples to it. The
// context is suspended whenever nothing plays, so an idle program uses no
// CPU even on devices (such as ALSA's null and file devices) that accept
// samples faster than real time.
//
// When no sound device can be opened, New returns an error that wraps
// speech.ErrNoAudioDevice and reads as one sentence. The failure is not
// remembered: a later New or Play tries again, at most once every few
// seconds, and so does a Play after the device went away, so sound that
// was missing at start comes back without a restart. Open returns a
// Player even then, for programs that open the device once. oto does not
// support a second context, but its ALSA driver (Linux and the BSDs)
// keeps no state that one clashes with, so there a new context replaces a
// failed one (unless the failure left the device open). On macOS and Windows a second context is unsafe or leaks a
// thread, and the first failure stays for the life of the process (oto
// there follows changes of device itself). Builds without cgo on Linux, the
// other Unix systems and Intel Macs have no sound (ALSA needs cgo; on
// darwin/amd64 oto's cgo-free path, purego v0.4.1, does not compile with
// Go 1.26), and there New always returns that error.
package oto
