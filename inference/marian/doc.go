// Package marian translates text with a MarianMT model (Helsinki-NLP's
// opus-mt-en-XX) as the Xenova/opus-mt-en-XX ONNX exports hold it and
// transformers.js runs it (models/marian/*, models/modeling_utils.js): a
// SentencePiece tokenizer (tokenizer.json), an encoder, and optimum's
// merged decoder with its key/value cache, decoded greedily or with beam
// search (the shared generate package). testdata/README.md holds the
// contract.
package marian
