package ocr

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"strings"
)

// Charset maps the recogniser's CTC classes to text, as PaddleOCR's
// CTCLabelDecode with use_space_char does: class 0 is the CTC blank, then
// one class per line of the keys file in file order, then a space.
type Charset struct {
	chars []string // index = class; chars[0] is the blank ("")
}

// LoadCharset reads a PaddleOCR keys file (one character a line, such as
// ppocr_keys_v1.txt).
func LoadCharset(path string) (*Charset, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("ocr: read the character set: %w", err)
	}
	cs, err := ParseCharset(data)
	if err != nil {
		return nil, fmt.Errorf("ocr: %s: %w", path, err)
	}
	return cs, nil
}

// ParseCharset parses a keys file's contents. A line's trailing "\r" and
// "\n" are dropped; other characters, spaces included, are kept.
func ParseCharset(data []byte) (*Charset, error) {
	chars := []string{""}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		chars = append(chars, strings.TrimRight(sc.Text(), "\r\n"))
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if len(chars) == 1 {
		return nil, fmt.Errorf("the character set is empty")
	}
	chars = append(chars, " ")
	return &Charset{chars: chars}, nil
}

// Classes returns the number of classes the recogniser must output:
// blank, keys and space.
func (c *Charset) Classes() int { return len(c.chars) }

// Char returns class i's text ("" for the blank or an unknown class).
func (c *Charset) Char(i int) string {
	if i <= 0 || i >= len(c.chars) {
		return ""
	}
	return c.chars[i]
}

// Decode greedily decodes one line's CTC output, probs holding T rows of
// classes probabilities each: the most probable class per timestep,
// repeats collapsed, blanks dropped (PaddleOCR's CTCLabelDecode). Unlike
// PaddleOCR it also drops spaces at either end, which the margin around a
// detected box tends to produce. The confidence is the mean probability of
// the characters kept, 0 when none are.
func (c *Charset) Decode(probs []float32, classes int) (string, float64) {
	if classes <= 0 {
		return "", 0
	}
	var cls []int
	var ps []float32
	prev := -1
	for t := 0; t+classes <= len(probs); t += classes {
		row := probs[t : t+classes]
		best, bp := 0, row[0]
		for k, p := range row[1:] {
			if p > bp {
				best, bp = k+1, p
			}
		}
		if best != prev && best != 0 {
			cls = append(cls, best)
			ps = append(ps, bp)
		}
		prev = best
	}
	isSpace := func(k int) bool { return strings.TrimSpace(c.Char(k)) == "" }
	for len(cls) > 0 && isSpace(cls[0]) {
		cls, ps = cls[1:], ps[1:]
	}
	for len(cls) > 0 && isSpace(cls[len(cls)-1]) {
		cls, ps = cls[:len(cls)-1], ps[:len(ps)-1]
	}
	if len(cls) == 0 {
		return "", 0
	}
	var sb strings.Builder
	var sum float64
	for i, k := range cls {
		sb.WriteString(c.Char(k))
		sum += float64(ps[i])
	}
	return sb.String(), sum / float64(len(cls))
}
