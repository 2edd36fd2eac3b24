// Package imaging is Describer's one image decoder and its pixel helpers,
// used by the models, the app and screen capture alike: DecodeImage and
// LoadImage read PNG, JPEG, GIF, BMP, TIFF and WebP (and DecodeDIB the
// clipboard's bitmaps) with a pixel limit, errors a person can read, and
// decoder panics recovered; ResizeRGB and ResizeCHW resize exactly as Pillow
// does, the latter into the float planes a model takes; IsBlank tells a flat
// screen from one worth describing.
package imaging
