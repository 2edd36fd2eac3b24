package piper_test

import (
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/describer/describer/speech"
	"github.com/describer/describer/speech/piper"
)

// Hand-worked phonemes and ids. The IPA is eSpeak NG's (en-us, checked
// against espeak-ng -q --ipa -v en-us); Piper appends each clause's
// terminator, and a space after , : ;. The ids come from Piper's standard
// en_US phoneme_id_map (testdata/tone.onnx.json = Piper's own test voice
// map): ^=1 _=0 $=2 ' '=3 !=4 ,=8 .=10 ?=13 a=14 d=17 f=19 h=20 i=21 k=23
// l=24 m=25 n=26 o=27 p=28 s=31 t=32 u=33 v=34 w=35 z=38 æ=39 ð=41 ə=59
// ɜ=62 ɔ=54 ɪ=74 ɹ=88 ʊ=100 ʌ=102 ˈ=120 ː=122 θ=126. Each sentence is
// ^ _, then every phoneme's id followed by _ (0), then $.
var handWorked = []struct {
	text      string
	sentences []string
	ids       [][]int64
}{
	{
		"Hello world.",
		[]string{"həlˈoʊ wˈɜːld."},
		[][]int64{{1, 0,
			20, 0, 59, 0, 24, 0, 120, 0, 27, 0, 100, 0, // h ə l ˈ o ʊ
			3, 0, // space
			35, 0, 120, 0, 62, 0, 122, 0, 24, 0, 17, 0, // w ˈ ɜ ː l d
			10, 0, // .
			2}},
	},
	{
		"Is it 3.5?",
		[]string{"ɪz ɪt θɹˈiː pɔɪnt fˈaɪv?"},
		[][]int64{{1, 0,
			74, 0, 38, 0, 3, 0, // ɪ z space
			74, 0, 32, 0, 3, 0, // ɪ t space
			126, 0, 88, 0, 120, 0, 21, 0, 122, 0, 3, 0, // θ ɹ ˈ i ː space
			28, 0, 54, 0, 74, 0, 26, 0, 32, 0, 3, 0, // p ɔ ɪ n t space
			19, 0, 120, 0, 14, 0, 74, 0, 34, 0, // f ˈ a ɪ v
			13, 0, // ?
			2}},
	},
	{
		"One, two.",
		[]string{"wˈʌn, tˈuː."},
		[][]int64{{1, 0,
			35, 0, 120, 0, 102, 0, 26, 0, // w ˈ ʌ n
			8, 0, 3, 0, // , and the space Piper adds after it
			32, 0, 120, 0, 33, 0, 122, 0, // t ˈ u ː
			10, 0, // .
			2}},
	},
	{
		"The cat sat on the mat. It was happy!",
		[]string{"ðə kˈæt sˈæt ɔnðə mˈæt.", "ɪt wʌz hˈæpi!"},
		[][]int64{
			{1, 0,
				41, 0, 59, 0, 3, 0, // ð ə space
				23, 0, 120, 0, 39, 0, 32, 0, 3, 0, // k ˈ æ t space
				31, 0, 120, 0, 39, 0, 32, 0, 3, 0, // s ˈ æ t space
				54, 0, 26, 0, 41, 0, 59, 0, 3, 0, // ɔ n ð ə space
				25, 0, 120, 0, 39, 0, 32, 0, // m ˈ æ t
				10, 0, // .
				2},
			{1, 0,
				74, 0, 32, 0, 3, 0, // ɪ t space
				35, 0, 102, 0, 38, 0, 3, 0, // w ʌ z space
				20, 0, 120, 0, 39, 0, 28, 0, 21, 0, // h ˈ æ p i
				4, 0, // !
				2},
		},
	},
}

