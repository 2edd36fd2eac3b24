//go:build ocrpeer

package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/describer/describer/inference/ocr/ocreval"
)

// evalSet is one set of images scored for one or two OCR engines.
type evalSet struct {
	name   string
	images []ocreval.Image
	// runs holds, per engine ("ours", "peer"), its output by image name;
	// an engine whose results file is absent is left out.
	runs map[string]map[string]row
}

// engines is the order the engines are printed in.
var engines = []string{"ours", "peer"}

// score prints the accuracy table of each NAME=DIR in sets from the JSON
// lines in results (NAME.ours.jsonl, NAME.peer.jsonl), per image too with
// verbose.
func score(w io.Writer, results string, sets []string, verbose bool) error {
	var all []evalSet
	for _, s := range sets {
		name, dir, ok := strings.Cut(s, "=")
		if !ok {
			return fmt.Errorf("set %q: want NAME=DIR", s)
		}
		images, err := ocreval.ReadSet(dir)
		if err != nil {
			return err
		}
		es := evalSet{name: name, images: images, runs: map[string]map[string]row{}}
		for _, e := range engines {
			rows, err := readRows(filepath.Join(results, name+"."+e+".jsonl"))
			if errors.Is(err, fs.ErrNotExist) {
				continue
			}
			if err != nil {
				return err
			}
			es.runs[e] = rows
		}
		all = append(all, es)
	}
	if verbose {
		for _, es := range all {
			printImages(w, es)
		}
	}
	printTotals(w, all)
	return nil
}

func readRows(path string) (map[string]row, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	out := map[string]row{}
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 16<<20)
	for sc.Scan() {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var r row
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		out[r.Name] = r
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return out, nil
}

// scores returns an engine's scores over the set and its total time in
// seconds; an image the engine has no result for is an error.
func (es evalSet) scores(engine string) ([]ocreval.Score, float64, error) {
	rows := es.runs[engine]
	out := make([]ocreval.Score, 0, len(es.images))
	var ms float64
	for _, im := range es.images {
		r, ok := rows[im.Name]
		if !ok {
			return nil, 0, fmt.Errorf("%s: no %s result for %s", es.name, engine, im.Name)
		}
		out = append(out, ocreval.Compare(im.Truth, r.Text))
		ms += r.MS
	}
	return out, ms / 1000, nil
}

func printTotals(w io.Writer, all []evalSet) {
	fmt.Fprintln(w, "CER after whitespace normalisation, mean over all images; word and row recall, mean over images with text;")
	fmt.Fprintln(w, "invented: images without text given some; time: one run per image, after one warm-up.")
	fmt.Fprintf(w, "%-10s %7s  %-5s %7s %7s %7s %9s %9s\n", "set", "images", "OCR", "CER", "words", "rows", "invented", "time s")
	for _, es := range all {
		first := true
		for _, e := range engines {
			if _, ok := es.runs[e]; !ok {
				continue
			}
			set, n := "", ""
			if first {
				set, n = es.name, fmt.Sprint(len(es.images))
				first = false
			}
			sc, secs, err := es.scores(e)
			if err != nil {
				fmt.Fprintf(w, "%-10s %7s  %-5s %v\n", set, n, e, err)
				continue
			}
			t := ocreval.Summarize(sc)
			fmt.Fprintf(w, "%-10s %7s  %-5s %7.3f %7.3f %7.3f %9d %9.1f\n",
				set, n, e, t.MeanCER, t.MeanWordRecall, t.MeanRowRecall, t.Invented, secs)
		}
		if first {
			fmt.Fprintf(w, "%-10s %7d  no results\n", es.name, len(es.images))
		}
	}
	if len(all) > 0 {
		if _, ok := all[0].runs["peer"]; !ok {
			fmt.Fprintln(w, "(no peer figures: node or the peer @gutenye/ocr-node is missing)")
		}
	}
}

func printImages(w io.Writer, es evalSet) {
	fmt.Fprintf(w, "== %s: CER / word recall / row recall per image\n", es.name)
	fmt.Fprintf(w, "%-30s", "image")
	for _, e := range engines {
		if _, ok := es.runs[e]; ok {
			fmt.Fprintf(w, " %-22s", e)
		}
	}
	fmt.Fprintln(w)
	for _, im := range es.images {
		fmt.Fprintf(w, "%-30s", strings.TrimSuffix(im.Name, ".png"))
		for _, e := range engines {
			rows, ok := es.runs[e]
			if !ok {
				continue
			}
			r, ok := rows[im.Name]
			if !ok {
				fmt.Fprintf(w, " %-22s", "-")
				continue
			}
			s := ocreval.Compare(im.Truth, r.Text)
			fmt.Fprintf(w, " %6.3f %6.3f %6.3f   ", s.CER, s.WordRecall(), s.RowRecall())
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintln(w)
}
