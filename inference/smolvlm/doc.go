// Package smolvlm answers questions about an image with Hugging Face's
// SmolVLM-256M-Instruct (Idefics3) as its own onnx/ folder exports it and
// transformers.js runs it (models/idefics3/*.js, models/modeling_utils.js):
// a vision encoder over 512×512 tiles, token embeddings, and a Llama
// decoder with grouped-query attention and a key/value cache, decoded
// greedily to <end_of_utterance>. A Conversation keeps an image's
// features and the cache of its earlier turns, so a follow-up question
// pays for its new tokens only. testdata/README.md holds the contract.
package smolvlm