func TestHandWorkedIDs(t *testing.T) {
	v := mustLoad(t, toneVoice)
	for _, tc := range handWorked {
		t.Run(tc.text, func(t *testing.T) {
			sents, err := v.Phonemize(tc.text)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(sents, tc.sentences) {
				t.Fatalf("sentences %q; want %q", sents, tc.sentences)
			}
			var want []int64
			for i, s := range sents {
				if got := v.PhonemeIDs(s); !slices.Equal(got, tc.ids[i]) {
					t.Errorf("ids of %q:\ngot  %v\nwant %v", s, got, tc.ids[i])
				}
				want = append(want, tc.ids[i]...)
			}
			// End to end: the fixture's audio spells out the same ids, one
			// model run per sentence.
			v.ResetStats()
			a := mustSay(t, v, tc.text)
			if len(a.Samples) != len(want)*burstLen {
				t.Fatalf("%d samples; want %d ids × %d", len(a.Samples), len(want), burstLen)
			}
			if got, _ := decode(a.Samples, burstLen); !slices.Equal(got, want) {
				t.Errorf("ids decoded from the audio:\ngot  %v\nwant %v", got, want)
			}
			if st := v.Stats(); st.Runs != len(tc.sentences) || st.Calls != 1 || st.Samples != len(a.Samples) {
				t.Errorf("stats %+v; want %d runs in 1 call", st, len(tc.sentences))
			}
		})
	}
}

// TestPiperTestVoice runs Piper's own export (random weights, silence out):
// the real signature loads and runs.
func TestPiperTestVoice(t *testing.T) {
	v := mustLoad(t, piperTestVoice)
	if v.SampleRate() != 22050 || v.Config().NumSpeakers != 1 || v.Config().ESpeakVoice != "en-us" {
		t.Errorf("config %+v", v.Config())
	}
	if d := mustSay(t, v, "Hello world.").Duration(); d < 0.5 || d > 1.5 {
		t.Errorf("one sentence gives %.2f s of audio; Piper's test voice gives about 1 s", d)
	}
	v.ResetStats()
	a := mustSay(t, v, "Hello world. This is a test.")
	if d := a.Duration(); d < 1 || d > 3 {
		t.Errorf("two sentences give %.2f s of audio; want about 2 s", d)
	}
	if st := v.Stats(); st.Runs != 2 {
		t.Errorf("%d model runs; want one per sentence (2)", st.Runs)
	}
	t.Logf("Piper's test voice: %d samples (%.2f s), peak %d", len(a.Samples), a.Duration(), peak(a.Samples))
}

// TestScalesOrder gives noise_scale and noise_w values that would change the
// burst length if they were in length_scale's slot.
func TestScalesOrder(t *testing.T) {
	for _, tc := range []struct {
		noise, length, noiseW float64
		burst                 int
	}{
		{0.25, 1, 3, 512},
		{3, 2, 0.25, 1024},
		{0.667, 0.5, 0.8, 256},
	} {
		t.Run(fmt.Sprintf("length_scale %v", tc.length), func(t *testing.T) {
			path := voiceWith(t, toneVoice, func(cfg map[string]any) {
				cfg["inference"] = map[string]any{"noise_scale": tc.noise, "length_scale": tc.length, "noise_w": tc.noiseW}
			})
			v := mustLoad(t, path)
			a := mustSay(t, v, "Hello world.")
			want := handWorked[0].ids[0]
			if len(a.Samples) != len(want)*tc.burst {
				t.Fatalf("%d samples; want %d ids × %d", len(a.Samples), len(want), tc.burst)
			}
			if tc.burst >= 512 {
				if got, _ := decode(a.Samples, tc.burst); !slices.Equal(got, want) {
					t.Errorf("decoded %v; want %v", got, want)
				}
			}
		})
	}
}

func TestRate(t *testing.T) {
	v := mustLoad(t, toneVoice)
	n := len(handWorked[0].ids[0])
	for _, tc := range []struct {
		rate, burst int
	}{{0, 512}, {175, 512}, {350, 256}, {90, 1024}} {
		if err := v.SetOptions(speech.Options{Rate: tc.rate}); err != nil {
			t.Fatal(err)
		}
		if got := len(mustSay(t, v, "Hello world.").Samples); got != n*tc.burst {
			t.Errorf("rate %d: %d samples; want %d", tc.rate, got, n*tc.burst)
		}
	}
}

