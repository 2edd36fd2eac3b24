package ort

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"google.golang.org/protobuf/encoding/protowire"
)

func TestReadModelInfoTestdata(t *testing.T) {
	tests := []struct {
		model         string
		inputs, outpt []ioDecl
	}{
		{"add.onnx",
			[]ioDecl{{"a", onnxFloat, []int64{-1, 3}}, {"b", onnxFloat, []int64{-1, 3}}}, // not "bias": an initializer
			[]ioDecl{{"sum", onnxFloat, []int64{-1, 3}}}},
		{"types.onnx",
			[]ioDecl{{"ids", onnxInt64, []int64{1, -1}}, {"mask", onnxBool, []int64{1, -1}}},
			[]ioDecl{{"doubled", onnxInt64, []int64{1, -1}}, {"inverted", onnxBool, []int64{1, -1}}, {"count", onnxInt64, []int64{}}}},
		{"kvcache.onnx",
			[]ioDecl{{"past", onnxFloat, []int64{1, 12, -1, 64}}, {"key", onnxFloat, []int64{1, 12, -1, 64}}},
			[]ioDecl{{"present", onnxFloat, []int64{1, 12, -1, 64}}}},
	}
	for _, tt := range tests {
		t.Run(tt.model, func(t *testing.T) {
			info, err := readModelInfo(testModel(tt.model))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(info.Inputs, tt.inputs) || !reflect.DeepEqual(info.Outputs, tt.outpt) {
				t.Errorf("got inputs %v outputs %v\nwant inputs %v outputs %v", info.Inputs, info.Outputs, tt.inputs, tt.outpt)
			}
		})
	}
}

func TestParseModelInfoUnusualDeclarations(t *testing.T) {
	dimless := pbBytes(nil, shapeDim, nil) // a Dimension with neither value nor name
	shapeWithBlank := pbBytes(nil, tensorShape, dimless)
	blank := pbBytes(nil, valueInfoName, []byte("blank"))
	blank = pbBytes(blank, valueInfoType, pbBytes(nil, typeTensor, append(pbVarint(nil, tensorElem, onnxFloat), shapeWithBlank...)))
	seqType := pbBytes(nil, 4, nil) // TypeProto.sequence_type: not a tensor
	seq := pbBytes(pbBytes(nil, valueInfoName, []byte("seq")), valueInfoType, seqType)
	sparse := pbBytes(nil, sparseTensorValues, pbBytes(nil, tensorName, []byte("sparse_w")))

	g := pbBytes(nil, graphSparseInitializer, sparse)
	g = pbBytes(g, graphInput, onnxValueInfo("noshape", onnxFloat, nil))
	g = pbBytes(g, graphInput, onnxValueInfo("scalar", onnxInt64, []any{}))
	g = pbBytes(g, graphInput, blank)
	g = pbBytes(g, graphInput, seq)
	g = pbBytes(g, graphInput, onnxValueInfo("sparse_w", onnxFloat, []any{4}))
	g = pbBytes(g, graphOutput, onnxValueInfo("y", onnxFloat, []any{"n", 2}))
	model := onnxModel(g)

	info, err := parseModelInfo(bytes.NewReader(model), int64(len(model)))
	if err != nil {
		t.Fatal(err)
	}
	want := &modelInfo{
		Inputs: []ioDecl{
			{"noshape", onnxFloat, nil},
			{"scalar", onnxInt64, []int64{}},
			{"blank", onnxFloat, []int64{-1}},
			{"seq", 0, nil},
		},
		Outputs: []ioDecl{{"y", onnxFloat, []int64{-1, 2}}},
	}
	if !reflect.DeepEqual(info, want) {
		t.Errorf("got  %+v\nwant %+v", info, want)
	}
}

// countingFile counts the bytes read through it.
type countingFile struct {
	*os.File
	read int64
}

func (c *countingFile) Read(p []byte) (int, error) {
	n, err := c.File.Read(p)
	c.read += int64(n)
	return n, err
}

