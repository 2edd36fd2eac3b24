package piper

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/text/unicode/norm"

	"github.com/describer/describer/inference"
	"github.com/describer/describer/speech"
	"github.com/describer/describer/speech/espeak"
)

// The speaking rates, in words per minute, that [Voice.SetOptions] accepts;
// rates outside are clamped. A rate r divides the voice's length_scale by
// r/175.
const (
	MinRate = 40
	MaxRate = 1000
)

// Voice is a loaded Piper voice. It is a [speech.Synthesizer] and is safe
// for concurrent use (model runs are serialised by the session).
type Voice struct {
	// Skipped, when set before the voice is used, is called with every
	// phoneme that the voice's phoneme_id_map lacks and that was therefore
	// left out: a debugging aid, not an error.
	Skipped func(phoneme string)

	cfg  Config
	path string
	sess inference.Session
	io   binding

	mu    sync.Mutex // guards set, stats and closed
	set   settings
	stats Stats
	close sync.Once
}

var _ speech.Synthesizer = (*Voice)(nil)

// settings are the per-voice choices SetOptions and SetSpeaker make.
type settings struct {
	rate    int     // words per minute; 0 = the voice's own pace
	volume  float64 // 0-1; 0 = full
	speaker int64
}

// Stats counts what a voice has done since it was loaded or its stats were
// last reset. Wall ÷ Run says how much time Describer adds around ONNX
// Runtime.
type Stats struct {
	// Calls counts Synthesize calls that ran the model at least once.
	Calls int
	// Runs counts model runs: one per sentence.
	Runs int
	// Samples counts the samples returned.
	Samples int
	// Wall is the total time spent in those Synthesize calls.
	Wall time.Duration
	// Run is the part of Wall spent in the session's Run.
	Run time.Duration
	// Phonemize is the part of Wall spent turning text into phonemes.
	Phonemize time.Duration
}

// LoadVoice loads the Piper voice whose model is onnxPath, opening the model
// with open. Its config is onnxPath + ".json" (NAME.onnx.json), or else
// NAME.json. A missing file, a config without a required field, a damaged
// model or a model without Piper's inputs give one sentence naming the
// file.
func LoadVoice(onnxPath string, open inference.SessionOpener) (*Voice, error) {
	if _, err := os.Stat(onnxPath); errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("piper: voice model %s does not exist", onnxPath)
	}
	cfgPath, err := configPath(onnxPath)
	if err != nil {
		return nil, err
	}
	cfg, err := ReadConfig(cfgPath)
	if err != nil {
		return nil, err
	}
	sess, err := open(onnxPath)
	if err != nil {
		if strings.Contains(err.Error(), onnxPath) { // the runtime's message names the file
			return nil, fmt.Errorf("piper: cannot open voice: %w", err)
		}
		return nil, fmt.Errorf("piper: cannot open voice model %s: %w", onnxPath, err)
	}
	io, err := bind(sess, cfg, onnxPath)
	if err != nil {
		return nil, errors.Join(err, sess.Close())
	}
	return &Voice{cfg: cfg, path: onnxPath, sess: sess, io: io}, nil
}

// configPath finds the JSON config beside the model at onnxPath.
func configPath(onnxPath string) (string, error) {
	tried := []string{onnxPath + ".json"}
	if base, ok := strings.CutSuffix(onnxPath, ".onnx"); ok {
		tried = append(tried, base+".json")
	}
	for _, p := range tried {
		if _, err := os.Stat(p); err == nil {
			return p, nil
		}
	}
	return "", fmt.Errorf("piper: voice %s has no config file (looked for %s)", onnxPath, strings.Join(tried, " and "))
}

// Config returns the voice's config.
func (v *Voice) Config() Config { return v.cfg }

// SampleRate returns the rate of the audio Synthesize returns.
func (v *Voice) SampleRate() int { return v.cfg.SampleRate }

// Speakers returns the names in the voice's speaker_id_map, ordered by id.
func (v *Voice) Speakers() []string {
	names := make([]string, 0, len(v.cfg.SpeakerIDMap))
	for name := range v.cfg.SpeakerIDMap {
		names = append(names, name)
	}
	slices.SortFunc(names, func(a, b string) int {
		return int(v.cfg.SpeakerIDMap[a] - v.cfg.SpeakerIDMap[b])
	})
	return names
}