func TestPeakScaling(t *testing.T) {
	v := mustLoad(t, toneVoice)
	if p := peak(mustSay(t, v, "Hello world.").Samples); p != 32767 {
		t.Errorf("peak %d; the fixture's 0.5 should scale to 32767", p)
	}
	if err := v.SetOptions(speech.Options{Volume: 0.5}); err != nil {
		t.Fatal(err)
	}
	if p := peak(mustSay(t, v, "Hello world.").Samples); p != 16384 {
		t.Errorf("peak %d at volume 0.5; want 16384", p)
	}
}

func TestSpeakers(t *testing.T) {
	v := mustLoad(t, multiVoice)
	if got := v.Speakers(); !slices.Equal(got, []string{"alice", "bob", "carol"}) {
		t.Errorf("speakers %q", got)
	}
	for _, tc := range []struct {
		speaker string
		byOpts  bool
		sid     int
	}{
		{"", false, 0}, {"alice", false, 0}, {"bob", false, 1}, {"carol", false, 2},
		{"1", false, 1}, {"2", true, 2}, {"bob", true, 1},
	} {
		t.Run(fmt.Sprintf("%q", tc.speaker), func(t *testing.T) {
			var err error
			if tc.byOpts {
				err = v.SetOptions(speech.Options{Voice: tc.speaker})
			} else {
				err = v.SetSpeaker(tc.speaker)
			}
			if err != nil {
				t.Fatal(err)
			}
			a := mustSay(t, v, "Hello world.")
			ids, levels := decode(a.Samples, burstLen)
			if !slices.Equal(ids, handWorked[0].ids[0]) {
				t.Errorf("decoded %v", ids)
			}
			// The first burst plays at 0.8, the rest at 0.8·(sid+1)/3.
			ratio := levels[2] / levels[0]
			if want := float64(tc.sid+1) / 3; math.Abs(ratio-want) > 0.01 {
				t.Errorf("level ratio %.3f; want %.3f for speaker %d", ratio, want, tc.sid)
			}
		})
	}
	for _, bad := range []string{"dave", "3", "-1"} {
		err := v.SetSpeaker(bad)
		if err == nil || !strings.Contains(err.Error(), "alice, bob, carol") {
			t.Errorf("SetSpeaker(%q) = %v; want an error listing the speakers", bad, err)
		}
	}
	single := mustLoad(t, toneVoice)
	if err := single.SetSpeaker("bob"); err == nil {
		t.Error("a single-speaker voice accepted speaker bob")
	}
	if err := single.SetOptions(speech.Options{Voice: "/voices/en_US-tone.onnx"}); err != nil {
		t.Errorf("a voice path in Options.Voice: %v", err)
	}
}

func TestTextPhonemes(t *testing.T) {
	path := voiceWith(t, toneVoice, func(cfg map[string]any) {
		cfg["phoneme_type"] = "text"
		delete(cfg, "espeak")
	})
	v := mustLoad(t, path)
	var skipped []string
	v.Skipped = func(p string) { skipped = append(skipped, p) }
	sents, err := v.Phonemize("Hi.")
	if err != nil || !slices.Equal(sents, []string{"Hi."}) {
		t.Fatalf("Phonemize = %q, %v", sents, err)
	}
	// The standard map has no capital H: it is skipped, and reported.
	want := []int64{1, 0, 21, 0, 10, 0, 2}
	if got := v.PhonemeIDs("Hi."); !slices.Equal(got, want) {
		t.Errorf("ids %v; want %v", got, want)
	}
	if !slices.Equal(skipped, []string{"H"}) {
		t.Errorf("skipped %q; want [H]", skipped)
	}
	// NFD: é is e and a combining acute accent, which the map lacks.
	if got := v.PhonemeIDs("é"); !slices.Equal(got, []int64{1, 0, 18, 0, 2}) {
		t.Errorf("ids of é: %v", got)
	}
}

