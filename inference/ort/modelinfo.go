package ort

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

	"google.golang.org/protobuf/encoding/protowire"

	"github.com/describer/describer/inference"
)

// ONNX protobuf field numbers (onnx/onnx.proto3) and element types used here.
const (
	modelGraph = 7 // ModelProto.graph

	graphInitializer       = 5  // GraphProto.initializer (TensorProto)
	graphInput             = 11 // GraphProto.input (ValueInfoProto)
	graphOutput            = 12 // GraphProto.output (ValueInfoProto)
	graphSparseInitializer = 15 // GraphProto.sparse_initializer

	tensorName         = 8 // TensorProto.name
	sparseTensorValues = 1 // SparseTensorProto.values (TensorProto)

	valueInfoName = 1 // ValueInfoProto.name
	valueInfoType = 2 // ValueInfoProto.type (TypeProto)
	typeTensor    = 1 // TypeProto.tensor_type
	tensorElem    = 1 // TypeProto.Tensor.elem_type
	tensorShape   = 2 // TypeProto.Tensor.shape
	shapeDim      = 1 // TensorShapeProto.dim
	dimValue      = 1 // Dimension.dim_value
	dimParam      = 2 // Dimension.dim_param

	onnxFloat  = 1
	onnxInt64  = 7
	onnxBool   = 9
	onnxString = 8
)

// Limits on the small messages read into memory; anything larger is damage.
const (
	maxValueInfoBytes = 1 << 20
	maxNameBytes      = 64 << 10
)

// onnxTypeNames names the ONNX element types that can appear in messages.
var onnxTypeNames = map[int32]string{
	1: "float32", 2: "uint8", 3: "int8", 4: "uint16", 5: "int16", 6: "int32", 7: "int64",
	8: "string", 9: "bool", 10: "float16", 11: "float64", 12: "uint32", 13: "uint64",
	14: "complex64", 15: "complex128", 16: "bfloat16",
}

// elemTypeName returns a readable name for an ONNX element type.
func elemTypeName(elem int32) string {
	if elem == 0 {
		return "a non-tensor type"
	}
	if n, ok := onnxTypeNames[elem]; ok {
		return n
	}
	return fmt.Sprintf("ONNX type %d", elem)
}

// dtypeOf maps an ONNX element type to the types Describer feeds; 0 for
// any other.
func dtypeOf(elem int32) inference.DType {
	switch elem {
	case onnxFloat:
		return inference.Float32
	case onnxInt64:
		return inference.Int64
	case onnxBool:
		return inference.Bool
	}
	return 0
}

// ioDecl is one graph input or output as the model declares it.
type ioDecl struct {
	Name string
	// Elem is the ONNX element type; 0 when the value is not a tensor.
	Elem int32
	// Shape has -1 for dynamic dimensions. It is nil when the model
	// declares no shape (rank unknown) and empty for a scalar.
	Shape []int64
}

// info converts d to the form [inference.Session] reports.
func (d ioDecl) info() inference.IOInfo {
	return inference.IOInfo{Name: d.Name, DType: dtypeOf(d.Elem), Shape: d.Shape}
}

// modelInfo holds the inputs and outputs a model declares, in order.
type modelInfo struct {
	Inputs  []ioDecl
	Outputs []ioDecl
}

// readModelInfo reads the declared inputs and outputs of the ONNX model at
// path without reading its weights into memory.
func readModelInfo(path string) (*modelInfo, error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, sentence(nil, err, "ort: model file %s does not exist", path)
	}
	if err != nil {
		return nil, fmt.Errorf("ort: open model: %w", err)
	}
	defer f.Close() // read-only; a close error loses nothing
	st, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("ort: open model: %w", err)
	}
	if st.IsDir() {
		return nil, fmt.Errorf("ort: model %s is a directory, not an ONNX file", path)
	}
	info, err := parseModelInfo(f, st.Size())
	if err != nil {
		return nil, damaged(path, err)
	}
	return info, nil
}

// damaged returns the error for a model file that cannot be parsed.
func damaged(path string, cause error) error {
	return sentence(ErrModelDamaged, cause, "ort: model file %s is %v: %v", path, ErrModelDamaged, cause)
}

