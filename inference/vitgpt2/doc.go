// Package vitgpt2 is the ViT-GPT2 caption model
// (nlpconnect/vit-gpt2-image-captioning as Xenova exports it to ONNX): its
// model folder, its ViTImageProcessor preprocessing, its GPT-2 merged
// decoder with a key/value cache, and GPT-2 byte-level BPE decoding. It
// generates with package generate and runs through inference.Session.
package vitgpt2
