package captioneval

import (
	"strings"
	"testing"
)

func TestReadAnnotationsErrors(t *testing.T) {
	tests := []struct{ name, json, want string }{
		{"not JSON", `{"images": [`, "not COCO JSON"},
		{"an array", `[]`, "not COCO JSON"},
		{"trailing text", `{"images": [{"id": 1}]} x`, "more follows"},
		{"no images", `{"annotations": []}`, "no images"},
		{"image without id", `{"images": [{"file_name": "a.jpg"}]}`, "has no id"},
		{"bad id", `{"images": [{"id": true}]}`, "number or a string"},
		{"image twice", `{"images": [{"id": 1}, {"id": 1}]}`, "image 1 twice"},
		{"caption missing", `{"images": [{"id": 1}], "annotations": [{"image_id": 1}]}`, "no image_id or no caption"},
		{"unknown image", `{"images": [{"id": 1}], "annotations": [{"image_id": 2, "caption": "x"}]}`, "do not list"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadAnnotations(strings.NewReader(tt.json))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want one saying %q", err, tt.want)
			}
		})
	}
}

func TestReadResultsErrors(t *testing.T) {
	tests := []struct{ name, json, want string }{
		{"not JSON", `[{"image_id": 1`, "not COCO JSON"},
		{"an object", `{"image_id": 1, "caption": "x"}`, "not COCO JSON"},
		{"empty", `[]`, "no captions"},
		{"caption missing", `[{"image_id": 1}]`, "no image_id or no caption"},
		{"image twice", `[{"image_id": 1, "caption": "x"}, {"image_id": 1, "caption": "y"}]`, "image 1 twice"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadResults(strings.NewReader(tt.json))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want one saying %q", err, tt.want)
			}
		})
	}
}

func TestPair(t *testing.T) {
	a, err := ReadAnnotations(strings.NewReader(`{"images": [{"id": 2, "file_name": "b.jpg"}, {"id": "x"}, {"id": 1}],
		"annotations": [{"image_id": 1, "caption": "one"}, {"image_id": 2, "caption": "two"},
		{"image_id": 1, "caption": "uno"}, {"image_id": "x", "caption": "ex"}]}`))
	if err != nil {
		t.Fatal(err)
	}
	res, err := ReadResults(strings.NewReader(`[{"image_id": 1, "caption": "c1"}, {"image_id": 2, "caption": "c2"}]`))
	if err != nil {
		t.Fatal(err)
	}
	got, err := a.Pair(res)
	if err != nil {
		t.Fatal(err)
	}
	// the annotations' order; image x has no result
	if len(got) != 2 || got[0].ID != "2" || got[1].ID != "1" || got[1].Cand != "c1" ||
		strings.Join(got[1].Refs, "|") != "one|uno" || a.Images[0].FileName != "b.jpg" {
		t.Errorf("Pair = %+v", got)
	}
	for _, bad := range []string{`[{"image_id": 3, "caption": "c"}]`} {
		res, _ := ReadResults(strings.NewReader(bad))
		if _, err := a.Pair(res); err == nil {
			t.Errorf("Pair(%s) gave no error", bad)
		}
	}
}

func FuzzReadAnnotations(f *testing.F) {
	f.Add([]byte(`{"images": [{"id": 1, "file_name": "a.jpg"}], "annotations": [{"image_id": 1, "caption": "A dog."}]}`))
	f.Add([]byte(`{"images": [{"id": "x"}, {"id": 2.5}], "annotations": []}`))
	f.Add([]byte(`{"images": null}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		a, err := ReadAnnotations(strings.NewReader(string(b)))
		if err != nil {
			return
		}
		if len(a.Images) == 0 || len(a.Refs) != len(a.Images) {
			t.Fatalf("%d images, %d with references", len(a.Images), len(a.Refs))
		}
		for _, im := range a.Images {
			if im.ID == "" || a.Refs[im.ID] == nil {
				t.Fatalf("image %q has no entry in Refs", im.ID)
			}
		}
	})
}

func FuzzReadResults(f *testing.F) {
	f.Add([]byte(`[{"image_id": 1, "caption": "A dog."}, {"image_id": "b", "caption": ""}]`))
	f.Add([]byte(`[{"image_id": 1e3, "caption": "x"}]`))
	f.Add([]byte(`[null]`))
	f.Fuzz(func(t *testing.T, b []byte) {
		res, err := ReadResults(strings.NewReader(string(b)))
		if err != nil {
			return
		}
		seen := make(map[ImageID]bool)
		for _, r := range res {
			if seen[r.ImageID] {
				t.Fatalf("image %q twice", r.ImageID)
			}
			seen[r.ImageID] = true
		}
		if len(res) == 0 {
			t.Fatal("no results and no error")
		}
	})
}