// parseModelInfo parses a serialised ModelProto of the given size from r,
// seeking over every field it does not need.
func parseModelInfo(r io.ReadSeeker, size int64) (*modelInfo, error) {
	p := &pbReader{src: r, buf: bufio.NewReaderSize(r, 32<<10), size: size}
	var g graphNames
	found := false
	err := p.fields(size, func(num protowire.Number, typ protowire.Type) error {
		if num != modelGraph || typ != protowire.BytesType {
			return p.skip(typ)
		}
		found = true
		n, err := p.length()
		if err != nil {
			return err
		}
		return g.parse(p, p.pos+n)
	})
	if err != nil {
		return nil, err
	}
	if !found {
		return nil, errors.New("it has no graph")
	}
	return g.info(), nil
}

// graphNames collects what GraphProto says about inputs and outputs.
type graphNames struct {
	inputs, outputs []ioDecl
	initializers    map[string]bool
}

func (g *graphNames) parse(p *pbReader, end int64) error {
	return p.fields(end, func(num protowire.Number, typ protowire.Type) error {
		if typ != protowire.BytesType {
			return p.skip(typ)
		}
		switch num {
		case graphInput, graphOutput:
			return g.valueInfo(p, num == graphInput)
		case graphInitializer:
			return g.initializer(p, tensorName)
		case graphSparseInitializer:
			return g.initializer(p, sparseTensorValues)
		}
		return p.skip(typ)
	})
}

func (g *graphNames) valueInfo(p *pbReader, input bool) error {
	b, err := p.message(maxValueInfoBytes)
	if err != nil {
		return err
	}
	d, err := parseValueInfo(b)
	if err != nil {
		return err
	}
	if input {
		g.inputs = append(g.inputs, d)
	} else {
		g.outputs = append(g.outputs, d)
	}
	return nil
}

// initializer records the name of a TensorProto (field tensorName) or of a
// SparseTensorProto's values (field sparseTensorValues), skipping its data.
func (g *graphNames) initializer(p *pbReader, field protowire.Number) error {
	n, err := p.length()
	if err != nil {
		return err
	}
	return p.fields(p.pos+n, func(num protowire.Number, typ protowire.Type) error {
		switch {
		case typ != protowire.BytesType || num != field:
			return p.skip(typ)
		case field == sparseTensorValues:
			return g.initializer(p, tensorName)
		}
		b, err := p.message(maxNameBytes)
		if err != nil {
			return err
		}
		if g.initializers == nil {
			g.initializers = map[string]bool{}
		}
		g.initializers[string(b)] = true
		return nil
	})
}

// info returns the graph's inputs without initializers (as ONNX Runtime
// reports them) and its outputs.
func (g *graphNames) info() *modelInfo {
	m := &modelInfo{Outputs: g.outputs}
	for _, in := range g.inputs {
		if !g.initializers[in.Name] {
			m.Inputs = append(m.Inputs, in)
		}
	}
	return m
}

// parseValueInfo decodes a ValueInfoProto.
func parseValueInfo(b []byte) (ioDecl, error) {
	var d ioDecl
	err := eachField(b, func(num protowire.Number, typ protowire.Type, v []byte) error {
		switch {
		case num == valueInfoName && typ == protowire.BytesType:
			d.Name = string(v)
		case num == valueInfoType && typ == protowire.BytesType:
			return eachField(v, func(num protowire.Number, typ protowire.Type, v []byte) error {
				if num == typeTensor && typ == protowire.BytesType {
					return parseTensorType(v, &d)
				}
				return nil
			})
		}
		return nil
	})
	if err != nil {
		return ioDecl{}, err
	}
	if d.Name == "" {
		return ioDecl{}, errors.New("a graph input or output has no name")
	}
	return d, nil
}

// parseTensorType decodes TypeProto.Tensor into d.
func parseTensorType(b []byte, d *ioDecl) error {
	return eachField(b, func(num protowire.Number, typ protowire.Type, v []byte) error {
		switch {
		case num == tensorElem && typ == protowire.VarintType:
			e, _ := protowire.ConsumeVarint(v)
			d.Elem = int32(e)
		case num == tensorShape && typ == protowire.BytesType:
			d.Shape = []int64{}
			return eachField(v, func(num protowire.Number, typ protowire.Type, v []byte) error {
				if num == shapeDim && typ == protowire.BytesType {
					d.Shape = append(d.Shape, parseDim(v))
				}
				return nil
			})
		}
		return nil
	})
}

// parseDim decodes TensorShapeProto.Dimension: its value, or -1 when it is
// symbolic or unknown.
func parseDim(b []byte) int64 {
	dim := int64(-1)
	_ = eachField(b, func(num protowire.Number, typ protowire.Type, v []byte) error {
		if num == dimValue && typ == protowire.VarintType {
			x, _ := protowire.ConsumeVarint(v)
			dim = int64(x)
		}
		return nil
	})
	if dim < 0 {
		return -1
	}
	return dim
}

