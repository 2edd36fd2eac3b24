// Package florence2 captions images with Microsoft's Florence-2 as
// onnx-community/Florence-2-base-ft exports it and transformers.js runs it
// (models/florence2/modeling_florence2.js and processing_florence2.js,
// models/modeling_utils.js): a vision encoder, token embeddings, a BART
// encoder over the image's features followed by the task's prompt, and
// optimum's merged decoder with its key/value cache. Three caption tasks
// give three levels of detail. testdata/README.md holds the contract in
// full.
package florence2