// TestParseModelInfoSkipsWeights writes a model whose 256 MiB initializer
// comes before the graph inputs (as protobuf field order puts it) and checks
// that the parser seeks over it instead of reading it.
func TestParseModelInfoSkipsWeights(t *testing.T) {
	const weightBytes = 256 << 20
	// The initializer's name, then the header of its raw_data field; the
	// data itself is a hole in a sparse file.
	tensorHead := pbBytes(nil, tensorName, []byte("w"))
	tensorHead = protowire.AppendTag(tensorHead, 9, protowire.BytesType) // TensorProto.raw_data
	tensorHead = protowire.AppendVarint(tensorHead, weightBytes)
	tensorLen := len(tensorHead) + weightBytes
	tail := pbBytes(nil, graphInput, onnxValueInfo("x", onnxFloat, []any{"n"}))
	tail = pbBytes(tail, graphInput, onnxValueInfo("w", onnxFloat, []any{weightBytes / 4}))
	tail = pbBytes(tail, graphOutput, onnxValueInfo("y", onnxFloat, []any{"n"}))

	initHead := protowire.AppendTag(nil, graphInitializer, protowire.BytesType)
	initHead = protowire.AppendVarint(initHead, uint64(tensorLen))
	graphLen := len(initHead) + tensorLen + len(tail)
	head := pbVarint(nil, 1, 8)
	head = protowire.AppendTag(head, modelGraph, protowire.BytesType)
	head = protowire.AppendVarint(head, uint64(graphLen))
	head = append(append(head, initHead...), tensorHead...)

	path := filepath.Join(t.TempDir(), "big.onnx")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.Write(head); err != nil {
		t.Fatal(err)
	}
	if _, err := f.Seek(weightBytes, io.SeekCurrent); err != nil {
		t.Fatal(err)
	}
	if _, err := f.Write(tail); err != nil {
		t.Fatal(err)
	}
	size, err := f.Seek(0, io.SeekEnd)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		t.Fatal(err)
	}

	cf := &countingFile{File: f}
	info, err := parseModelInfo(cf, size)
	if err != nil {
		t.Fatal(err)
	}
	if len(info.Inputs) != 1 || info.Inputs[0].Name != "x" || len(info.Outputs) != 1 {
		t.Errorf("info = %+v; want input x (w is an initializer) and output y", info)
	}
	if cf.read > 1<<20 {
		t.Errorf("read %d bytes of a %d-byte model; want the weights skipped", cf.read, size)
	}
	t.Logf("read %d of %d bytes", cf.read, size)
}

func TestReadModelInfoErrors(t *testing.T) {
	whole, err := os.ReadFile(testModel("add.onnx"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	tests := []struct {
		name, path string
		want       string
	}{
		{"truncated", write("half.onnx", whole[:len(whole)/2]), "truncated"},
		{"text", write("notes.onnx", []byte("these are not the weights you are looking for\n")), ""},
		{"empty", write("empty.onnx", nil), "it has no graph"},
		{"no graph", write("nograph.onnx", pbVarint(nil, 1, 8)), "it has no graph"},
		{"huge value info", write("huge.onnx", onnxModel(protowire.AppendVarint(
			protowire.AppendTag(nil, graphInput, protowire.BytesType), 1<<40))), "truncated"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := readModelInfo(tt.path)
			if !errors.Is(err, ErrModelDamaged) {
				t.Fatalf("err = %v; want ErrModelDamaged", err)
			}
			prefix := "ort: model file " + tt.path + " is damaged or not an ONNX model: "
			if !strings.HasPrefix(err.Error(), prefix) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %q; want %q…%q", err, prefix, tt.want)
			}
		})
	}
	_, err = readModelInfo(filepath.Join(dir, "missing.onnx"))
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing file: err = %v; want fs.ErrNotExist", err)
	}
}

// TestParseModelInfoEveryPrefix cuts add.onnx at every byte: no prefix may
// panic, and every cut inside the graph must be reported.
func TestParseModelInfoEveryPrefix(t *testing.T) {
	whole, err := os.ReadFile(testModel("add.onnx"))
	if err != nil {
		t.Fatal(err)
	}
	for n := 0; n < len(whole); n++ {
		info, err := parseModelInfo(bytes.NewReader(whole[:n]), int64(n))
		if err == nil && len(info.Inputs) == 2 && len(info.Outputs) == 1 {
			continue // cut after the graph, in a trailing field
		}
		if err == nil {
			t.Errorf("prefix %d parsed as %+v without error", n, info)
		}
	}
}

func FuzzParseModelInfo(f *testing.F) {
	for _, name := range []string{"add.onnx", "types.onnx", "kvcache.onnx", "slow.onnx"} {
		b, err := os.ReadFile(testModel(name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add(probeModel())
	f.Fuzz(func(t *testing.T, b []byte) {
		info, err := parseModelInfo(bytes.NewReader(b), int64(len(b)))
		if err == nil && info == nil {
			t.Fatal("nil info without error")
		}
	})
}