// eachField calls fn for every field of the message in b. For varint
// fields v holds the encoded varint; for bytes fields, the contents.
func eachField(b []byte, fn func(num protowire.Number, typ protowire.Type, v []byte) error) error {
	for len(b) > 0 {
		num, typ, n := protowire.ConsumeTag(b)
		if n < 0 {
			return protowire.ParseError(n)
		}
		b = b[n:]
		m := protowire.ConsumeFieldValue(num, typ, b)
		if m < 0 {
			return protowire.ParseError(m)
		}
		v := b[:m]
		if typ == protowire.BytesType {
			v, _ = protowire.ConsumeBytes(v)
		}
		if err := fn(num, typ, v); err != nil {
			return err
		}
		b = b[m:]
	}
	return nil
}

// pbReader reads protobuf fields from a file, seeking over large ones.
type pbReader struct {
	src  io.ReadSeeker
	buf  *bufio.Reader
	pos  int64 // offset of the next unread byte
	size int64 // size of the whole input
}

// errTruncated reports input that ends inside a field.
var errTruncated = errors.New("it ends in the middle of a field (truncated)")

// fields calls fn for each field tag up to offset end; fn must consume the
// field's value.
func (p *pbReader) fields(end int64, fn func(protowire.Number, protowire.Type) error) error {
	if end > p.size {
		return errTruncated
	}
	for p.pos < end {
		v, err := p.varint()
		if err != nil {
			return err
		}
		num, typ := protowire.DecodeTag(v)
		if num < protowire.MinValidNumber || num > protowire.MaxValidNumber {
			return fmt.Errorf("invalid protobuf field number at byte %d", p.pos)
		}
		if err := fn(num, typ); err != nil {
			return err
		}
	}
	if p.pos != end {
		return fmt.Errorf("a field overruns its message at byte %d", p.pos)
	}
	return nil
}

func (p *pbReader) varint() (uint64, error) {
	var x uint64
	for i := 0; i < binary.MaxVarintLen64; i++ {
		c, err := p.buf.ReadByte()
		if err == io.EOF {
			return 0, errTruncated
		}
		if err != nil {
			return 0, err
		}
		p.pos++
		x |= uint64(c&0x7f) << (7 * i)
		if c < 0x80 {
			return x, nil
		}
	}
	return 0, fmt.Errorf("invalid varint at byte %d", p.pos)
}

// length reads a length prefix and checks it against the input size.
func (p *pbReader) length() (int64, error) {
	n, err := p.varint()
	if err != nil {
		return 0, err
	}
	if n > uint64(p.size-p.pos) {
		return 0, errTruncated
	}
	return int64(n), nil
}

// skip consumes a field value of wire type typ without keeping it.
func (p *pbReader) skip(typ protowire.Type) error {
	switch typ {
	case protowire.VarintType:
		_, err := p.varint()
		return err
	case protowire.Fixed32Type:
		return p.discard(4)
	case protowire.Fixed64Type:
		return p.discard(8)
	case protowire.BytesType:
		n, err := p.length()
		if err != nil {
			return err
		}
		return p.discard(n)
	}
	return fmt.Errorf("unsupported protobuf wire type %d at byte %d", typ, p.pos)
}

// discard moves n bytes forward, seeking when they are not buffered.
func (p *pbReader) discard(n int64) error {
	if n > p.size-p.pos {
		return errTruncated
	}
	if n <= int64(p.buf.Buffered()) {
		_, err := p.buf.Discard(int(n))
		p.pos += n
		return err
	}
	if _, err := p.src.Seek(p.pos+n, io.SeekStart); err != nil {
		return err
	}
	p.buf.Reset(p.src)
	p.pos += n
	return nil
}

// message reads a length-prefixed value of at most limit bytes.
func (p *pbReader) message(limit int64) ([]byte, error) {
	n, err := p.length()
	if err != nil {
		return nil, err
	}
	if n > limit {
		return nil, fmt.Errorf("a %d-byte field at byte %d is larger than any valid one", n, p.pos)
	}
	b := make([]byte, n)
	if _, err := io.ReadFull(p.buf, b); err != nil {
		if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
			return nil, errTruncated
		}
		return nil, err
	}
	p.pos += n
	return b, nil
}
