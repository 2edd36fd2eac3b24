package captioneval

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// ImageID is a COCO image id: a JSON number (COCO's) or string, kept as
// written.
type ImageID string

// UnmarshalJSON reads a number or a string.
func (id *ImageID) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err == nil {
		*id = ImageID(s)
		return nil
	}
	var n json.Number
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	if err := d.Decode(&n); err != nil {
		return fmt.Errorf("an image id must be a number or a string, not %s", b)
	}
	*id = ImageID(n)
	return nil
}

// Annotations are a COCO captions annotations file: the images and the
// captions people wrote for them.
type Annotations struct {
	// Images in the file's order.
	Images []AnnotatedImage
	// Refs holds each image's captions, in the file's order.
	Refs map[ImageID][]string
}

// AnnotatedImage is one entry of an annotations file's "images".
type AnnotatedImage struct {
	// ID is the image's id.
	ID ImageID `json:"id"`
	// FileName is the image file's name, relative to the images' folder.
	FileName string `json:"file_name"`
}

// Result is one caption of a COCO results file.
type Result struct {
	// ImageID is the id of the image captioned.
	ImageID ImageID `json:"image_id"`
	// Caption is the caption.
	Caption string `json:"caption"`
}

// rawCaption is an entry of "annotations", or of a results file, with
// its fields' presence checked.
type rawCaption struct {
	ImageID *ImageID `json:"image_id"`
	Caption *string  `json:"caption"`
}

// ReadAnnotations reads a COCO captions annotations file:
// {"images": [{"id", "file_name"}, …], "annotations": [{"image_id",
// "caption"}, …]}; other fields are ignored.
func ReadAnnotations(r io.Reader) (*Annotations, error) {
	var raw struct {
		Images      []*AnnotatedImage `json:"images"`
		Annotations []*rawCaption     `json:"annotations"`
	}
	if err := decodeJSON(r, &raw); err != nil {
		return nil, err
	}
	a := &Annotations{Refs: make(map[ImageID][]string)}
	for i, im := range raw.Images {
		if err := a.addImage(i, im); err != nil {
			return nil, err
		}
	}
	for i, c := range raw.Annotations {
		if err := a.addCaption(i, c); err != nil {
			return nil, err
		}
	}
	if len(a.Images) == 0 {
		return nil, errors.New(`the annotations list no images ("images" is empty or missing)`)
	}
	return a, nil
}

func (a *Annotations) addImage(i int, im *AnnotatedImage) error {
	switch {
	case im == nil || im.ID == "":
		return fmt.Errorf("image %d of the annotations has no id", i+1)
	case a.Refs[im.ID] != nil:
		return fmt.Errorf("the annotations list image %s twice", im.ID)
	}
	a.Images = append(a.Images, *im)
	a.Refs[im.ID] = []string{}
	return nil
}

func (a *Annotations) addCaption(i int, c *rawCaption) error {
	switch {
	case c == nil || c.ImageID == nil || c.Caption == nil:
		return fmt.Errorf("annotation %d has no image_id or no caption", i+1)
	case a.Refs[*c.ImageID] == nil:
		return fmt.Errorf("annotation %d is of image %s, which the annotations do not list", i+1, *c.ImageID)
	}
	a.Refs[*c.ImageID] = append(a.Refs[*c.ImageID], *c.Caption)
	return nil
}

// ReadResults reads a COCO results file: [{"image_id", "caption"}, …],
// one caption an image.
func ReadResults(r io.Reader) ([]Result, error) {
	var raw []*rawCaption
	if err := decodeJSON(r, &raw); err != nil {
		return nil, err
	}
	seen := make(map[ImageID]bool)
	out := make([]Result, 0, len(raw))
	for i, c := range raw {
		switch {
		case c == nil || c.ImageID == nil || c.Caption == nil:
			return nil, fmt.Errorf("result %d has no image_id or no caption", i+1)
		case seen[*c.ImageID]:
			return nil, fmt.Errorf("the results caption image %s twice", *c.ImageID)
		}
		seen[*c.ImageID] = true
		out = append(out, Result{ImageID: *c.ImageID, Caption: *c.Caption})
	}
	if len(out) == 0 {
		return nil, errors.New("the results hold no captions")
	}
	return out, nil
}

// decodeJSON decodes one JSON value from r into v, and nothing after it.
func decodeJSON(r io.Reader, v any) error {
	d := json.NewDecoder(r)
	if err := d.Decode(v); err != nil {
		return fmt.Errorf("not COCO JSON: %w", jsonProblem(err))
	}
	if _, err := d.Token(); err != io.EOF {
		return errors.New("not COCO JSON: more follows the JSON value")
	}
	return nil
}

// jsonProblem says in a sentence what is wrong with the JSON.
func jsonProblem(err error) error {
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syntax):
		return fmt.Errorf("%s at byte %d", syntax, syntax.Offset)
	case errors.As(err, &typ) && typ.Field != "":
		return fmt.Errorf("%q holds a JSON %s, which is not what COCO puts there", typ.Field, typ.Value)
	case errors.As(err, &typ):
		return fmt.Errorf("a JSON %s stands where COCO has something else", typ.Value)
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return errors.New("the file ends too soon")
	}
	return err
}

// Pair joins results with the annotations, in the annotations' order of
// images, as COCOEvalCap scores the images of a results file. An image
// without a result is left out; a result for an image the annotations
// do not list, or one without references, is an error.
func (a *Annotations) Pair(results []Result) ([]Image, error) {
	cands := make(map[ImageID]string, len(results))
	for _, r := range results {
		refs, ok := a.Refs[r.ImageID]
		switch {
		case !ok:
			return nil, fmt.Errorf("the results caption image %s, which the annotations do not list", r.ImageID)
		case len(refs) == 0:
			return nil, fmt.Errorf("image %s has no reference caption in the annotations", r.ImageID)
		}
		cands[r.ImageID] = r.Caption
	}
	var out []Image
	for _, im := range a.Images {
		if c, ok := cands[im.ID]; ok {
			out = append(out, Image{ID: string(im.ID), Refs: a.Refs[im.ID], Cand: c})
		}
	}
	return out, nil
}
