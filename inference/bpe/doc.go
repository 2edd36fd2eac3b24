// Package bpe reads a Hugging Face byte-level BPE tokenizer (tokenizer.json,
// as GPT-2 and BART use) and turns text into token ids and ids back into
// text the way transformers does. The caption models share it.
package bpe