// SetOptions applies opt to later Synthesize calls. Rate (words per minute,
// 0 = the voice's own pace) divides length_scale by Rate/175; Volume (0 to
// 1, 0 = full) scales the peak-normalised audio; Voice, unless empty or the
// path of a .onnx file (the voice itself), picks the speaker as SetSpeaker
// does, and otherwise the speaker stays as it was.
func (v *Voice) SetOptions(opt speech.Options) error {
	if opt.Rate < 0 {
		return fmt.Errorf("piper: the rate is %d words per minute; it must not be negative", opt.Rate)
	}
	if opt.Volume < 0 || opt.Volume > 1 || math.IsNaN(opt.Volume) {
		return fmt.Errorf("piper: the volume is %v; it must be from 0 to 1", opt.Volume)
	}
	speaker := opt.Voice
	if strings.HasSuffix(strings.ToLower(speaker), ".onnx") {
		speaker = ""
	}
	id, err := v.speakerID(speaker)
	if err != nil {
		return err
	}
	rate := opt.Rate
	if rate > 0 {
		rate = min(max(rate, MinRate), MaxRate)
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	v.set.rate, v.set.volume = rate, opt.Volume
	if speaker != "" {
		v.set.speaker = id
	}
	return nil
}

// SetSpeaker picks the speaker of a multi-speaker voice by its name in
// speaker_id_map or by number; "" means speaker 0.
func (v *Voice) SetSpeaker(speaker string) error {
	id, err := v.speakerID(speaker)
	if err != nil {
		return err
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	v.set.speaker = id
	return nil
}

// speakerID resolves a speaker name or number.
func (v *Voice) speakerID(speaker string) (int64, error) {
	if speaker == "" {
		return 0, nil
	}
	if id, ok := v.cfg.SpeakerIDMap[speaker]; ok {
		return id, nil
	}
	id, err := strconv.ParseInt(speaker, 10, 64)
	if err == nil && id >= 0 && id < int64(v.cfg.NumSpeakers) {
		return id, nil
	}
	if v.cfg.NumSpeakers == 1 {
		return 0, fmt.Errorf("piper: voice %s has one speaker, so there is no speaker %q", v.path, speaker)
	}
	return 0, fmt.Errorf("piper: voice %s has no speaker %q; its speakers are %s and numbers 0 to %d",
		v.path, speaker, strings.Join(v.Speakers(), ", "), v.cfg.NumSpeakers-1)
}

// Phonemize returns the phonemes of each sentence of text as this voice
// takes them: eSpeak NG IPA with each clause's terminator put back, or for
// "text" voices the whole text, NFD-decomposed, as one sentence.
func (v *Voice) Phonemize(text string) ([]string, error) {
	if v.cfg.PhonemeType == PhonemeTypeText {
		if s := norm.NFD.String(text); s != "" {
			return []string{s}, nil
		}
		return nil, nil
	}
	clauses, err := espeak.Phonemize(v.cfg.ESpeakVoice, text)
	if err != nil {
		return nil, fmt.Errorf("piper: phonemize: %w", err)
	}
	return sentences(clauses), nil
}

// PhonemeIDs turns one sentence's phonemes into model ids; see
// [Config.PhonemeIDs]. Skipped phonemes go to v.Skipped.
func (v *Voice) PhonemeIDs(phonemes string) []int64 {
	return v.cfg.PhonemeIDs(phonemes, v.Skipped)
}

// Synthesize speaks text: one model run per sentence, each scaled by its
// own peak to 16-bit PCM, the sentences joined. Text with nothing to say
// (see [espeak.Speakable]) gives empty audio and no error. A cancelled ctx
// stops between sentences, or during a run, and returns ctx.Err().
func (v *Voice) Synthesize(ctx context.Context, text string) (speech.Audio, error) {
	start := time.Now()
	audio := speech.Audio{SampleRate: v.cfg.SampleRate}
	if !espeak.Speakable(text) {
		return audio, ctx.Err()
	}
	v.mu.Lock()
	set := v.set
	v.mu.Unlock()
	sents, err := v.Phonemize(text)
	if err != nil {
		return speech.Audio{}, err
	}
	st := Stats{Phonemize: time.Since(start)}
	for _, s := range sents {
		wave, err := v.run(ctx, v.PhonemeIDs(s), set, &st)
		if err != nil {
			return speech.Audio{}, err
		}
		audio.Samples = append(audio.Samples, toPCM(wave, set.volume)...)
	}
	if st.Runs > 0 {
		st.Calls, st.Samples, st.Wall = 1, len(audio.Samples), time.Since(start)
		v.addStats(st)
	}
	return audio, nil
}

// run runs the model once on ids and returns its waveform.
func (v *Voice) run(ctx context.Context, ids []int64, set settings, st *Stats) ([]float32, error) {
	n := int64(len(ids))
	length := v.cfg.LengthScale
	if set.rate > 0 {
		length = float32(float64(length) * speech.NormalRate / float64(set.rate))
	}
	in := map[string]inference.Tensor{
		v.io.input:   inference.NewInt64([]int64{1, n}, ids),
		v.io.lengths: inference.NewInt64([]int64{1}, []int64{n}),
		v.io.scales:  inference.NewFloat32([]int64{3}, []float32{v.cfg.NoiseScale, length, v.cfg.NoiseW}),
	}
	if v.io.sid != "" {
		in[v.io.sid] = inference.NewInt64([]int64{1}, []int64{set.speaker})
	}
	t0 := time.Now()
	out, err := v.sess.Run(ctx, in)
	st.Run += time.Since(t0)
	st.Runs++
	if err != nil {
		if ctxErr := ctx.Err(); ctxErr != nil && errors.Is(err, ctxErr) {
			return nil, ctxErr
		}
		return nil, fmt.Errorf("piper: voice %s: %w", v.path, err)
	}
	return waveform(out[v.io.output], v.path)
}

// waveform returns the samples of the model's output: [1,1,1,T] on real
// voices, [1,T] or [T] elsewhere; every dimension but the last must be 1.
func waveform(t inference.Tensor, path string) ([]float32, error) {
	data := t.Float32s()
	if data == nil {
		return nil, fmt.Errorf("piper: voice %s gave %v output; want float32", path, t.DType())
	}
	for i, d := range t.Shape {
		if i < len(t.Shape)-1 && d != 1 {
			return nil, fmt.Errorf("piper: voice %s gave output of shape %v; want [1, 1, 1, T]", path, t.Shape)
		}
	}
	return data, nil
}

// toPCM scales x by its peak to 16-bit samples, as Piper does
// (32767 / max(0.01, max|x|)), times volume (0 = 1).
func toPCM(x []float32, volume float64) []int16 {
	peak := 0.01
	for _, s := range x {
		if a := math.Abs(float64(s)); a > peak && !math.IsInf(a, 0) {
			peak = a
		}
	}
	if volume == 0 {
		volume = 1
	}
	scale := 32767 / peak * volume
	out := make([]int16, len(x))
	for i, s := range x {
		f := math.Round(float64(s) * scale)
		if math.IsNaN(f) {
			f = 0
		}
		out[i] = int16(min(max(f, -32767), 32767))
	}
	return out
}

func (v *Voice) addStats(st Stats) {
	v.mu.Lock()
	defer v.mu.Unlock()
	v.stats.Calls += st.Calls
	v.stats.Runs += st.Runs
	v.stats.Samples += st.Samples
	v.stats.Wall += st.Wall
	v.stats.Run += st.Run
	v.stats.Phonemize += st.Phonemize
}

// Stats returns what the voice has done since it was loaded or ResetStats
// was called.
func (v *Voice) Stats() Stats {
	v.mu.Lock()
	defer v.mu.Unlock()
	return v.stats
}

// ResetStats zeroes the voice's Stats.
func (v *Voice) ResetStats() {
	v.mu.Lock()
	defer v.mu.Unlock()
	v.stats = Stats{}
}

// Close releases the model. Closing twice is harmless.
func (v *Voice) Close() error {
	var err error
	v.close.Do(func() {
		if cerr := v.sess.Close(); cerr != nil {
			err = fmt.Errorf("piper: close voice %s: %w", v.path, cerr)
		}
	})
	return err
}
