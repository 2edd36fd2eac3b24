// Package inference is Describer's model code in pure Go: image loading and
// preprocessing, blank-image detection, GPT-2 byte-level token decoding,
// and greedy and beam search over a merged decoder with a key/value cache.
// Models run through the small Session interface; inference/ort implements
// it with ONNX Runtime, and tests can implement it with anything.
package inference
