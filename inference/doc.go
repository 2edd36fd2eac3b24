// Package inference is the seam between Describer's models and whatever
// runs them: the small Session interface over plain tensors (inference/ort
// implements it with ONNX Runtime, tests with anything), and what every
// caption model returns — Caption with its Timings, CaptionOptions, and the
// errors a caller branches on.
//
// The models and their helpers live below it: inference/imaging decodes,
// resizes and checks images; inference/generate holds the generation
// settings and the greedy and beam search that encoder-decoder captioners
// share; inference/vitgpt2 is the ViT-GPT2 captioner; inference/ocr reads
// text.
package inference
