package piper

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
)

// Phoneme types a voice's phoneme_type may name.
const (
	// PhonemeTypeESpeak voices take eSpeak NG's IPA phonemes (the default).
	PhonemeTypeESpeak = "espeak"
	// PhonemeTypeText voices take the text's own characters.
	PhonemeTypeText = "text"
)

// The phonemes every Piper phoneme_id_map must have.
const (
	// BOS starts every sentence.
	BOS = "^"
	// EOS ends every sentence.
	EOS = "$"
	// Pad follows BOS and every phoneme.
	Pad = "_"
)

// Config is what a voice's NAME.onnx.json says about running it.
type Config struct {
	// SampleRate is audio.sample_rate: 16000 for "low" voices, 22050 for
	// "medium" and "high" ones. Required.
	SampleRate int
	// ESpeakVoice is espeak.voice, the eSpeak NG voice that phonemizes
	// text, such as "en-us". Required when PhonemeType is "espeak".
	ESpeakVoice string
	// PhonemeType is phoneme_type: [PhonemeTypeESpeak] (the default) or
	// [PhonemeTypeText].
	PhonemeType string
	// PhonemeIDMap is phoneme_id_map: the ids of each phoneme (one Unicode
	// code point, or a few). Required, with ids for ^, _ and $.
	PhonemeIDMap map[string][]int64
	// NoiseScale, LengthScale and NoiseW are inference.noise_scale (default
	// 0.667), inference.length_scale (default 1) and inference.noise_w
	// (default 0.8).
	NoiseScale, LengthScale, NoiseW float32
	// NumSpeakers is num_speakers (default 1).
	NumSpeakers int
	// SpeakerIDMap is speaker_id_map: speaker names to speaker ids.
	SpeakerIDMap map[string]int64
}

// rawConfig is the JSON layout; pointers tell missing fields from zeros.
type rawConfig struct {
	Audio *struct {
		SampleRate *int `json:"sample_rate"`
	} `json:"audio"`
	ESpeak *struct {
		Voice string `json:"voice"`
	} `json:"espeak"`
	PhonemeType  string             `json:"phoneme_type"`
	PhonemeIDMap map[string][]int64 `json:"phoneme_id_map"`
	Inference    *struct {
		NoiseScale  *float32 `json:"noise_scale"`
		LengthScale *float32 `json:"length_scale"`
		NoiseW      *float32 `json:"noise_w"`
	} `json:"inference"`
	NumSpeakers  *int             `json:"num_speakers"`
	SpeakerIDMap map[string]int64 `json:"speaker_id_map"`
}

// ReadConfig reads and checks the voice config at path.
func ReadConfig(path string) (Config, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return Config{}, fmt.Errorf("piper: voice config %s does not exist", path)
	}
	if err != nil {
		return Config{}, fmt.Errorf("piper: read voice config: %w", err)
	}
	return ParseConfig(data, path)
}

// ParseConfig parses and checks a voice config; name (its file name) is for
// messages. Every error is one sentence naming the file and the field.
func ParseConfig(data []byte, name string) (Config, error) {
	var raw rawConfig
	if err := json.Unmarshal(data, &raw); err != nil {
		return Config{}, fmt.Errorf("piper: voice config %s is not valid JSON: %v", name, err)
	}
	bad := func(format string, args ...any) (Config, error) {
		return Config{}, fmt.Errorf("piper: voice config %s %s", name, fmt.Sprintf(format, args...))
	}
	c := Config{PhonemeType: raw.PhonemeType, PhonemeIDMap: raw.PhonemeIDMap, SpeakerIDMap: raw.SpeakerIDMap,
		NoiseScale: 0.667, LengthScale: 1, NoiseW: 0.8, NumSpeakers: 1}
	if raw.Audio == nil || raw.Audio.SampleRate == nil {
		return bad("has no audio.sample_rate")
	}
	if c.SampleRate = *raw.Audio.SampleRate; c.SampleRate < 1000 || c.SampleRate > 384000 {
		return bad("has audio.sample_rate %d, which is not a usable sample rate", c.SampleRate)
	}
	switch c.PhonemeType {
	case "":
		c.PhonemeType = PhonemeTypeESpeak
	case PhonemeTypeESpeak, PhonemeTypeText:
	default:
		return bad("has phoneme_type %q; Describer supports only %q and %q", c.PhonemeType, PhonemeTypeESpeak, PhonemeTypeText)
	}
	if raw.ESpeak != nil {
		c.ESpeakVoice = strings.TrimSpace(raw.ESpeak.Voice)
	}
	if c.PhonemeType == PhonemeTypeESpeak && c.ESpeakVoice == "" {
		return bad("has no espeak.voice")
	}
	if err := checkIDMap(c.PhonemeIDMap); err != "" {
		return bad("%s", err)
	}
	if in := raw.Inference; in != nil {
		for _, f := range []struct {
			v   *float32
			dst *float32
		}{{in.NoiseScale, &c.NoiseScale}, {in.LengthScale, &c.LengthScale}, {in.NoiseW, &c.NoiseW}} {
			if f.v != nil {
				*f.dst = *f.v
			}
		}
	}
	if c.LengthScale <= 0 {
		return bad("has inference.length_scale %v; it must be above 0", c.LengthScale)
	}
	if raw.NumSpeakers != nil {
		c.NumSpeakers = *raw.NumSpeakers
	}
	if c.NumSpeakers < 1 {
		return bad("has num_speakers %d; it must be at least 1", c.NumSpeakers)
	}
	for name, id := range c.SpeakerIDMap {
		if id < 0 || id >= int64(c.NumSpeakers) {
			return bad("has speaker_id_map[%q] = %d, outside 0 to %d", name, id, c.NumSpeakers-1)
		}
	}
	return c, nil
}

// checkIDMap returns what is wrong with a phoneme_id_map, or "".
func checkIDMap(m map[string][]int64) string {
	if len(m) == 0 {
		return "has no phoneme_id_map"
	}
	for _, p := range []string{BOS, Pad, EOS} {
		if len(m[p]) == 0 {
			return fmt.Sprintf("has no ids for %q in its phoneme_id_map", p)
		}
	}
	for p, ids := range m {
		for _, id := range ids {
			if id < 0 {
				return fmt.Sprintf("has a negative id for %q in its phoneme_id_map", p)
			}
		}
	}
	return ""
}
