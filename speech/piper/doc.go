// Package piper speaks with Piper neural voices: VITS models exported to
// ONNX, run through the project's ONNX Runtime layer.
//
// A voice is two files, NAME.onnx and NAME.onnx.json. [LoadVoice] reads the
// JSON ([Config]), opens the model with the [inference.SessionOpener] it is
// given, and checks that the model has Piper's inputs (input, input_lengths,
// scales and, for multi-speaker voices, sid). [Voice.Synthesize] follows the
// Piper contract: text → eSpeak NG IPA phonemes, sentence by sentence
// (package espeak) → phoneme ids (^ _ then each phoneme's ids and _, then $)
// → one model run per sentence with scales = [noise_scale, length_scale,
// noise_w] → the last dimension of output, scaled by its peak to 16-bit PCM.
package piper
