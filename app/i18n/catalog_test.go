package i18n

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// used returns every message id the repository's Go code looks up with
// T or N, with where; a lookup whose id is not a literal is an error, as
// the catalog could not be checked for it.
func used(t *testing.T) map[string]string {
	t.Helper()
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	fset := token.NewFileSet()
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) && p != root {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(p, ".go") {
			return nil
		}
		f, err := parser.ParseFile(fset, p, nil, 0)
		if err == nil {
			scan(t, fset, f, out)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// scan adds the message ids that f looks up to out, with where.
func scan(t *testing.T, fset *token.FileSet, f *ast.File, out map[string]string) {
	ast.Inspect(f, func(n ast.Node) bool {
		if id, ok := lookup(t, fset, n); ok {
			out[id] = fset.Position(n.Pos()).String()
		}
		return true
	})
}

// lookup returns the id of an i18n.T or i18n.N call (or of T and N
// within this package).
func lookup(t *testing.T, fset *token.FileSet, n ast.Node) (string, bool) {
	call, ok := n.(*ast.CallExpr)
	if !ok || len(call.Args) == 0 {
		return "", false
	}
	name, inside := "", false
	switch fn := call.Fun.(type) {
	case *ast.SelectorExpr:
		if x, ok := fn.X.(*ast.Ident); ok && x.Name == "i18n" {
			name = fn.Sel.Name
		}
	case *ast.Ident:
		if strings.HasSuffix(fset.Position(fn.Pos()).Filename, filepath.Join("app", "i18n", "i18n.go")) {
			name, inside = fn.Name, true
		}
	}
	if name != "T" && name != "N" {
		return "", false
	}
	lit, ok := call.Args[0].(*ast.BasicLit)
	if (!ok || lit.Kind != token.STRING) && inside {
		return "", false // ByID passes its id on
	}
	if !ok || lit.Kind != token.STRING {
		t.Errorf("%s: a message id that is not a literal cannot be checked", fset.Position(call.Pos()))
		return "", false
	}
	id, _ := strconv.Unquote(lit.Value)
	return id, true
}

// catalog reads one language's messages: id → string or plural forms.
func catalog(t *testing.T, lang string) map[string]any {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("messages", lang+".json"))
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatalf("%s.json: %v", lang, err)
	}
	return m
}

var field = regexp.MustCompile(`\{\{\s*\.(\w+)\s*\}\}`)

// fields returns the template fields of a message, in all its forms.
func fields(v any) []string {
	var out []string
	add := func(s string) {
		for _, m := range field.FindAllStringSubmatch(s, -1) {
			out = append(out, m[1])
		}
	}
	switch v := v.(type) {
	case string:
		add(v)
	case map[string]any:
		for _, f := range v {
			if s, ok := f.(string); ok {
				add(s)
			}
		}
	}
	return out
}

// TestEveryShippedLanguageHasEveryMessage: each id the code uses is in
// every shipped language, with the plural forms that language needs
// (one and other) and no template field the English lacks; and no
// language file holds an id English does not.
func TestEveryShippedLanguageHasEveryMessage(t *testing.T) {
	ids := used(t)
	if len(ids) < 100 {
		t.Fatalf("found %d message lookups in the code; the scan is broken", len(ids))
	}
	en := catalog(t, English)
	for _, lang := range Shipped {
		t.Run(lang, func(t *testing.T) {
			msgs := catalog(t, lang)
			for _, id := range absent(ids, msgs) {
				t.Errorf("%s: message %q is missing from %s.json", ids[id], id, lang)
			}
			for id := range ids {
				if m, ok := msgs[id]; ok {
					checkForms(t, lang, id, m, en[id])
				}
			}
			for id := range msgs {
				if _, ok := en[id]; !ok {
					t.Errorf("%s.json has %q, which English lacks", lang, id)
				}
			}
		})
	}
}

// absent returns the ids, sorted, that msgs lacks.
func absent(ids map[string]string, msgs map[string]any) []string {
	var out []string
	for id := range ids {
		if _, ok := msgs[id]; !ok {
			out = append(out, id)
		}
	}
	slices.Sort(out)
	return out
}

// checkForms checks one message against its English original.
func checkForms(t *testing.T, lang, id string, m, english any) {
	t.Helper()
	if plural, ok := m.(map[string]any); ok {
		for _, form := range []string{"one", "other"} {
			if s, _ := plural[form].(string); s == "" {
				t.Errorf("%s: %q lacks its %q form", lang, id, form)
			}
		}
	} else if s, _ := m.(string); strings.TrimSpace(s) == "" {
		t.Errorf("%s: %q is empty", lang, id)
	}
	want := fields(english)
	for _, f := range fields(m) {
		if !slices.Contains(want, f) {
			t.Errorf("%s: %q uses {{.%s}}, which the code does not fill", lang, id, f)
		}
	}
}

// TestTheCatalogScanCatchesAMissingMessage: the check above fails for an
// id that no language has: the scan of the source finds the lookup, and
// every shipped catalog lacks it; Missing says the same.
func TestTheCatalogScanCatchesAMissingMessage(t *testing.T) {
	const src = `package x

import "github.com/describer/describer/app/i18n"

func f() string { return i18n.T("no.such-message") + i18n.N("text.heading", 2) }
`
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "x.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]string{}
	scan(t, fset, f, ids)
	if len(ids) != 2 || ids["no.such-message"] != "x.go:5:26" {
		t.Fatalf("scan found %v; want no.such-message at x.go:5:26 and text.heading", ids)
	}
	for _, lang := range Shipped {
		if got := absent(ids, catalog(t, lang)); !slices.Equal(got, []string{"no.such-message"}) {
			t.Errorf("%s.json lacks %q; want just no.such-message", lang, got)
		}
	}
	if got := Missing("no.such-message"); !slices.Equal(got, Shipped) {
		t.Errorf("Missing(unknown) = %v, want every shipped language %v", got, Shipped)
	}
	if got := Missing("text.heading"); len(got) != 0 {
		t.Errorf("Missing(text.heading) = %v, want none", got)
	}
}
