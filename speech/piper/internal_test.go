package piper

import (
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/describer/describer/inference"
	"github.com/describer/describer/speech/espeak"
)

func TestToPCM(t *testing.T) {
	for _, tc := range []struct {
		in     []float32
		volume float64
		want   []int16
	}{
		{[]float32{0.5, -0.25, 0}, 0, []int16{32767, -16384, 0}},
		{[]float32{0.5, -0.25, 0}, 0.5, []int16{16384, -8192, 0}},
		// Quiet audio is not blown up: the peak is at least 0.01.
		{[]float32{0.001, -0.004}, 0, []int16{3277, -13107}},
		{[]float32{2, -4}, 0, []int16{16384, -32767}},
		{[]float32{float32(math.NaN()), float32(math.Inf(1)), 0.5}, 0, []int16{0, 32767, 32767}},
		{nil, 0, []int16{}},
	} {
		if got := toPCM(tc.in, tc.volume); !slices.Equal(got, tc.want) {
			t.Errorf("toPCM(%v, %v) = %v; want %v", tc.in, tc.volume, got, tc.want)
		}
	}
}

func TestWaveform(t *testing.T) {
	data := []float32{1, 2, 3}
	for _, shape := range [][]int64{{1, 1, 1, 3}, {1, 3}, {3}} {
		got, err := waveform(inference.NewFloat32(shape, data), "v.onnx")
		if err != nil || !slices.Equal(got, data) {
			t.Errorf("shape %v: %v, %v", shape, got, err)
		}
	}
	for _, tensor := range []inference.Tensor{
		inference.NewFloat32([]int64{3, 1}, data),
		inference.NewInt64([]int64{1, 1}, []int64{1}),
	} {
		if _, err := waveform(tensor, "v.onnx"); err == nil {
			t.Errorf("shape %v, %v accepted", tensor.Shape, tensor.DType())
		}
	}
}

func TestSentences(t *testing.T) {
	c := func(ph, term string, end bool) espeak.Clause {
		return espeak.Clause{Phonemes: ph, Terminator: term, SentenceEnd: end}
	}
	for _, tc := range []struct {
		clauses []espeak.Clause
		want    []string
	}{
		{[]espeak.Clause{c("a", ".", true), c("b", "!", true)}, []string{"a.", "b!"}},
		{[]espeak.Clause{c("a", ",", false), c("b", ":", false), c("c", ";", false), c("d", "?", true)}, []string{"a, b: c; d?"}},
		// Piper joins a clause without a terminator straight to the next.
		{[]espeak.Clause{c("a", "", false), c("b", "", true)}, []string{"ab"}},
		{[]espeak.Clause{c("a", ",", false)}, []string{"a, "}},
		{nil, nil},
	} {
		if got := sentences(tc.clauses); !slices.Equal(got, tc.want) {
			t.Errorf("sentences(%v) = %q; want %q", tc.clauses, got, tc.want)
		}
	}
}

func TestParseConfigDefaults(t *testing.T) {
	c, err := ParseConfig([]byte(`{"audio":{"sample_rate":16000},"espeak":{"voice":"de"},
		"phoneme_id_map":{"^":[1],"_":[0],"$":[2],"a":[14]}}`), "v.onnx.json")
	if err != nil {
		t.Fatal(err)
	}
	if c.SampleRate != 16000 || c.ESpeakVoice != "de" || c.PhonemeType != PhonemeTypeESpeak ||
		c.NoiseScale != 0.667 || c.LengthScale != 1 || c.NoiseW != 0.8 || c.NumSpeakers != 1 {
		t.Errorf("config %+v", c)
	}
	if got := c.PhonemeIDs("aa", nil); !slices.Equal(got, []int64{1, 0, 14, 0, 14, 0, 2}) {
		t.Errorf("ids %v", got)
	}
}

func TestParseConfigErrors(t *testing.T) {
	const ok = `"audio":{"sample_rate":22050},"espeak":{"voice":"en-us"},"phoneme_id_map":{"^":[1],"_":[0],"$":[2]}`
	for _, tc := range []struct{ json, want string }{
		{`{`, "is not valid JSON"},
		{`[]`, "is not valid JSON"},
		{`{}`, "has no audio.sample_rate"},
		{`{"audio":{}}`, "has no audio.sample_rate"},
		{`{"audio":{"sample_rate":0}}`, "audio.sample_rate 0"},
		{`{"audio":{"sample_rate":"fast"}}`, "is not valid JSON"},
		{`{"audio":{"sample_rate":22050},"espeak":{"voice":"en-us"}}`, "has no phoneme_id_map"},
		{`{"audio":{"sample_rate":22050},"phoneme_id_map":{"^":[1],"_":[0],"$":[2]}}`, "has no espeak.voice"},
		{`{` + ok + `,"num_speakers":0}`, "num_speakers 0"},
		{`{` + ok + `,"num_speakers":2,"speaker_id_map":{"x":5}}`, `speaker_id_map["x"] = 5`},
		{`{` + ok + `,"inference":{"length_scale":0}}`, "inference.length_scale 0"},
		{`{"audio":{"sample_rate":22050},"espeak":{"voice":"en-us"},"phoneme_id_map":{"^":[1],"_":[0],"$":[2],"a":[-1]}}`, "negative id"},
	} {
		_, err := ParseConfig([]byte(tc.json), "v.onnx.json")
		if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.HasPrefix(err.Error(), "piper: voice config v.onnx.json ") {
			t.Errorf("ParseConfig(%s) = %v; want an error with %q", tc.json, err, tc.want)
		}
	}
}

// FuzzParseConfig: any bytes give a config or an error, never a panic, and
// a config it accepts can always map phonemes to ids.
func FuzzParseConfig(f *testing.F) {
	f.Add([]byte(`{"audio":{"sample_rate":22050},"espeak":{"voice":"en-us"},"phoneme_id_map":{"^":[1],"_":[0],"$":[2]}}`))
	f.Add([]byte(`{"audio":{"sample_rate":16000},"phoneme_type":"text","phoneme_id_map":{"^":[1],"_":[0],"$":[2],"a":[3,4]},"num_speakers":2,"speaker_id_map":{"x":1}}`))
	f.Add([]byte(`{"audio":null}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := ParseConfig(data, "fuzz.json")
		if err != nil {
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error %q has more than one line", err)
			}
			return
		}
		ids := c.PhonemeIDs("həlˈoʊ wˈɜːld.", nil)
		if len(ids) < 3 || c.SampleRate <= 0 || c.NumSpeakers < 1 || c.LengthScale <= 0 {
			t.Errorf("accepted config %+v gives ids %v", c, ids)
		}
	})
}