func TestNothingToSay(t *testing.T) {
	v := mustLoad(t, toneVoice)
	for _, text := range []string{"", "  \n", "!!!", "...?", "😀👍🎉", "— …"} {
		a, err := v.Synthesize(context.Background(), text)
		if err != nil || len(a.Samples) != 0 || a.SampleRate != 22050 {
			t.Errorf("%q: %d samples at %d Hz, %v; want empty audio at 22050 Hz", text, len(a.Samples), a.SampleRate, err)
		}
	}
	if st := v.Stats(); st.Runs != 0 {
		t.Errorf("the model ran %d times", st.Runs)
	}
}

func TestCancelled(t *testing.T) {
	v := mustLoad(t, toneVoice)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := v.Synthesize(ctx, "Hello world."); !errors.Is(err, context.Canceled) {
		t.Errorf("got %v; want context.Canceled", err)
	}
}

func TestBadOptions(t *testing.T) {
	v := mustLoad(t, toneVoice)
	for _, opt := range []speech.Options{{Rate: -5}, {Volume: 2}, {Volume: math.NaN()}} {
		if err := v.SetOptions(opt); err == nil {
			t.Errorf("SetOptions(%+v) succeeded", opt)
		}
	}
}

// TestBadVoices checks that every broken voice gives one sentence naming
// the file.
func TestBadVoices(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	model, err := os.ReadFile(toneVoice)
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := os.ReadFile(toneVoice + ".json")
	if err != nil {
		t.Fatal(err)
	}
	truncated := write("truncated.onnx", model[:len(model)/2])
	write("truncated.onnx.json", cfg)
	noConfig := write("noconfig.onnx", model)
	notPiper := write("add.onnx", must(os.ReadFile("../../inference/ort/testdata/add.onnx")))
	write("add.onnx.json", cfg)
	for _, tc := range []struct {
		name, path string
		want       []string
	}{
		{"missing model", filepath.Join(dir, "nothing.onnx"), []string{"nothing.onnx does not exist"}},
		{"missing config", noConfig, []string{"has no config file", "noconfig.onnx.json"}},
		{"no sample rate", voiceWith(t, toneVoice, func(c map[string]any) { delete(c, "audio") }), []string{"tone.onnx.json has no audio.sample_rate"}},
		{"no id map", voiceWith(t, toneVoice, func(c map[string]any) { delete(c, "phoneme_id_map") }), []string{"tone.onnx.json has no phoneme_id_map"}},
		{"no pad", voiceWith(t, toneVoice, func(c map[string]any) { delete(c["phoneme_id_map"].(map[string]any), "_") }), []string{`has no ids for "_"`}},
		{"no espeak voice", voiceWith(t, toneVoice, func(c map[string]any) { delete(c, "espeak") }), []string{"has no espeak.voice"}},
		{"pinyin", voiceWith(t, toneVoice, func(c map[string]any) { c["phoneme_type"] = "pinyin" }), []string{`phoneme_type "pinyin"`}},
		{"speakers without sid", voiceWith(t, toneVoice, func(c map[string]any) { c["num_speakers"] = 4 }), []string{"4 speakers", "no sid input"}},
		{"truncated model", truncated, []string{"truncated.onnx", "damaged"}},
		{"not a voice", notPiper, []string{"add.onnx is not a Piper voice"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v, err := piper.LoadVoice(tc.path, opener(t))
			if err == nil {
				v.Close()
				t.Fatal("loaded")
			}
			msg := err.Error()
			for _, w := range tc.want {
				if !strings.Contains(msg, w) {
					t.Errorf("error %q lacks %q", msg, w)
				}
			}
			if strings.Contains(msg, "\n") || !strings.HasPrefix(msg, "piper: ") {
				t.Errorf("error %q is not one piper: sentence", msg)
			}
		})
	}
	// Malformed JSON.
	bad := voiceWith(t, toneVoice, func(map[string]any) {})
	if err := os.WriteFile(bad+".json", []byte(`{"audio": {"sample_rate": 22050,`), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := piper.LoadVoice(bad, opener(t)); err == nil || !strings.Contains(err.Error(), "is not valid JSON") {
		t.Errorf("malformed JSON: %v", err)
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}
