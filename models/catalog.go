package models

// File is one file of a model set, relative to the set's folder.
type File struct {
	// Path is relative to the set's folder, with forward slashes.
	Path string
	// URL is where the publisher serves the file over HTTPS.
	URL string
	// Optional files are used when present and not required.
	Optional bool
	// Alternatives name other files that can stand in for this one (the
	// fp32 export for the quantized one).
	Alternatives []string
}

// Set is a group of files that together make one model.
type Set struct {
	// Name is the short name used on the command line ("caption").
	Name string
	// Title is the publisher's name for the model.
	Title string
	// Folder is the set's folder name under ModelsDir.
	Folder string
	// Licence is the SPDX identifier of the model's licence.
	Licence string
	// Source is the page that documents the model.
	Source string
	// Files lists what the set needs.
	Files []File
}

const hfXenova = "https://huggingface.co/Xenova/vit-gpt2-image-captioning/resolve/main/"

// Caption is the first caption model: the ONNX port of
// nlpconnect/vit-gpt2-image-captioning (Apache-2.0), int8 quantized.
var Caption = Set{
	Name:    "caption",
	Title:   "Xenova/vit-gpt2-image-captioning",
	Folder:  "vit-gpt2-image-captioning",
	Licence: "Apache-2.0",
	Source:  "https://huggingface.co/Xenova/vit-gpt2-image-captioning",
	Files: []File{
		{Path: "config.json", URL: hfXenova + "config.json"},
		{Path: "generation_config.json", URL: hfXenova + "generation_config.json", Optional: true},
		{Path: "preprocessor_config.json", URL: hfXenova + "preprocessor_config.json"},
		{Path: "tokenizer.json", URL: hfXenova + "tokenizer.json"},
		{Path: "tokenizer_config.json", URL: hfXenova + "tokenizer_config.json", Optional: true},
		{Path: "onnx/encoder_model_quantized.onnx", URL: hfXenova + "onnx/encoder_model_quantized.onnx",
			Alternatives: []string{"onnx/encoder_model.onnx"}},
		{Path: "onnx/decoder_model_merged_quantized.onnx", URL: hfXenova + "onnx/decoder_model_merged_quantized.onnx",
			Alternatives: []string{"onnx/decoder_model_merged.onnx"}},
	},
}

// Sets lists every model set Describer knows.
var Sets = []Set{Caption}
